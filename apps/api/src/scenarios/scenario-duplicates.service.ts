import { ResourceNotFound } from '@app/common';
import {
  recordAudit,
  recordNotifications,
  Scenario,
  ScenarioDuplicate,
  ScenarioRefinement,
  transitionScenario,
  usersOfOrganization,
} from '@app/database';
import { IndexingProducer, NotificationsProducer } from '@app/queue';
import { ConflictException, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuthenticatedUser } from '../auth/current-user';
import { MergeDuplicateDto, ScenarioCommentBodyDto } from './dto/scenario-request.dto';
import { ScenarioDuplicateDto, toScenarioBrief } from './dto/scenario-response.dto';
import { loadScenario, requireOverseer } from './scenario-access';
import { DUPLICATE_THRESHOLD, scenarioSimilarity } from './scenario-similarity';

/** How many stored scenarios are scored per submit; trigram similarity picks which. */
const CANDIDATE_LIMIT = 300;
const KEEP_TOP = 10;

/**
 * 查重: when a demand is submitted, similar demands already in the system (any status but draft, any batch,
 * any district) are scored and stored, so the organizer sees them next to the review.
 */
@Injectable()
export class ScenarioDuplicatesService {
  private readonly logger = new Logger(ScenarioDuplicatesService.name);
  private trigramAvailable: boolean | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly indexing: IndexingProducer,
    private readonly notifications: NotificationsProducer,
  ) {}

  private async hasTrigram(manager: EntityManager): Promise<boolean> {
    if (this.trigramAvailable === undefined) {
      const rows: Array<{ present: boolean }> = await manager.query(
        `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') AS present`,
      );
      this.trigramAvailable = !!rows[0]?.present;
      if (!this.trigramAvailable) this.logger.warn('pg_trgm not installed: duplicate candidates narrowed by shared domain only');
    }
    return this.trigramAvailable;
  }

  /** Recomputes and stores the suggestions of one scenario; decided pairs (linked/merged) are kept as they are. */
  async detect(manager: EntityManager, scenario: Scenario): Promise<ScenarioDuplicate[]> {
    const text = `${scenario.title} ${scenario.description.slice(0, 500)}`;
    const trigram = await this.hasTrigram(manager);
    const candidates: Scenario[] = await manager
      .createQueryBuilder(Scenario, 's')
      .where('s.id <> :id', { id: scenario.id })
      .andWhere(`s.status <> 'draft'`)
      .andWhere(
        trigram
          ? `(s.domains && :domains OR similarity(s.title || ' ' || left(s.description, 500), :text) > 0.05)`
          : 's.domains && :domains',
        {
          domains: scenario.domains,
          text,
        },
      )
      .orderBy(trigram ? `similarity(s.title || ' ' || left(s.description, 500), :text)` : 's.created_at', 'DESC')
      .limit(CANDIDATE_LIMIT)
      .getMany();
    const scored = candidates
      .map((c) => ({ candidate: c, ...scenarioSimilarity(scenario, c) }))
      .filter((r) => r.similarity >= DUPLICATE_THRESHOLD)
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, KEEP_TOP);
    await manager.query(
      `DELETE FROM scenario_duplicates WHERE scenario_id = $1 AND status = 'suggested' AND NOT (candidate_id = ANY($2::uuid[]))`,
      [scenario.id, scored.map((r) => r.candidate.id)],
    );
    for (const r of scored) {
      await manager.query(
        `INSERT INTO scenario_duplicates (scenario_id, candidate_id, similarity, shared_phrases)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (scenario_id, candidate_id) DO UPDATE
           SET similarity = EXCLUDED.similarity, shared_phrases = EXCLUDED.shared_phrases, detected_at = now()`,
        [scenario.id, r.candidate.id, r.similarity, r.sharedPhrases],
      );
    }
    return manager.find(ScenarioDuplicate, { where: { scenarioId: scenario.id } });
  }

  async list(user: AuthenticatedUser, id: string): Promise<ScenarioDuplicateDto[]> {
    const manager = this.dataSource.manager;
    const { relation } = await loadScenario(manager, id, user, { privateOnly: true });
    requireOverseer(relation, '查看疑似重复场景');
    const rows = await manager.find(ScenarioDuplicate, { where: [{ scenarioId: id }, { candidateId: id }], order: { similarity: 'DESC' } });
    const otherIds = rows.map((r) => (r.scenarioId === id ? r.candidateId : r.scenarioId));
    const others = new Map(
      (await manager.find(Scenario, { where: { id: In(otherIds.length ? otherIds : [id]) }, relations: { organization: true } })).map(
        (s) => [s.id, s],
      ),
    );
    return rows
      .map((r, i) => ({ row: r, other: others.get(otherIds[i]) }))
      .filter((x): x is { row: ScenarioDuplicate; other: Scenario } => !!x.other)
      .map(({ row, other }) => ({
        id: row.id,
        other: toScenarioBrief(other),
        similarity: row.similarity,
        sharedPhrases: row.sharedPhrases,
        status: row.status,
        mergedIntoId: row.mergedIntoId,
        detectedAt: row.detectedAt.toISOString(),
        decidedAt: row.decidedAt?.toISOString() ?? null,
      }));
  }

  async link(user: AuthenticatedUser, id: string, otherId: string, body: ScenarioCommentBodyDto): Promise<ScenarioDuplicateDto[]> {
    await this.dataSource.transaction(async (manager) => {
      const { scenario, relation } = await loadScenario(manager, id, user, { privateOnly: true });
      requireOverseer(relation, '关联重复场景');
      const other = await this.otherScenario(manager, id, otherId);
      const pair = await this.upsertPair(manager, scenario, other);
      if (pair.status === 'merged') throw new ConflictException('这两条场景已合并，无需再关联');
      await manager.update(ScenarioDuplicate, { id: pair.id }, { status: 'linked', decidedBy: user.id, decidedAt: new Date() });
      await recordAudit(
        manager,
        { userId: user.id, role: user.role },
        {
          action: 'scenario.duplicate_link',
          entityType: 'scenario',
          entityId: scenario.id,
          regionCode: scenario.regionCode,
          before: { status: pair.status },
          after: { status: 'linked', otherId: other.id, similarity: pair.similarity },
          comment: body.comment ?? null,
        },
      );
    });
    return this.list(user, id);
  }

  /** Withdraws one of the pair with a pointer to the one kept; both ends are audited. */
  async merge(user: AuthenticatedUser, id: string, otherId: string, body: MergeDuplicateDto): Promise<ScenarioDuplicateDto[]> {
    const notificationIds = await this.dataSource.transaction(async (manager) => {
      // Both rows locked in a fixed order so two organizers merging the same pair cannot deadlock.
      await manager.query(`SELECT id FROM scenarios WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [[id, otherId]]);
      const { scenario, relation } = await loadScenario(manager, id, user, { privateOnly: true });
      requireOverseer(relation, '合并重复场景');
      const other = await this.otherScenario(manager, id, otherId);
      const [dropped, kept] = (body.keep ?? 'other') === 'other' ? [scenario, other] : [other, scenario];
      // The organizer must oversee the scenario they withdraw, not merely the one they are looking at.
      const droppedAccess = await loadScenario(manager, dropped.id, user, { privateOnly: true });
      requireOverseer(droppedAccess.relation, '合并重复场景');
      if (kept.status === 'withdrawn' || kept.status === 'draft')
        throw new ConflictException(`保留的场景「${kept.title}」当前状态不能作为合并目标`);
      const pair = await this.upsertPair(manager, scenario, other);
      const actor = { userId: user.id, role: user.role };
      const reason = body.comment ? `：${body.comment}` : '';
      await transitionScenario(manager, dropped, 'withdraw', actor, {
        comment: `与场景「${kept.title}」（${kept.id}）重复，已合并${reason}`,
      });
      await manager.update(
        ScenarioDuplicate,
        { id: pair.id },
        { status: 'merged', mergedIntoId: kept.id, decidedBy: user.id, decidedAt: new Date() },
      );
      await manager.upsert(ScenarioRefinement, { scenarioId: dropped.id, mergedIntoId: kept.id }, ['scenarioId']);
      await recordAudit(manager, actor, {
        action: 'scenario.merge',
        entityType: 'scenario',
        entityId: dropped.id,
        regionCode: dropped.regionCode,
        before: { status: pair.status },
        after: { mergedIntoId: kept.id, similarity: pair.similarity },
        comment: body.comment ?? null,
      });
      await recordAudit(manager, actor, {
        action: 'scenario.merge_kept',
        entityType: 'scenario',
        entityId: kept.id,
        regionCode: kept.regionCode,
        before: null,
        after: { mergedFromId: dropped.id },
        comment: body.comment ?? null,
      });
      const owners = await usersOfOrganization(manager, dropped.organizationId, ['owner']);
      return recordNotifications(manager, owners, {
        kind: 'scenario.merged',
        title: `场景需求「${dropped.title}」已与相似场景合并`,
        body: `主办方认定该需求与「${kept.title}」重复，已合并至后者并撤回本条${reason}`,
        link: `/scenarios/${kept.id}`,
        dedupeKey: `scenario-merged:${dropped.id}`,
      });
    });
    await this.indexing.drainOutbox('scenario merged');
    await this.notifications.deliverByEmail(notificationIds);
    return this.list(user, id);
  }

  private async otherScenario(manager: EntityManager, id: string, otherId: string): Promise<Scenario> {
    const other = await manager.findOne(Scenario, { where: { id: otherId }, relations: { organization: true } });
    // Drafts are their owner's private notes: they are never anyone's duplicate.
    if (!other || other.id === id || other.status === 'draft') throw new ResourceNotFound('场景需求', otherId);
    return other;
  }

  /** The pair's row whichever side found it; created (with a fresh similarity) when the organizer spotted it first. */
  private async upsertPair(manager: EntityManager, a: Scenario, b: Scenario): Promise<ScenarioDuplicate> {
    const existing = await manager.findOne(ScenarioDuplicate, {
      where: [
        { scenarioId: a.id, candidateId: b.id },
        { scenarioId: b.id, candidateId: a.id },
      ],
    });
    if (existing) return existing;
    const { similarity, sharedPhrases } = scenarioSimilarity(a, b);
    return manager.save(
      manager.create(ScenarioDuplicate, { scenarioId: a.id, candidateId: b.id, similarity, sharedPhrases, status: 'suggested' }),
    );
  }
}
