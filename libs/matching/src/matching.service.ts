import { Capability, Scenario, recordNotifications, usersOfOrganization } from '@app/database';
import { NotificationsProducer } from '@app/queue';
import { SearchEngine, ownerDisplayName } from '@app/search';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { CapabilityProfileStore } from './capability-profile.store';
import { buildCandidateQueries, buildScenarioQueries } from './candidate-query.builder';
import { toMatchCapability, toMatchScenario } from './match-inputs';
import { rankCandidates, rankScenarios, scoreCandidate } from './match.scorer';
import type { MatchCapability, MatchResult, MatchScenario } from './matching.types';
import { collectRetrievalSignals } from './retrieval-signals';
import { SCORING_CONFIG } from './scoring.config';
import { TermStatisticsCache } from './term-statistics.cache';

export interface MatchingOptions {
  /** How many suggestions each side keeps (the broker's shortlist). */
  maxStoredPerEntity: number;
  /** Below this score a candidate is not worth showing at all. */
  storeFloor: number;
  /** Hits per query form. */
  retrievalLimit: number;
  /** Scenarios matched side by side during rematch-all. */
  rematchConcurrency: number;
}

export const MATCHING_OPTIONS = 'MATCHING_OPTIONS';

export const DEFAULT_MATCHING_OPTIONS: MatchingOptions = {
  maxStoredPerEntity: 50,
  storeFloor: 0.3,
  retrievalLimit: 100,
  rematchConcurrency: 4,
};

export type MatchSideKey = 'scenario' | 'capability';

export interface MatchRunResult {
  /** Why nothing was scored, when nothing was. */
  skipped?: 'missing' | 'not_public';
  /** Every scored candidate, best first (the benchmark writes its run from this). */
  ranked: MatchResult[];
  stored: number;
  removed: number;
  notified: number;
  retrievalMillis: number;
  scoringMillis: number;
}

interface PersistRow {
  scenarioId: string;
  capabilityId: string;
  score: number;
  breakdown: MatchResult['features'];
  explanation: string;
  scenarioVersion: number;
  capabilityVersion: number;
  listed: boolean;
}

/**
 * Engine inputs by row version: the engine caches each text's segmentation on the input object, and the
 * same capabilities are candidates for many scenarios, so reusing the object saves most of the scoring time.
 */
class InputCache<T extends object> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly capacity: number) {}

  get(key: string, make: () => T): T {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const value = make();
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }
}

const versionKey = (row: { id: string; version: number; updatedAt: Date; organization?: { updatedAt: Date } }, day: Date): string =>
  `${row.id}:${row.version}:${row.updatedAt?.getTime?.() ?? 0}:${row.organization?.updatedAt?.getTime?.() ?? 0}:${day.getTime()}`;

/** TypeORM hands back `[rows, affected]` for UPDATE/DELETE … RETURNING and plain rows for INSERT/SELECT. */
function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

/** Freshness is explained per day: a rerun the same day must store exactly the same breakdown. */
function today(): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

const EMPTY: Omit<MatchRunResult, 'skipped'> = { ranked: [], stored: 0, removed: 0, notified: 0, retrievalMillis: 0, scoringMillis: 0 };

/**
 * Runs the engine against the live market and stores the result: retrieval through Meilisearch, full rows
 * from PostgreSQL, scoring by @app/matching, and an idempotent upsert of the `matches` rows. Running a job
 * twice stores the same rows; rows a party has acted on are never deleted.
 */
@Injectable()
export class MatchingService {
  private readonly logger = new Logger(MatchingService.name);
  readonly options: MatchingOptions;
  private readonly capabilityInputs = new InputCache<MatchCapability>(5000);
  private readonly scenarioInputs = new InputCache<MatchScenario>(2000);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: SearchEngine,
    private readonly termStatistics: TermStatisticsCache,
    private readonly notifications: NotificationsProducer,
    private readonly profiles: CapabilityProfileStore,
    @Optional() @Inject(MATCHING_OPTIONS) options?: Partial<MatchingOptions>,
  ) {
    this.options = { ...DEFAULT_MATCHING_OPTIONS, ...(options ?? {}) };
  }

  /** Suggested capabilities for a scenario (推荐供给). */
  async matchScenario(scenarioId: string, { reuseRetrieval = false }: { reuseRetrieval?: boolean } = {}): Promise<MatchRunResult> {
    const scenario = await this.dataSource.getRepository(Scenario).findOne({ where: { id: scenarioId }, relations: { organization: true } });
    if (!scenario) return { ...EMPTY, skipped: 'missing' };
    if (scenario.status !== 'published') {
      const removed = await this.retire('scenario', scenarioId);
      return { ...EMPTY, removed, skipped: 'not_public' };
    }
    const stats = await this.termStatistics.current();
    const started = performance.now();
    const input = toMatchScenario(scenario);
    let candidateIds = reuseRetrieval ? await this.storedCandidates(scenarioId, scenario.version) : null;
    // Built only when retrieving: extracting key phrases segments the whole demand, and scoring never reads them.
    let queries: ReturnType<typeof buildCandidateQueries> | undefined;
    if (!candidateIds) {
      queries = buildCandidateQueries(input, { termStatistics: stats, limit: this.options.retrievalLimit });
      const hitLists = await this.engine.searchCandidates('capabilities', queries);
      candidateIds = collectRetrievalSignals(queries, hitLists).candidateIds;
      await this.dataSource.query(
        `INSERT INTO scenario_match_candidates (scenario_id, scenario_version, capability_ids) VALUES ($1, $2, $3::uuid[])
         ON CONFLICT (scenario_id) DO UPDATE SET scenario_version = EXCLUDED.scenario_version, capability_ids = EXCLUDED.capability_ids, retrieved_at = now()`,
        [scenarioId, scenario.version, candidateIds],
      );
    }
    const retrievalMillis = performance.now() - started;

    const existing = await this.existingCounterparts('scenario', scenarioId);
    const ids = [...new Set([...candidateIds, ...existing])];
    const capabilities = ids.length
      ? await this.dataSource.getRepository(Capability).find({ where: { id: In(ids), status: 'published' }, relations: { organization: true } })
      : [];
    // An organization is not suggested to itself.
    const eligible = capabilities.filter((capability) => capability.organizationId !== scenario.organizationId);
    const at = today();
    const inputs = new Map(
      eligible.map((capability) => [capability.id, this.capabilityInputs.get(versionKey(capability, at), () => toMatchCapability(capability, capability.organization, at))]),
    );
    await this.profiles.prime([...inputs.values()]);
    const context = { termStatistics: stats, queries, now: at };
    // Retrieval ranks only choose the candidates: a stored score must not depend on which side searched.
    const ranked = rankCandidates(input, [...inputs.values()], undefined, { ...context, explain: false });
    const scoringMillis = performance.now() - started - retrievalMillis;
    const versions = new Map(eligible.map((capability) => [capability.id, capability.version]));
    const listed = this.shortlist(ranked);
    const rows: PersistRow[] = ranked
      .filter((result) => listed.has(result.capabilityId) || existing.has(result.capabilityId))
      .map((result) => ({
        scenarioId,
        capabilityId: result.capabilityId,
        score: result.score,
        breakdown: result.features,
        explanation: scoreCandidate(input, inputs.get(result.capabilityId) as MatchCapability, context).explanation,
        scenarioVersion: scenario.version,
        capabilityVersion: versions.get(result.capabilityId) ?? 1,
        listed: listed.has(result.capabilityId),
      }));
    const scored = new Set(ranked.map((result) => result.capabilityId));
    const gone = [...existing].filter((id) => !scored.has(id));
    const outcome = await this.persist('scenario', scenarioId, rows, gone);
    return { ranked, ...outcome, retrievalMillis, scoringMillis };
  }

  /** Suggested scenarios for a capability (推荐场景): the reverse direction, scored by the same function. */
  async matchCapability(capabilityId: string): Promise<MatchRunResult> {
    const capability = await this.dataSource.getRepository(Capability).findOne({ where: { id: capabilityId }, relations: { organization: true } });
    if (!capability) return { ...EMPTY, skipped: 'missing' };
    await this.termStatistics.update(capability);
    if (capability.status !== 'published') {
      const removed = await this.retire('capability', capabilityId);
      return { ...EMPTY, removed, skipped: 'not_public' };
    }
    const stats = await this.termStatistics.current();
    const started = performance.now();
    const at = today();
    const input = toMatchCapability(capability, capability.organization, at);
    // Stored now, while its text is at hand: every scenario that retrieves it later reads this instead of segmenting.
    await this.profiles.save([input]);
    const queries = buildScenarioQueries(input, { termStatistics: stats, limit: this.options.retrievalLimit });
    const hitLists = await this.engine.searchCandidates('scenarios', queries);
    const { candidateIds } = collectRetrievalSignals(queries, hitLists);
    const retrievalMillis = performance.now() - started;

    const existing = await this.existingCounterparts('capability', capabilityId);
    const ids = [...new Set([...candidateIds, ...existing])];
    const scenarios = ids.length
      ? await this.dataSource.getRepository(Scenario).find({ where: { id: In(ids), status: 'published' }, relations: { organization: true } })
      : [];
    const eligible = scenarios.filter((scenario) => scenario.organizationId !== capability.organizationId);
    const inputs = new Map(eligible.map((scenario) => [scenario.id, this.scenarioInputs.get(versionKey(scenario, at), () => toMatchScenario(scenario))]));
    const context = { termStatistics: stats, queries, now: at };
    const ranked = rankScenarios(input, [...inputs.values()], undefined, { ...context, explain: false });
    const scoringMillis = performance.now() - started - retrievalMillis;
    const versions = new Map(eligible.map((scenario) => [scenario.id, scenario.version]));
    const listed = this.shortlist(ranked, (result) => result.scenarioId);
    const rows: PersistRow[] = ranked
      .filter((result) => listed.has(result.scenarioId) || existing.has(result.scenarioId))
      .map((result) => ({
        scenarioId: result.scenarioId,
        capabilityId,
        score: result.score,
        breakdown: result.features,
        explanation: scoreCandidate(inputs.get(result.scenarioId) as MatchScenario, input, context).explanation,
        scenarioVersion: versions.get(result.scenarioId) ?? 1,
        capabilityVersion: capability.version,
        listed: listed.has(result.scenarioId),
      }));
    const scored = new Set(ranked.map((result) => result.scenarioId));
    const gone = [...existing].filter((id) => !scored.has(id));
    const outcome = await this.persist('capability', capabilityId, rows, gone);
    return { ranked, ...outcome, retrievalMillis, scoringMillis };
  }

  /** What the scenario's last retrieval returned, if it was made for this version of the scenario. */
  private async storedCandidates(scenarioId: string, version: number): Promise<string[] | null> {
    const rows: Array<{ capability_ids: string[] }> = await this.dataSource.query(
      `SELECT capability_ids FROM scenario_match_candidates WHERE scenario_id = $1 AND scenario_version = $2`,
      [scenarioId, version],
    );
    return rows[0]?.capability_ids ?? null;
  }

  /**
   * Re-runs match-scenario for every published scenario. By default it re-scores each scenario's last
   * retrieved candidates (what a change of weights or features needs); `retrieve` queries Meilisearch again
   * for every scenario (after a change to retrieval, or to repair drift).
   */
  async rematchAll(
    onProgress?: (done: number, total: number) => Promise<void> | void,
    { retrieve = false }: { retrieve?: boolean } = {},
  ): Promise<{ scenarios: number; millis: number; failed: number; retrieved: boolean }> {
    const started = performance.now();
    await this.termStatistics.current();
    const rows: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM scenarios WHERE status = 'published' ORDER BY id`);
    let next = 0;
    let done = 0;
    let failed = 0;
    let lastReported = 0;
    const work = async (): Promise<void> => {
      while (next < rows.length) {
        const id = rows[next++].id;
        try {
          await this.matchScenario(id, { reuseRetrieval: !retrieve });
        } catch (error) {
          // One broken scenario must not stop the rest; its own match-scenario job will retry it.
          failed++;
          this.logger.warn({ scenarioId: id, err: error instanceof Error ? error.message : String(error) }, 'Rematch of a scenario failed');
        }
        done++;
        if (onProgress && (done - lastReported >= 25 || done === rows.length)) {
          lastReported = done;
          await onProgress(done, rows.length);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.options.rematchConcurrency) }, () => work()));
    return { scenarios: rows.length, millis: performance.now() - started, failed, retrieved: retrieve };
  }

  /**
   * A scenario or capability is no longer public (withdrawn, closed, archived): its untouched suggestions
   * disappear, and the ones a party acted on stay, marked stale, so nobody loses their history.
   */
  async retire(side: MatchSideKey, id: string): Promise<number> {
    const column = side === 'scenario' ? 'scenario_id' : 'capability_id';
    return this.dataSource.transaction(async (manager) => {
      const deleted = returnedRows(await manager.query(`DELETE FROM matches WHERE ${column} = $1 AND status = 'suggested' RETURNING id`, [id]));
      await manager.query(
        `UPDATE matches SET stale_at = now(), listed_for_scenario = false, listed_for_capability = false, updated_at = now()
          WHERE ${column} = $1 AND stale_at IS NULL`,
        [id],
      );
      return deleted.length;
    });
  }

  private shortlist(ranked: readonly MatchResult[], key: (result: MatchResult) => string = (result) => result.capabilityId): Set<string> {
    return new Set(
      ranked
        .filter((result) => result.score >= this.options.storeFloor)
        .slice(0, this.options.maxStoredPerEntity)
        .map(key),
    );
  }

  private async existingCounterparts(side: MatchSideKey, id: string): Promise<Set<string>> {
    const [column, other] = side === 'scenario' ? ['scenario_id', 'capability_id'] : ['capability_id', 'scenario_id'];
    const rows: Array<{ other: string }> = await this.dataSource.query(`SELECT ${other} AS other FROM matches WHERE ${column} = $1`, [id]);
    return new Set(rows.map((row) => row.other));
  }

  /**
   * One transaction: upsert the scored rows (touching only rows whose content changed, so a rerun is a
   * no-op), drop this side's listing of what fell out, delete untouched suggestions nobody lists any more,
   * retire rows whose counterpart is no longer public, and notify both parties of new strong matches.
   */
  private async persist(side: MatchSideKey, id: string, rows: PersistRow[], gone: string[]): Promise<Omit<MatchRunResult, 'ranked' | 'retrievalMillis' | 'scoringMillis'>> {
    const [column, other, listedColumn] =
      side === 'scenario' ? ['scenario_id', 'capability_id', 'listed_for_scenario'] : ['capability_id', 'scenario_id', 'listed_for_capability'];
    // A stable lock order: concurrent jobs upserting overlapping pairs must not deadlock.
    const sorted = [...rows].sort((a, b) => (a.scenarioId + a.capabilityId < b.scenarioId + b.capabilityId ? -1 : 1));
    const payload = JSON.stringify(
      sorted.map((row) => ({
        scenario_id: row.scenarioId,
        capability_id: row.capabilityId,
        score: row.score,
        breakdown: row.breakdown,
        explanation: row.explanation,
        scenario_version: row.scenarioVersion,
        capability_version: row.capabilityVersion,
        listed: row.listed,
      })),
    );
    const listedIds = sorted.filter((row) => row.listed).map((row) => (side === 'scenario' ? row.capabilityId : row.scenarioId));
    const { notificationIds, result } = await this.dataSource.transaction(async (manager) => {
      let stored = 0;
      if (sorted.length > 0) {
        const written = returnedRows(await manager.query(
          `INSERT INTO matches AS m (scenario_id, capability_id, score, breakdown, explanation, scoring_version, scenario_version,
                                     capability_version, listed_for_scenario, listed_for_capability, scored_at)
           SELECT x.scenario_id, x.capability_id, x.score, x.breakdown, x.explanation, $2, x.scenario_version, x.capability_version,
                  CASE WHEN $3 = 'scenario' THEN x.listed ELSE false END, CASE WHEN $3 = 'capability' THEN x.listed ELSE false END, now()
             FROM jsonb_to_recordset($1::jsonb) AS x(scenario_id uuid, capability_id uuid, score double precision, breakdown jsonb,
                                                      explanation text, scenario_version integer, capability_version integer, listed boolean)
           ON CONFLICT (scenario_id, capability_id) DO UPDATE SET
             score = EXCLUDED.score, breakdown = EXCLUDED.breakdown, explanation = EXCLUDED.explanation,
             scoring_version = EXCLUDED.scoring_version, scenario_version = EXCLUDED.scenario_version,
             capability_version = EXCLUDED.capability_version,
             ${listedColumn} = EXCLUDED.${listedColumn}, stale_at = NULL, scored_at = now(), updated_at = now()
           WHERE (m.score, m.breakdown, m.explanation, m.scoring_version, m.scenario_version, m.capability_version, m.${listedColumn}, m.stale_at)
                 IS DISTINCT FROM
                 (EXCLUDED.score, EXCLUDED.breakdown, EXCLUDED.explanation, EXCLUDED.scoring_version, EXCLUDED.scenario_version,
                  EXCLUDED.capability_version, EXCLUDED.${listedColumn}, NULL::timestamptz)
           RETURNING m.id`,
          [payload, SCORING_CONFIG.version, side],
        ));
        stored = written.length;
      }
      await manager.query(
        `UPDATE matches SET ${listedColumn} = false, updated_at = now() WHERE ${column} = $1 AND ${listedColumn} AND NOT (${other} = ANY($2::uuid[]))`,
        [id, listedIds],
      );
      const removed = returnedRows(
        await manager.query(
          `DELETE FROM matches WHERE ${column} = $1 AND status = 'suggested' AND NOT listed_for_scenario AND NOT listed_for_capability
             AND stale_at IS NULL RETURNING id`,
          [id],
        ),
      );
      let retired = 0;
      if (gone.length > 0) {
        const dropped = returnedRows(
          await manager.query(`DELETE FROM matches WHERE ${column} = $1 AND ${other} = ANY($2::uuid[]) AND status = 'suggested' RETURNING id`, [id, gone]),
        );
        await manager.query(`UPDATE matches SET stale_at = now(), updated_at = now() WHERE ${column} = $1 AND ${other} = ANY($2::uuid[]) AND stale_at IS NULL`, [
          id,
          gone,
        ]);
        retired = dropped.length;
      }
      const ids = await this.notifyStrongMatches(manager, column, id);
      return { notificationIds: ids.notificationIds, result: { stored, removed: removed.length + retired, notified: ids.matches } };
    });
    await this.notifications.deliverByEmail(notificationIds).catch((error: unknown) =>
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'E-mail delivery could not be queued'),
    );
    return result;
  }

  /** Each strong match is announced once to each party: `notified_at` and the dedupe key both guard it. */
  private async notifyStrongMatches(manager: EntityManager, column: string, id: string): Promise<{ notificationIds: string[]; matches: number }> {
    const fresh = returnedRows<{ id: string; scenario_id: string; capability_id: string; score: number; explanation: string }>(await manager.query(
      `UPDATE matches SET notified_at = now()
        WHERE ${column} = $1 AND notified_at IS NULL AND stale_at IS NULL AND score >= $2 AND status <> 'dismissed'
          AND (listed_for_scenario OR listed_for_capability)
        RETURNING id, scenario_id, capability_id, score, explanation`,
      [id, SCORING_CONFIG.strongMatchThreshold],
    ));
    if (fresh.length === 0) return { notificationIds: [], matches: 0 };
    const scenarios = await manager.find(Scenario, { where: { id: In([...new Set(fresh.map((row) => row.scenario_id))]) }, relations: { organization: true } });
    const capabilities = await manager.find(Capability, { where: { id: In([...new Set(fresh.map((row) => row.capability_id))]) }, relations: { organization: true } });
    const scenarioById = new Map(scenarios.map((scenario) => [scenario.id, scenario]));
    const capabilityById = new Map(capabilities.map((capability) => [capability.id, capability]));
    const recipients = new Map<string, string[]>();
    const usersOf = async (organizationId: string, role: string): Promise<string[]> => {
      const key = `${organizationId}:${role}`;
      if (!recipients.has(key)) recipients.set(key, await usersOfOrganization(manager, organizationId, [role]));
      return recipients.get(key) ?? [];
    };
    const notificationIds: string[] = [];
    for (const row of fresh) {
      const scenario = scenarioById.get(row.scenario_id);
      const capability = capabilityById.get(row.capability_id);
      if (!scenario || !capability) continue;
      const percent = Math.round(row.score * 100);
      notificationIds.push(
        ...(await recordNotifications(manager, await usersOf(scenario.organizationId, 'owner'), {
          kind: 'match.suggested',
          title: '新的推荐供给',
          body: `能力供给「${capability.title}」（${capability.organization?.name ?? '供给方'}）与您的场景需求「${scenario.title}」高度匹配（匹配度 ${percent}%）：${row.explanation}`,
          link: `/matches/${row.id}`,
          dedupeKey: `match-strong:${row.id}`,
        })),
      );
      const owner = scenario.organization ? ownerDisplayName(scenario, scenario.organization) : '某单位';
      notificationIds.push(
        ...(await recordNotifications(manager, await usersOf(capability.organizationId, 'supplier'), {
          kind: 'match.suggested',
          title: '新的推荐场景',
          body: `场景需求「${scenario.title}」（${owner}）与您的能力供给「${capability.title}」高度匹配（匹配度 ${percent}%）：${row.explanation}`,
          link: `/matches/${row.id}`,
          dedupeKey: `match-strong:${row.id}`,
        })),
      );
    }
    return { notificationIds, matches: fresh.length };
  }
}


