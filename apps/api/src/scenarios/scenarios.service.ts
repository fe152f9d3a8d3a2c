import { ActionForbidden, FieldError, pageOf, RequestValidationFailed } from '@app/common';
import { toAttachments } from '../attachments/attachment.dto';
import {
  Organization,
  recordAudit,
  recordNotifications,
  recordOutboxEvent,
  Scenario,
  SCENARIO_LIFECYCLE,
  SCENARIO_STATUS_LABELS,
  ScenarioAction,
  ScenarioComment,
  ScenarioOutcome,
  ScenarioRefinement,
  ScenarioSnapshot,
  ScenarioStatus,
  ScenarioVersion,
  transitionScenario,
  usersOfOrganization,
} from '@app/database';
import { IndexingProducer, NotificationsProducer } from '@app/queue';
import { isWithinRegion } from '@app/taxonomy';
import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuthenticatedUser } from '../auth/current-user';
import {
  CloseScenarioDto,
  CreateScenarioDto,
  ListScenariosQueryDto,
  ReturnScenarioDto,
  ScenarioCommentBodyDto,
  UpdateScenarioDto,
} from './dto/scenario-request.dto';
import { ScenarioPageDto, ScenarioResponseDto, toScenarioResponse } from './dto/scenario-response.dto';
import { organizersOverseeing, regionCodesWithin } from '../auth/jurisdiction';
import { actingRole, allowedActionsFor, isPrivateRelation, loadScenario, ScenarioRelation } from './scenario-access';
import { ScenarioConfidentialityService } from './scenario-confidentiality.service';
import { changedFields } from './scenario-diff';
import { ScenarioDuplicatesService } from './scenario-duplicates.service';
import { assessReadiness, missingReadinessItems, READINESS_LABELS } from './scenario-readiness';
import { canonicalDomains, redactForAudit, scenarioColumnsOf, snapshotOf } from './scenario-snapshot';

/** Owners refine their demand until it closes; organizers edit alongside them only while reviewing (凝练打磨). */
const OWNER_EDITABLE: readonly ScenarioStatus[] = ['draft', 'returned', 'submitted', 'approved', 'published'];
const ORGANIZER_EDITABLE: readonly ScenarioStatus[] = ['submitted', 'returned', 'approved'];

interface AfterCommit {
  notificationIds: string[];
}

@Injectable()
export class ScenariosService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly indexing: IndexingProducer,
    private readonly notifications: NotificationsProducer,
    private readonly confidentiality: ScenarioConfidentialityService,
    private readonly duplicates: ScenarioDuplicatesService,
  ) {}

  async create(user: AuthenticatedUser, dto: CreateScenarioDto): Promise<ScenarioResponseDto> {
    if (user.role !== 'owner') throw new ActionForbidden('场景需求须由场景业主方账号发布');
    const snapshot: ScenarioSnapshot = {
      title: dto.title.trim(),
      description: dto.description ?? '',
      domains: canonicalDomains(dto.domains),
      regionCode: dto.regionCode,
      tier: dto.tier ?? null,
      stage: dto.stage ?? null,
      budgetMinWan: dto.budgetMinWan ?? null,
      budgetMaxWan: dto.budgetMaxWan ?? null,
      budgetNegotiable: dto.budgetNegotiable ?? false,
      minTrl: dto.minTrl ?? null,
      deadline: dto.deadline ?? null,
      tags: dto.tags ?? [],
      landingConditions: dto.landingConditions ?? null,
      contact: dto.contact ? { ...dto.contact } : null,
      attachments: toAttachments(dto.attachments),
      anonymous: dto.anonymous ?? false,
    };
    assertConsistent(snapshot);
    const id = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(Scenario, {
          ...scenarioColumnsOf(snapshot),
          organizationId: user.organizationId,
          createdBy: user.id,
          status: 'draft',
          version: 1,
        }),
      );
      await manager.insert(ScenarioRefinement, { scenarioId: saved.id, budgetNegotiable: snapshot.budgetNegotiable });
      await manager.insert(ScenarioVersion, {
        scenarioId: saved.id,
        version: 1,
        snapshot,
        changedFields: [],
        editedBy: user.id,
        editorRole: user.role,
      });
      await recordAudit(
        manager,
        { userId: user.id, role: user.role },
        {
          action: 'scenario.create',
          entityType: 'scenario',
          entityId: saved.id,
          regionCode: saved.regionCode,
          after: { status: 'draft', title: saved.title, version: 1 },
        },
      );
      return saved.id;
    });
    return this.get(user, id);
  }

  async list(user: AuthenticatedUser | undefined, query: ListScenariosQueryDto): Promise<ScenarioPageDto> {
    const manager = this.dataSource.manager;
    const qb = manager.createQueryBuilder(Scenario, 's').innerJoinAndSelect('s.organization', 'o');
    const region = `COALESCE(s.region_code, o.region_code)`;
    const publicOnly = query.public === true || !user || !['owner', 'organizer', 'admin'].includes(user.role);
    if (publicOnly) {
      qb.andWhere(`s.status = 'published'`);
    } else if (user!.role === 'owner') {
      qb.andWhere('s.organization_id = :org', { org: user!.organizationId });
    } else if (user!.role === 'organizer') {
      const codes = user!.jurisdictionRegionCode ? regionCodesWithin(user!.jurisdictionRegionCode) : [];
      qb.andWhere(`s.status <> 'draft'`).andWhere(`${region} IN (:...codes)`, { codes: codes.length ? codes : ['-'] });
    }
    if (query.status?.length) qb.andWhere('s.status IN (:...statuses)', { statuses: query.status });
    if (query.regionCode) qb.andWhere(`${region} IN (:...filterCodes)`, { filterCodes: regionCodesWithin(query.regionCode) });
    if (query.q) qb.andWhere(`s.title ILIKE :q`, { q: `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    qb.orderBy(publicOnly ? 's.publishedAt' : 's.updatedAt', 'DESC', 'NULLS LAST').addOrderBy('s.id', 'ASC');
    qb.skip((query.page - 1) * query.pageSize).take(query.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    const refinements = publicOnly
      ? new Map<string, ScenarioRefinement>()
      : await this.refinementsOf(
          manager,
          rows.map((r) => r.id),
        );
    const items = rows.map((s) => {
      if (publicOnly) return toScenarioResponse(s, { level: 'summary' });
      const relation: ScenarioRelation = user!.role === 'owner' ? 'owner' : 'overseer';
      return toScenarioResponse(s, {
        level: 'private',
        refinement: refinements.get(s.id),
        allowedActions: allowedActionsFor(user, s, relation),
      });
    });
    return pageOf(items, total, query);
  }

  async get(user: AuthenticatedUser | undefined, id: string): Promise<ScenarioResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const { scenario, relation } = await loadScenario(manager, id, user);
      if (isPrivateRelation(relation)) {
        const refinement = await manager.findOne(ScenarioRefinement, { where: { scenarioId: id } });
        return toScenarioResponse(scenario, { level: 'private', refinement, allowedActions: allowedActionsFor(user, scenario, relation) });
      }
      const access = await this.confidentiality.publicAccess(manager, user, scenario);
      if (access.level === 'full') await this.confidentiality.recordView(manager, user!, id);
      const refinement = await manager.findOne(ScenarioRefinement, {
        select: { scenarioId: true, mergedIntoId: true },
        where: { scenarioId: id },
      });
      return toScenarioResponse(scenario, { level: access.level, refinement, confidentiality: access.confidentiality });
    });
  }

  async update(user: AuthenticatedUser, id: string, dto: UpdateScenarioDto): Promise<ScenarioResponseDto> {
    const published = await this.dataSource.transaction(async (manager) => {
      const { scenario, relation } = await loadScenario(manager, id, user, { lock: true, privateOnly: true });
      const editable = relation === 'owner' || user.role === 'admin' ? OWNER_EDITABLE : ORGANIZER_EDITABLE;
      if (!editable.includes(scenario.status)) {
        throw new ConflictException(
          `场景需求当前状态为「${SCENARIO_STATUS_LABELS[scenario.status]}」，${relation === 'owner' ? '' : '主办方'}不能修改`,
        );
      }
      if (dto.expectedVersion !== undefined && dto.expectedVersion !== scenario.version) {
        throw new ConflictException(
          `场景需求已被修改（当前第 ${scenario.version} 版，提交基于第 ${dto.expectedVersion} 版），请刷新后再改`,
        );
      }
      if (
        user.role === 'organizer' &&
        dto.regionCode !== undefined &&
        !isWithinRegion(dto.regionCode, user.jurisdictionRegionCode ?? '-')
      ) {
        throw new ActionForbidden('不能把场景需求改到本辖区以外的地区');
      }
      const refinement = await manager.findOne(ScenarioRefinement, { where: { scenarioId: id } });
      const before = snapshotOf(scenario, refinement);
      const after = applyUpdate(before, dto);
      assertConsistent(after);
      const fields = changedFields(before, after);
      if (fields.length === 0) return false;
      const version = scenario.version + 1;
      const result = await manager.update(Scenario, { id, version: scenario.version }, { ...scenarioColumnsOf(after), version });
      if (result.affected !== 1) throw new ConflictException('场景需求刚被他人修改，请刷新后再改');
      await manager.upsert(ScenarioRefinement, { scenarioId: id, budgetNegotiable: after.budgetNegotiable }, ['scenarioId']);
      // An edit during review keeps the checklist the organizer reads current.
      if (scenario.status === 'submitted') await this.storeReadiness(manager, id, after, version);
      // Scenarios seeded or imported outside this service have no snapshot of their current version yet.
      await manager.query(
        `INSERT INTO scenario_versions (scenario_id, version, snapshot) VALUES ($1, $2, $3) ON CONFLICT (scenario_id, version) DO NOTHING`,
        [id, scenario.version, JSON.stringify(before)],
      );
      await manager.insert(ScenarioVersion, {
        scenarioId: id,
        version,
        snapshot: after,
        changedFields: fields,
        editedBy: user.id,
        editorRole: user.role,
      });
      const pick = (s: ScenarioSnapshot) => Object.fromEntries(fields.map((f) => [f, s[f]])) as Partial<ScenarioSnapshot>;
      await recordAudit(
        manager,
        { userId: user.id, role: user.role },
        {
          action: 'scenario.edit',
          entityType: 'scenario',
          entityId: id,
          regionCode: after.regionCode,
          before: { version: scenario.version, ...redactForAudit(pick(before)) },
          after: { version, ...redactForAudit(pick(after)) },
        },
      );
      if (scenario.status === 'published') await recordOutboxEvent(manager, 'scenario', id, 'updated');
      return scenario.status === 'published';
    });
    if (published) await this.indexing.drainOutbox('scenario edited');
    return this.get(user, id);
  }

  submit(user: AuthenticatedUser, id: string, body: ScenarioCommentBodyDto) {
    return this.transition(user, id, 'submit', async (manager, s, actor) => {
      await transitionScenario(manager, s, 'submit', actor, { comment: body.comment ?? null });
      const refinement = await manager.findOne(ScenarioRefinement, { where: { scenarioId: s.id } });
      const readiness = await this.storeReadiness(manager, s.id, snapshotOf(s, refinement), s.version);
      const duplicates = await this.duplicates.detect(manager, s);
      const missing = missingReadinessItems(readiness).map((k) => READINESS_LABELS[k]);
      const organizers = await organizersOverseeing(manager, s.regionCode);
      const notificationIds = await recordNotifications(manager, organizers, {
        kind: 'scenario.submitted',
        title: `新的场景需求待审核：${s.title}`,
        body: [
          missing.length ? `成熟度自检缺项：${missing.join('、')}` : '成熟度自检各项齐全',
          duplicates.length ? `发现 ${duplicates.length} 条疑似重复场景` : '',
        ]
          .filter(Boolean)
          .join('；'),
        link: `/scenarios/${s.id}`,
        dedupeKey: null,
      });
      return { notificationIds };
    });
  }

  /** 退回修改 / 需二次诊断: the comment and the readiness items to rework go into the refinement thread. */
  returnScenario(user: AuthenticatedUser, id: string, body: ReturnScenarioDto) {
    return this.transition(user, id, 'return', async (manager, s, actor) => {
      const items = body.items ?? [];
      const named = items.map((k) => READINESS_LABELS[k]);
      const comment = named.length ? `需二次诊断（${named.join('、')}）：${body.comment}` : body.comment;
      await transitionScenario(manager, s, 'return', actor, { comment });
      await manager.insert(ScenarioComment, {
        scenarioId: s.id,
        authorUserId: user.id,
        authorRole: user.role,
        kind: 'return',
        body: body.comment,
        items,
        scenarioVersion: s.version,
      });
      return this.notifyOwners(manager, s, 'scenario.returned', `场景需求「${s.title}」被退回修改`, comment);
    });
  }

  approve(user: AuthenticatedUser, id: string, body: ScenarioCommentBodyDto) {
    return this.transition(user, id, 'approve', async (manager, s, actor) => {
      await transitionScenario(manager, s, 'approve', actor, { comment: body.comment ?? null });
      return this.notifyOwners(
        manager,
        s,
        'scenario.approved',
        `场景需求「${s.title}」已通过审核`,
        body.comment ?? '已通过主办方凝练打磨，等待发布。',
      );
    });
  }

  publish(user: AuthenticatedUser, id: string, body: ScenarioCommentBodyDto) {
    return this.transition(user, id, 'publish', async (manager, s, actor) => {
      await transitionScenario(manager, s, 'publish', actor, { comment: body.comment ?? null });
      return this.notifyOwners(
        manager,
        s,
        'scenario.published',
        `场景需求「${s.title}」已发布`,
        s.anonymous ? '已匿名发布，公众看不到贵单位名称。' : '已在场景机会清单公开发布。',
      );
    });
  }

  close(user: AuthenticatedUser, id: string, body: CloseScenarioDto) {
    return this.transition(user, id, 'close', async (manager, s, actor) => {
      let outcome: ScenarioOutcome;
      if (body.result === 'landed') {
        const supplier = await manager.findOne(Organization, {
          select: { id: true, roles: true },
          where: { id: body.supplierOrganizationId as string },
        });
        if (!supplier) throw new RequestValidationFailed([{ field: 'supplierOrganizationId', messages: ['承接的供给方单位不存在'] }]);
        outcome = { result: 'landed', supplierOrganizationId: supplier.id, reason: null };
      } else {
        outcome = { result: 'not_landed', supplierOrganizationId: null, reason: body.reason as string };
      }
      await transitionScenario(manager, s, 'close', actor, {
        comment: body.comment ?? (outcome.result === 'landed' ? '已落地' : `未落地：${outcome.reason}`),
        extra: { outcome },
      });
      return { notificationIds: [] };
    });
  }

  withdraw(user: AuthenticatedUser, id: string, body: ScenarioCommentBodyDto) {
    return this.transition(user, id, 'withdraw', async (manager, s, actor) => {
      await transitionScenario(manager, s, 'withdraw', actor, { comment: body.comment ?? null });
      if (actor.role === 'owner') return { notificationIds: [] };
      return this.notifyOwners(manager, s, 'scenario.withdrawn', `场景需求「${s.title}」已被主办方撤回`, body.comment ?? '');
    });
  }

  /**
   * One shape for every lifecycle route: row lock, 404 for callers who may not see the scenario, 403 for a role
   * that may never take the action, 409 (from the lifecycle) when the state does not allow it.
   */
  private async transition(
    user: AuthenticatedUser,
    id: string,
    action: ScenarioAction,
    apply: (manager: EntityManager, s: Scenario, actor: { userId: string; role: string }) => Promise<AfterCommit>,
  ): Promise<ScenarioResponseDto> {
    const after = await this.dataSource.transaction(async (manager) => {
      const { scenario, relation } = await loadScenario(manager, id, user, { lock: true, privateOnly: true });
      const role = actingRole(user, relation);
      if (role !== null && !SCENARIO_LIFECYCLE.roleMayTrigger(action, role)) {
        const label = SCENARIO_LIFECYCLE.transitions[action].label;
        throw new ActionForbidden(`「${label}」须由${role === 'owner' ? '主办方' : '场景业主方'}执行`);
      }
      return apply(manager, scenario, { userId: user.id, role: user.role });
    });
    // Cheap when nothing public changed: the drain job finds an empty outbox.
    await this.indexing.drainOutbox(`scenario ${action}`);
    await this.notifications.deliverByEmail(after.notificationIds);
    return this.get(user, id);
  }

  private async notifyOwners(manager: EntityManager, s: Scenario, kind: string, title: string, body: string): Promise<AfterCommit> {
    const owners = await usersOfOrganization(manager, s.organizationId, ['owner']);
    const notificationIds = await recordNotifications(manager, owners, { kind, title, body, link: `/scenarios/${s.id}`, dedupeKey: null });
    return { notificationIds };
  }

  private async storeReadiness(manager: EntityManager, id: string, snapshot: ScenarioSnapshot, version: number) {
    const readiness = assessReadiness(snapshot);
    await manager.upsert(
      ScenarioRefinement,
      { scenarioId: id, budgetNegotiable: snapshot.budgetNegotiable, readiness, readinessVersion: version, readinessCheckedAt: new Date() },
      ['scenarioId'],
    );
    return readiness;
  }

  private async refinementsOf(manager: EntityManager, ids: string[]): Promise<Map<string, ScenarioRefinement>> {
    if (ids.length === 0) return new Map();
    const rows = await manager.find(ScenarioRefinement, { where: { scenarioId: In(ids) } });
    return new Map(rows.map((r) => [r.scenarioId, r]));
  }
}

function applyUpdate(before: ScenarioSnapshot, dto: UpdateScenarioDto): ScenarioSnapshot {
  const after: ScenarioSnapshot = { ...before };
  const set = <K extends keyof ScenarioSnapshot>(key: K, value: ScenarioSnapshot[K] | undefined) => {
    if (value !== undefined) after[key] = value;
  };
  set('title', dto.title?.trim());
  set('description', dto.description);
  set('domains', dto.domains ? canonicalDomains(dto.domains) : undefined);
  set('regionCode', dto.regionCode);
  set('tier', dto.tier);
  set('stage', dto.stage);
  set('budgetMinWan', dto.budgetMinWan);
  set('budgetMaxWan', dto.budgetMaxWan);
  set('budgetNegotiable', dto.budgetNegotiable);
  set('minTrl', dto.minTrl);
  set('deadline', dto.deadline);
  set('tags', dto.tags);
  set('landingConditions', dto.landingConditions);
  set('contact', dto.contact === undefined ? undefined : dto.contact ? { ...dto.contact } : null);
  set('attachments', dto.attachments ? toAttachments(dto.attachments) : undefined);
  set('anonymous', dto.anonymous);
  // Entering a budget ends 面议 unless the owner says otherwise in the same request.
  if (dto.budgetNegotiable === undefined && (dto.budgetMinWan != null || dto.budgetMaxWan != null)) after.budgetNegotiable = false;
  return after;
}

function assertConsistent(s: ScenarioSnapshot): void {
  const errors: FieldError[] = [];
  if (s.budgetMinWan !== null && s.budgetMaxWan !== null && s.budgetMinWan > s.budgetMaxWan) {
    errors.push({ field: 'budgetMaxWan', messages: ['预算上限不能小于预算下限'] });
  }
  if (s.budgetNegotiable && (s.budgetMinWan !== null || s.budgetMaxWan !== null)) {
    errors.push({ field: 'budgetNegotiable', messages: ['选择「面议」时不要填写预算区间'] });
  }
  if (errors.length) throw new RequestValidationFailed(errors);
}
