import { Capability, type NotificationDraft, Scenario, recordNotificationBatch } from '@app/database';
import { NotificationsProducer } from '@app/queue';
import { SearchEngine, ownerDisplayName } from '@app/search';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import { DataSource, EntityManager, In } from 'typeorm';
import { CapabilityProfileStore } from './capability-profile.store';
import { type SearchQuery, buildCandidateQueries, buildScenarioQueries } from './candidate-query.builder';
import { supplierFacts, toMatchCapability, toMatchScenario } from './match-inputs';
import { type CandidateCapability, CandidateCapabilityLoader } from './candidate-capability.loader';
import { rankCandidates, rankScenarios, scoreCandidate } from './match.scorer';
import type { MatchResult, MatchScenario } from './matching.types';
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
  /** Batches matched side by side during rematch-all. */
  rematchConcurrency: number;
  /** Scenarios read, scored and stored together during rematch-all. */
  rematchBatchSize: number;
}

export const MATCHING_OPTIONS = 'MATCHING_OPTIONS';

export const DEFAULT_MATCHING_OPTIONS: MatchingOptions = {
  maxStoredPerEntity: 50,
  storeFloor: 0.3,
  retrievalLimit: 100,
  rematchConcurrency: 2,
  rematchBatchSize: 10,
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

interface PersistBatchEntry {
  /** The entity of the side being matched. */
  id: string;
  rows: PersistRow[];
  /** Counterparts it had matches with that are no longer candidates (not public, or its own organization's). */
  gone: string[];
}

type PersistOutcome = Pick<MatchRunResult, 'stored' | 'removed' | 'notified'>;

const NOTHING_PERSISTED: PersistOutcome = { stored: 0, removed: 0, notified: 0 };

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
  /** Engine inputs by row version: the engine caches each text's segmentation on the input object. */
  private readonly scenarioInputs = new LRUCache<string, MatchScenario>({ max: 2000 });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: SearchEngine,
    private readonly termStatistics: TermStatisticsCache,
    private readonly notifications: NotificationsProducer,
    private readonly profiles: CapabilityProfileStore,
    private readonly candidates: CandidateCapabilityLoader,
    @Optional() @Inject(MATCHING_OPTIONS) options?: Partial<MatchingOptions>,
  ) {
    this.options = { ...DEFAULT_MATCHING_OPTIONS, ...(options ?? {}) };
  }

  /** Suggested capabilities for a scenario (推荐供给). */
  async matchScenario(scenarioId: string, options: { reuseRetrieval?: boolean } = {}): Promise<MatchRunResult> {
    return (await this.matchScenarios([scenarioId], options)).get(scenarioId) as MatchRunResult;
  }

  /**
   * Suggested capabilities for several scenarios, with one read of each kind and one transaction for all of
   * them: rematch-all goes through here a batch at a time, and one scenario's job is a batch of one.
   * `reuseRetrieval` re-scores the candidates each scenario's last retrieval returned, if made for its version.
   */
  async matchScenarios(scenarioIds: readonly string[], { reuseRetrieval = false }: { reuseRetrieval?: boolean } = {}): Promise<Map<string, MatchRunResult>> {
    const results = new Map<string, MatchRunResult>();
    const found = new Map(
      (await this.dataSource.getRepository(Scenario).find({ where: { id: In([...scenarioIds]) }, relations: { organization: true } })).map((scenario) => [
        scenario.id,
        scenario,
      ]),
    );
    const scenarios: Scenario[] = [];
    for (const id of new Set(scenarioIds)) {
      const scenario = found.get(id);
      if (!scenario) results.set(id, { ...EMPTY, skipped: 'missing' });
      else if (scenario.status !== 'published') results.set(id, { ...EMPTY, removed: await this.retire('scenario', id), skipped: 'not_public' });
      else scenarios.push(scenario);
    }
    if (scenarios.length === 0) return results;

    const stats = await this.termStatistics.current();
    const started = performance.now();
    const at = today();
    const stored = reuseRetrieval ? await this.storedCandidates(scenarios) : new Map<string, string[]>();
    const retrievals = new Map<string, { candidateIds: string[]; queries?: SearchQuery[] }>();
    const fresh: Array<{ scenario: Scenario; candidateIds: string[] }> = [];
    await Promise.all(
      scenarios.map(async (scenario) => {
        const known = stored.get(scenario.id);
        if (known) return void retrievals.set(scenario.id, { candidateIds: known });
        // Built only when retrieving: extracting key phrases segments the whole demand, and scoring never reads them.
        const queries = buildCandidateQueries(this.scenarioInput(scenario, at), { termStatistics: stats, limit: this.options.retrievalLimit });
        const { candidateIds } = collectRetrievalSignals(queries, await this.engine.searchCandidates('capabilities', queries));
        retrievals.set(scenario.id, { candidateIds, queries });
        fresh.push({ scenario, candidateIds });
      }),
    );
    if (fresh.length > 0) {
      await this.dataSource.query(
        `INSERT INTO scenario_match_candidates (scenario_id, scenario_version, capability_ids)
         SELECT (x->>'id')::uuid, (x->>'version')::int, ARRAY(SELECT jsonb_array_elements_text(x->'ids'))::uuid[] FROM jsonb_array_elements($1::jsonb) AS x
         ON CONFLICT (scenario_id) DO UPDATE SET scenario_version = EXCLUDED.scenario_version, capability_ids = EXCLUDED.capability_ids, retrieved_at = now()`,
        [JSON.stringify(fresh.map(({ scenario, candidateIds }) => ({ id: scenario.id, version: scenario.version, ids: candidateIds })))],
      );
    }
    const retrievalMillis = performance.now() - started;

    const existing = await this.existingCounterparts('scenario', scenarios.map((scenario) => scenario.id));
    const wanted = new Set<string>();
    for (const scenario of scenarios) {
      for (const id of retrievals.get(scenario.id)?.candidateIds ?? []) wanted.add(id);
      for (const id of existing.get(scenario.id) ?? []) wanted.add(id);
    }
    const pool = new Map((await this.candidates.published([...wanted], at)).map((candidate) => [candidate.input.id, candidate]));
    const batch: PersistBatchEntry[] = [];
    const ranks = new Map<string, MatchResult[]>();
    for (const scenario of scenarios) {
      const input = this.scenarioInput(scenario, at);
      const known = existing.get(scenario.id) ?? new Set<string>();
      const candidates = [...new Set([...(retrievals.get(scenario.id)?.candidateIds ?? []), ...known])]
        .map((id) => pool.get(id))
        // An organization is not suggested to itself.
        .filter((candidate): candidate is CandidateCapability => !!candidate && candidate.organizationId !== scenario.organizationId);
      const inputs = new Map(candidates.map((candidate) => [candidate.input.id, candidate]));
      const context = { termStatistics: stats, queries: retrievals.get(scenario.id)?.queries, now: at };
      // Retrieval ranks only choose the candidates: a stored score must not depend on which side searched.
      const ranked = rankCandidates(input, candidates.map((candidate) => candidate.input), undefined, { ...context, explain: false });
      const listed = this.shortlist(ranked);
      const rows: PersistRow[] = ranked
        .filter((result) => listed.has(result.capabilityId) || known.has(result.capabilityId))
        .map((result) => {
          const candidate = inputs.get(result.capabilityId) as CandidateCapability;
          return {
            scenarioId: scenario.id,
            capabilityId: result.capabilityId,
            score: result.score,
            breakdown: result.features,
            explanation: scoreCandidate(input, candidate.input, context).explanation,
            scenarioVersion: scenario.version,
            capabilityVersion: candidate.version,
            listed: listed.has(result.capabilityId),
          };
        });
      const scored = new Set(ranked.map((result) => result.capabilityId));
      batch.push({ id: scenario.id, rows, gone: [...known].filter((id) => !scored.has(id)) });
      ranks.set(scenario.id, ranked);
    }
    const scoringMillis = performance.now() - started - retrievalMillis;
    const outcomes = await this.persist('scenario', batch);
    for (const scenario of scenarios) {
      results.set(scenario.id, { ranked: ranks.get(scenario.id) ?? [], ...(outcomes.get(scenario.id) ?? NOTHING_PERSISTED), retrievalMillis, scoringMillis });
    }
    return results;
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
    const input = toMatchCapability(capability, supplierFacts(capability.organization), at);
    // Stored now, while its text is at hand: every scenario that retrieves it later reads this instead of segmenting.
    await this.profiles.save([input]);
    const queries = buildScenarioQueries(input, { termStatistics: stats, limit: this.options.retrievalLimit });
    const hitLists = await this.engine.searchCandidates('scenarios', queries);
    const { candidateIds } = collectRetrievalSignals(queries, hitLists);
    const retrievalMillis = performance.now() - started;

    const existing = (await this.existingCounterparts('capability', [capabilityId])).get(capabilityId) ?? new Set<string>();
    const ids = [...new Set([...candidateIds, ...existing])];
    const scenarios = ids.length
      ? await this.dataSource.getRepository(Scenario).find({ where: { id: In(ids), status: 'published' }, relations: { organization: true } })
      : [];
    const eligible = scenarios.filter((scenario) => scenario.organizationId !== capability.organizationId);
    const inputs = new Map(eligible.map((scenario) => [scenario.id, this.scenarioInput(scenario, at)]));
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
    const outcome = (await this.persist('capability', [{ id: capabilityId, rows, gone }])).get(capabilityId) ?? NOTHING_PERSISTED;
    return { ranked, ...outcome, retrievalMillis, scoringMillis };
  }

  private scenarioInput(scenario: Scenario, at: Date): MatchScenario {
    const key = versionKey(scenario, at);
    let input = this.scenarioInputs.get(key);
    if (!input) this.scenarioInputs.set(key, (input = toMatchScenario(scenario)));
    return input;
  }

  /** What each scenario's last retrieval returned, where it was made for the scenario's current version. */
  private async storedCandidates(scenarios: readonly Scenario[]): Promise<Map<string, string[]>> {
    const rows: Array<{ scenario_id: string; capability_ids: string[] }> = await this.dataSource.query(
      `SELECT m.scenario_id, m.capability_ids FROM scenario_match_candidates m JOIN unnest($1::uuid[], $2::int[]) AS s(id, version)
          ON s.id = m.scenario_id AND s.version = m.scenario_version`,
      [scenarios.map((scenario) => scenario.id), scenarios.map((scenario) => scenario.version)],
    );
    return new Map(rows.map((row) => [row.scenario_id, row.capability_ids]));
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
    // Scenarios of one field share many candidates: taken together, those stay in the candidate cache.
    const rows: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM scenarios WHERE status = 'published' ORDER BY domains, id`);
    let next = 0;
    let done = 0;
    let failed = 0;
    let lastReported = 0;
    const size = Math.max(1, this.options.rematchBatchSize);
    const work = async (): Promise<void> => {
      while (next < rows.length) {
        const batch = rows.slice(next, (next += size)).map((row) => row.id);
        try {
          await this.matchScenarios(batch, { reuseRetrieval: !retrieve });
        } catch {
          // One broken scenario (or a deadlock with a live job) must not fail its neighbours: retry them one by one.
          for (const id of batch) {
            try {
              await this.matchScenario(id, { reuseRetrieval: !retrieve });
            } catch (error) {
              // Its own match-scenario job will retry it.
              failed++;
              this.logger.warn({ scenarioId: id, err: error instanceof Error ? error.message : String(error) }, 'Rematch of a scenario failed');
            }
          }
        }
        done += batch.length;
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
   * Reads the candidates that published scenarios last retrieved into the candidate cache, as many as it
   * holds. The worker does this at start: a new scoring version goes live with a restart and is then applied
   * by rematch-all, which re-scores exactly these candidates. Returns how many were loaded.
   */
  async warmCandidateCache(chunkSize = 2000): Promise<number> {
    if (this.candidates.capacity === 0) return 0;
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT DISTINCT unnest(m.capability_ids) AS id
         FROM scenario_match_candidates m JOIN scenarios s ON s.id = m.scenario_id AND s.version = m.scenario_version AND s.status = 'published'
        LIMIT $1`,
      [this.candidates.capacity],
    );
    const at = today();
    let loaded = 0;
    for (let start = 0; start < rows.length; start += chunkSize) {
      loaded += (await this.candidates.published(rows.slice(start, start + chunkSize).map((row) => row.id), at)).length;
    }
    return loaded;
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

  private async existingCounterparts(side: MatchSideKey, ids: readonly string[]): Promise<Map<string, Set<string>>> {
    const [column, other] = side === 'scenario' ? ['scenario_id', 'capability_id'] : ['capability_id', 'scenario_id'];
    const rows: Array<{ owner: string; other: string }> = await this.dataSource.query(
      `SELECT ${column} AS owner, ${other} AS other FROM matches WHERE ${column} = ANY($1::uuid[])`,
      [ids],
    );
    const result = new Map<string, Set<string>>();
    for (const row of rows) {
      const set = result.get(row.owner) ?? new Set<string>();
      set.add(row.other);
      result.set(row.owner, set);
    }
    return result;
  }

  /**
   * One transaction for the whole batch: upsert the scored rows (touching only rows whose content changed,
   * so a rerun is a no-op), drop each entity's listing of what fell out, delete untouched suggestions nobody
   * lists any more, retire rows whose counterpart is no longer public, and notify both parties of new strong
   * matches. Counts come back per entity of `side`.
   */
  private async persist(side: MatchSideKey, batch: readonly PersistBatchEntry[]): Promise<Map<string, PersistOutcome>> {
    const [column, other, listedColumn] =
      side === 'scenario' ? ['scenario_id', 'capability_id', 'listed_for_scenario'] : ['capability_id', 'scenario_id', 'listed_for_capability'];
    const ownerOf = (row: PersistRow): string => (side === 'scenario' ? row.scenarioId : row.capabilityId);
    const otherOf = (row: PersistRow): string => (side === 'scenario' ? row.capabilityId : row.scenarioId);
    const owners = batch.map((entry) => entry.id);
    // A stable lock order: concurrent jobs upserting overlapping pairs must not deadlock.
    const sorted = batch.flatMap((entry) => entry.rows).sort((a, b) => (a.scenarioId + a.capabilityId < b.scenarioId + b.capabilityId ? -1 : 1));
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
    const listed = sorted.filter((row) => row.listed);
    const gone = batch.flatMap((entry) => entry.gone.map((otherId) => [entry.id, otherId] as const));
    const outcomes = new Map<string, PersistOutcome>(owners.map((id) => [id, { stored: 0, removed: 0, notified: 0 }]));
    const count = (rows: Array<{ owner: string }>, field: keyof PersistOutcome): void => {
      for (const row of rows) {
        const outcome = outcomes.get(row.owner);
        if (outcome) outcome[field]++;
      }
    };
    const notificationIds = await this.dataSource.transaction(async (manager) => {
      if (sorted.length > 0) {
        const written = returnedRows<{ owner: string }>(await manager.query(
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
           RETURNING m.${column} AS owner`,
          [payload, SCORING_CONFIG.version, side],
        ));
        count(written, 'stored');
      }
      await manager.query(
        `UPDATE matches m SET ${listedColumn} = false, updated_at = now()
          WHERE m.${column} = ANY($1::uuid[]) AND m.${listedColumn}
            AND NOT EXISTS (SELECT 1 FROM unnest($2::uuid[], $3::uuid[]) AS l(owner, other) WHERE l.owner = m.${column} AND l.other = m.${other})`,
        [owners, listed.map(ownerOf), listed.map(otherOf)],
      );
      count(
        returnedRows(
          await manager.query(
            `DELETE FROM matches WHERE ${column} = ANY($1::uuid[]) AND status = 'suggested' AND NOT listed_for_scenario AND NOT listed_for_capability
               AND stale_at IS NULL RETURNING ${column} AS owner`,
            [owners],
          ),
        ),
        'removed',
      );
      if (gone.length > 0) {
        const pairs = [gone.map(([owner]) => owner), gone.map(([, otherId]) => otherId)];
        count(
          returnedRows(
            await manager.query(
              `DELETE FROM matches m USING unnest($1::uuid[], $2::uuid[]) AS g(owner, other)
                WHERE m.${column} = g.owner AND m.${other} = g.other AND m.status = 'suggested' RETURNING m.${column} AS owner`,
              pairs,
            ),
          ),
          'removed',
        );
        await manager.query(
          `UPDATE matches m SET stale_at = now(), updated_at = now() FROM unnest($1::uuid[], $2::uuid[]) AS g(owner, other)
            WHERE m.${column} = g.owner AND m.${other} = g.other AND m.stale_at IS NULL`,
          pairs,
        );
      }
      const notified = await this.notifyStrongMatches(manager, column, owners);
      count(notified.matches, 'notified');
      return notified.notificationIds;
    });
    if (notificationIds.length > 0) {
      await this.notifications.deliverByEmail(notificationIds).catch((error: unknown) =>
        this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'E-mail delivery could not be queued'),
      );
    }
    return outcomes;
  }

  /** Each strong match is announced once to each party: `notified_at` and the dedupe key both guard it. */
  private async notifyStrongMatches(
    manager: EntityManager,
    column: string,
    owners: readonly string[],
  ): Promise<{ notificationIds: string[]; matches: Array<{ owner: string }> }> {
    const fresh = returnedRows<{ id: string; owner: string; scenario_id: string; capability_id: string; score: number; explanation: string }>(await manager.query(
      `UPDATE matches SET notified_at = now()
        WHERE ${column} = ANY($1::uuid[]) AND notified_at IS NULL AND stale_at IS NULL AND score >= $2 AND status <> 'dismissed'
          AND (listed_for_scenario OR listed_for_capability)
        RETURNING id, ${column} AS owner, scenario_id, capability_id, score, explanation`,
      [owners, SCORING_CONFIG.strongMatchThreshold],
    ));
    if (fresh.length === 0) return { notificationIds: [], matches: [] };
    const scenarios: Array<{ id: string; title: string; anonymous: boolean; organization_id: string; name: string; type: string }> = await manager.query(
      `SELECT s.id, s.title, s.anonymous, s.organization_id, o.name, o.type FROM scenarios s JOIN organizations o ON o.id = s.organization_id
        WHERE s.id = ANY($1::uuid[])`,
      [[...new Set(fresh.map((row) => row.scenario_id))]],
    );
    const capabilities: Array<{ id: string; title: string; organization_id: string; name: string }> = await manager.query(
      `SELECT c.id, c.title, c.organization_id, o.name FROM capabilities c JOIN organizations o ON o.id = c.organization_id WHERE c.id = ANY($1::uuid[])`,
      [[...new Set(fresh.map((row) => row.capability_id))]],
    );
    const scenarioById = new Map(scenarios.map((scenario) => [scenario.id, scenario]));
    const capabilityById = new Map(capabilities.map((capability) => [capability.id, capability]));
    // Owner accounts hear of suggested capabilities, supplier accounts of suggested scenarios.
    const users: Array<{ id: string; organization_id: string; role: string }> = await manager.query(
      `SELECT id, organization_id, role FROM users WHERE organization_id = ANY($1::uuid[]) AND role IN ('owner', 'supplier')`,
      [[...new Set([...scenarios, ...capabilities].map((row) => row.organization_id))]],
    );
    const usersOf = (organizationId: string, role: string): string[] =>
      users.filter((user) => user.organization_id === organizationId && user.role === role).map((user) => user.id);
    const entries: Array<{ userId: string; draft: NotificationDraft }> = [];
    for (const row of fresh) {
      const scenario = scenarioById.get(row.scenario_id);
      const capability = capabilityById.get(row.capability_id);
      if (!scenario || !capability) continue;
      const percent = Math.round(row.score * 100);
      const link = `/matches/${row.id}`;
      const dedupeKey = `match-strong:${row.id}`;
      const toOwner: NotificationDraft = {
        kind: 'match.suggested',
        title: '新的推荐供给',
        body: `能力供给「${capability.title}」（${capability.name}）与您的场景需求「${scenario.title}」高度匹配（匹配度 ${percent}%）：${row.explanation}`,
        link,
        dedupeKey,
      };
      const owner = ownerDisplayName(scenario, scenario);
      const toSupplier: NotificationDraft = {
        kind: 'match.suggested',
        title: '新的推荐场景',
        body: `场景需求「${scenario.title}」（${owner}）与您的能力供给「${capability.title}」高度匹配（匹配度 ${percent}%）：${row.explanation}`,
        link,
        dedupeKey,
      };
      for (const userId of new Set(usersOf(scenario.organization_id, 'owner'))) entries.push({ userId, draft: toOwner });
      for (const userId of new Set(usersOf(capability.organization_id, 'supplier'))) entries.push({ userId, draft: toSupplier });
    }
    const notificationIds = await recordNotificationBatch(manager, entries);
    return { notificationIds, matches: fresh };
  }
}


