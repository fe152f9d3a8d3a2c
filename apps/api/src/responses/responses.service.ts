import { ActionForbidden, DuplicateResource, IllegalTransition, RequestValidationFailed, ResourceNotFound, pageOf } from '@app/common';
import {
  Capability,
  LIVE_SCENARIO_RESPONSE_STATUSES,
  Organization,
  Scenario,
  ScenarioResponse,
  ScenarioResponseCapability,
  recordAudit,
  recordNotifications,
  usersOfOrganization,
} from '@app/database';
import { NotificationsProducer } from '@app/queue';
import { ConflictException, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, QueryFailedError } from 'typeorm';
import { AuthenticatedUser } from '../auth/current-user';
import { toAttachments } from '../attachments/attachment.dto';
import { isMemberOf, oversees } from '../auth/jurisdiction';
import { CreateResponseDto, ListResponsesQueryDto, ResponseDecisionDto, ResponsePageDto, ResponseViewDto, UpdateResponseDto, toResponseView } from './dto/response.dto';
import { RESPONSE_EDITABLE_STATUSES, RESPONSE_LIFECYCLE, RESPONSE_STATUS_LABELS, ResponseAction } from './response.lifecycle';

/** How the caller stands to a scenario's responses. Owners and overseers see all; a supplier only its own. */
type Relation = 'admin' | 'owner' | 'overseer' | 'supplier' | 'none';

const LIVE_INDEX = 'uq_scenario_responses_live';
const ALREADY_RESPONDED = '本单位已对该场景需求提交了响应，请修改或撤回现有响应后再提交';

const SUPPLIER_NOTICE: Partial<Record<ResponseAction, string>> = {
  shortlist: '您的响应已入围',
  accept: '您的响应已被采纳',
  reject: '您的响应未被采纳',
};

@Injectable()
export class ResponsesService {
  private readonly logger = new Logger(ResponsesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsProducer,
  ) {}

  async create(user: AuthenticatedUser, scenarioId: string, dto: CreateResponseDto): Promise<ResponseViewDto> {
    if (user.role !== 'supplier') throw new ActionForbidden('只有能力供给方账号可以响应场景需求');
    let outcome: { response: ScenarioResponse; scenario: Scenario; notificationIds: string[] };
    try {
      outcome = await this.dataSource.transaction(async (manager) => {
        // FOR SHARE: a concurrent close/withdraw of the scenario waits until this response is in (or sees it refused).
        const scenario = await manager.findOne(Scenario, { where: { id: scenarioId }, lock: { mode: 'pessimistic_read' } });
        if (!scenario || (scenario.status !== 'published' && scenario.status !== 'closed')) throw new ResourceNotFound('场景需求', scenarioId);
        if (scenario.organizationId === user.organizationId) throw new ActionForbidden('不能响应本单位发布的场景需求');
        if (scenario.status !== 'published') throw new ConflictException('该场景需求已关闭，不再接受响应');
        const live = await manager.exists(ScenarioResponse, {
          where: { scenarioId, organizationId: user.organizationId, status: In([...LIVE_SCENARIO_RESPONSE_STATUSES]) },
        });
        if (live) throw new DuplicateResource(ALREADY_RESPONDED);
        const capabilityIds = dto.capabilityIds ?? [];
        await this.checkOwnPublishedCapabilities(manager, user.organizationId, capabilityIds);
        const now = new Date();
        const response = await manager.save(
          manager.create(ScenarioResponse, {
            scenarioId,
            organizationId: user.organizationId,
            createdBy: user.id,
            approach: dto.approach.trim(),
            priceWan: dto.priceWan ?? null,
            schedule: dto.schedule?.trim() ?? '',
            attachments: toAttachments(dto.attachments),
            status: 'submitted',
            version: 1,
            submittedAt: now,
          }),
        );
        await this.linkCapabilities(manager, response, capabilityIds);
        const supplier = await manager.findOneByOrFail(Organization, { id: user.organizationId });
        await recordAudit(manager, { userId: user.id, role: user.role }, {
          action: 'response.submitted',
          entityType: 'scenario_response',
          entityId: response.id,
          regionCode: await this.regionOf(manager, scenario),
          after: { scenarioId, organizationId: user.organizationId, status: 'submitted', priceWan: response.priceWan, capabilityIds },
        });
        const owners = await usersOfOrganization(manager, scenario.organizationId, ['owner']);
        const notificationIds = await recordNotifications(manager, owners, {
          kind: 'response.submitted',
          title: '场景需求收到新的响应',
          body: `「${supplier.name}」响应了您的场景需求「${scenario.title}」`,
          link: `/scenarios/${scenarioId}/responses/${response.id}`,
          dedupeKey: `response.submitted:${response.id}`,
        });
        return { response, scenario, notificationIds };
      });
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { constraint?: string }).constraint === LIVE_INDEX) {
        throw new DuplicateResource(ALREADY_RESPONDED);
      }
      throw error;
    }
    await this.deliver(outcome.notificationIds);
    return this.view(user, outcome.response.id, outcome.scenario.id);
  }

  async listForScenario(user: AuthenticatedUser, scenarioId: string, query: ListResponsesQueryDto): Promise<ResponsePageDto> {
    const scenario = await this.dataSource.getRepository(Scenario).findOne({ where: { id: scenarioId }, relations: { organization: true } });
    if (!scenario) throw new ResourceNotFound('场景需求', scenarioId);
    const relation = this.relation(user, scenario);
    const qb = this.dataSource.getRepository(ScenarioResponse).createQueryBuilder('r').innerJoinAndSelect('r.organization', 'o').where('r.scenario_id = :scenarioId', { scenarioId });
    if (relation === 'supplier') {
      const mine = await this.dataSource.getRepository(ScenarioResponse).exists({ where: { scenarioId, organizationId: user.organizationId } });
      // A supplier may ask about a public scenario (and get an empty list), never probe a private one.
      if (!mine && scenario.status !== 'published' && scenario.status !== 'closed') throw new ResourceNotFound('场景需求', scenarioId);
      qb.andWhere('r.organization_id = :own', { own: user.organizationId });
    } else if (relation === 'none') {
      throw new ResourceNotFound('场景响应');
    }
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    const [rows, total] = await qb
      .orderBy('r.submittedAt', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    const links = await this.capabilitiesOf(this.dataSource.manager, rows.map((r) => r.id));
    return pageOf(
      rows.map((r) => toResponseView(r, scenario, r.organization as Organization, links.get(r.id) ?? [], this.callerView(user, relation, r, scenario))),
      total,
      query,
    );
  }

  /** A supplier's own responses across scenarios. */
  async listMine(user: AuthenticatedUser, query: ListResponsesQueryDto): Promise<ResponsePageDto> {
    const qb = this.dataSource
      .getRepository(ScenarioResponse)
      .createQueryBuilder('r')
      .innerJoinAndSelect('r.organization', 'o')
      .innerJoinAndSelect('r.scenario', 's')
      .where('r.organization_id = :own', { own: user.organizationId });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    const [rows, total] = await qb
      .orderBy('r.submittedAt', 'DESC')
      .addOrderBy('r.id', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    const links = await this.capabilitiesOf(this.dataSource.manager, rows.map((r) => r.id));
    return pageOf(
      rows.map((r) => {
        const scenario = r.scenario as Scenario;
        return toResponseView(r, scenario, r.organization as Organization, links.get(r.id) ?? [], this.callerView(user, 'supplier', r, scenario));
      }),
      total,
      query,
    );
  }

  async get(user: AuthenticatedUser, scenarioId: string, responseId: string): Promise<ResponseViewDto> {
    return this.view(user, responseId, scenarioId);
  }

  async update(user: AuthenticatedUser, scenarioId: string, responseId: string, dto: UpdateResponseDto): Promise<ResponseViewDto> {
    await this.dataSource.transaction(async (manager) => {
      const { response, scenario, relation } = await this.lockReadable(manager, user, scenarioId, responseId);
      if (!this.isAuthor(user, relation, response)) throw new ActionForbidden('只有提交该响应的供给方可以修改');
      if (!RESPONSE_EDITABLE_STATUSES.includes(response.status)) {
        throw new IllegalTransition(
          '场景响应',
          RESPONSE_STATUS_LABELS[response.status],
          '修改',
          RESPONSE_LIFECYCLE.allowedActions(response.status, 'supplier').map((a) => `${a}（${RESPONSE_LIFECYCLE.transitions[a].label}）`),
        );
      }
      if (scenario.status !== 'published') throw new ConflictException('场景需求已不在发布状态，响应不能再修改');
      const changes: Partial<ScenarioResponse> = {};
      if (dto.approach !== undefined && dto.approach !== null) changes.approach = dto.approach.trim();
      if (dto.schedule !== undefined && dto.schedule !== null) changes.schedule = dto.schedule.trim();
      if (dto.attachments !== undefined && dto.attachments !== null) changes.attachments = toAttachments(dto.attachments);
      if ('priceWan' in dto && dto.priceWan !== undefined) changes.priceWan = dto.priceWan ?? null;
      const relink = dto.capabilityIds !== undefined && dto.capabilityIds !== null;
      if (relink) await this.checkOwnPublishedCapabilities(manager, response.organizationId, dto.capabilityIds ?? []);
      if (Object.keys(changes).length === 0 && !relink) return;
      const before = { approach: response.approach, priceWan: response.priceWan, schedule: response.schedule, version: response.version };
      // Conditional on the status we checked: belt and braces with the row lock above.
      const result = await manager.update(ScenarioResponse, { id: responseId, status: 'submitted' }, { ...changes, version: response.version + 1 });
      if (!result.affected) throw new ConflictException('响应状态已变化，请刷新后重试');
      if (relink) {
        await manager.delete(ScenarioResponseCapability, { responseId });
        await this.linkCapabilities(manager, response, dto.capabilityIds ?? []);
      }
      await recordAudit(manager, { userId: user.id, role: user.role }, {
        action: 'response.updated',
        entityType: 'scenario_response',
        entityId: responseId,
        regionCode: await this.regionOf(manager, scenario),
        before,
        after: { ...before, ...changes, version: response.version + 1, ...(relink ? { capabilityIds: dto.capabilityIds } : {}) },
      });
    });
    return this.view(user, responseId, scenarioId);
  }

  async transition(user: AuthenticatedUser, scenarioId: string, responseId: string, action: ResponseAction, dto: ResponseDecisionDto): Promise<ResponseViewDto> {
    const comment = dto?.comment?.trim() || null;
    const notificationIds = await this.dataSource.transaction(async (manager) => {
      const { response, scenario, relation } = await this.lockReadable(manager, user, scenarioId, responseId);
      const allowed = action === 'withdraw' ? this.isAuthor(user, relation, response) : relation === 'owner' || relation === 'admin';
      if (!allowed) {
        throw new ActionForbidden(action === 'withdraw' ? '只有提交该响应的供给方可以撤回' : '只有该场景需求的业主方可以入围、采纳或不予采纳响应');
      }
      const before = { status: response.status };
      const to = RESPONSE_LIFECYCLE.next(response.status, action);
      const at = new Date();
      const changes: Partial<ScenarioResponse> = { status: to };
      if (action === 'shortlist') changes.shortlistedAt = at;
      if (action === 'accept' || action === 'reject') changes.decidedAt = at;
      if (action === 'withdraw') changes.withdrawnAt = at;
      if (action !== 'withdraw' && comment) changes.decisionComment = comment;
      const result = await manager.update(ScenarioResponse, { id: responseId, status: response.status }, changes);
      if (!result.affected) throw new ConflictException('响应状态已变化，请刷新后重试');
      await recordAudit(manager, { userId: user.id, role: user.role }, {
        action: `response.${action}`,
        entityType: 'scenario_response',
        entityId: responseId,
        regionCode: await this.regionOf(manager, scenario),
        before,
        after: { status: to },
        comment,
      });
      return this.notifyTransition(manager, action, response, scenario, comment);
    });
    await this.deliver(notificationIds);
    return this.view(user, responseId, scenarioId);
  }

  private async notifyTransition(
    manager: EntityManager,
    action: ResponseAction,
    response: ScenarioResponse,
    scenario: Scenario,
    comment: string | null,
  ): Promise<string[]> {
    const link = `/scenarios/${scenario.id}/responses/${response.id}`;
    if (action === 'withdraw') {
      const supplier = await manager.findOneByOrFail(Organization, { id: response.organizationId });
      return recordNotifications(manager, await usersOfOrganization(manager, scenario.organizationId, ['owner']), {
        kind: 'response.withdrawn',
        title: '供给方撤回了响应',
        body: `「${supplier.name}」撤回了对场景需求「${scenario.title}」的响应`,
        link,
        dedupeKey: `response.withdraw:${response.id}`,
      });
    }
    const title = SUPPLIER_NOTICE[action];
    if (!title) return [];
    return recordNotifications(manager, await usersOfOrganization(manager, response.organizationId, ['supplier']), {
      kind: `response.${action}`,
      title,
      body: `您对场景需求「${scenario.title}」的响应${RESPONSE_STATUS_LABELS[RESPONSE_LIFECYCLE.transitions[action].to]}${comment ? `。业主方意见：${comment}` : ''}`,
      link,
      dedupeKey: `response.${action}:${response.id}`,
    });
  }

  private async view(user: AuthenticatedUser, responseId: string, scenarioId: string): Promise<ResponseViewDto> {
    const manager = this.dataSource.manager;
    const response = await manager.findOne(ScenarioResponse, { where: { id: responseId, scenarioId }, relations: { organization: true } });
    const scenario = response ? await manager.findOne(Scenario, { where: { id: scenarioId }, relations: { organization: true } }) : null;
    if (!response || !scenario) throw new ResourceNotFound('场景响应', responseId);
    const relation = this.relation(user, scenario);
    if (!this.mayRead(user, relation, response)) throw new ResourceNotFound('场景响应', responseId);
    const links = await this.capabilitiesOf(manager, [response.id]);
    return toResponseView(response, scenario, response.organization as Organization, links.get(response.id) ?? [], this.callerView(user, relation, response, scenario));
  }

  private async lockReadable(
    manager: EntityManager,
    user: AuthenticatedUser,
    scenarioId: string,
    responseId: string,
  ): Promise<{ response: ScenarioResponse; scenario: Scenario; relation: Relation }> {
    const response = await manager.findOne(ScenarioResponse, { where: { id: responseId, scenarioId }, lock: { mode: 'pessimistic_write' } });
    const scenario = response ? await manager.findOne(Scenario, { where: { id: scenarioId }, relations: { organization: true } }) : null;
    if (!response || !scenario) throw new ResourceNotFound('场景响应', responseId);
    const relation = this.relation(user, scenario);
    if (!this.mayRead(user, relation, response)) throw new ResourceNotFound('场景响应', responseId);
    return { response, scenario, relation };
  }

  private relation(user: AuthenticatedUser, scenario: Scenario): Relation {
    if (user.role === 'admin') return 'admin';
    if (user.role === 'owner' && isMemberOf(user, scenario.organizationId)) return 'owner';
    if (oversees(user, scenario.regionCode ?? scenario.organization?.regionCode)) return 'overseer';
    if (user.role === 'supplier') return 'supplier';
    return 'none';
  }

  private mayRead(user: AuthenticatedUser, relation: Relation, response: ScenarioResponse): boolean {
    if (relation === 'admin' || relation === 'owner' || relation === 'overseer') return true;
    return relation === 'supplier' && response.organizationId === user.organizationId;
  }

  private isAuthor(user: AuthenticatedUser, relation: Relation, response: ScenarioResponse): boolean {
    return relation === 'admin' || (user.role === 'supplier' && response.organizationId === user.organizationId);
  }

  private callerView(user: AuthenticatedUser, relation: Relation, response: ScenarioResponse, scenario: Pick<Scenario, 'status'>) {
    const author = this.isAuthor(user, relation, response);
    const decider = relation === 'owner' || relation === 'admin';
    return {
      editable: author && RESPONSE_EDITABLE_STATUSES.includes(response.status) && scenario.status === 'published',
      allowedActions: RESPONSE_LIFECYCLE.allowedActions(response.status).filter((a) => (a === 'withdraw' ? author : decider)),
    };
  }

  /** Linked capabilities must be the responding organization's own and published (the owner can then open them). */
  private async checkOwnPublishedCapabilities(manager: EntityManager, organizationId: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const found = await manager.find(Capability, { select: { id: true }, where: { id: In(ids), organizationId, status: 'published' } });
    const ok = new Set(found.map((c) => c.id));
    const bad = ids.filter((id) => !ok.has(id));
    if (bad.length) {
      throw new RequestValidationFailed([{ field: 'capabilityIds', messages: [`只能关联本单位已发布的能力供给（不符合：${bad.join('、')}）`] }]);
    }
  }

  private async linkCapabilities(manager: EntityManager, response: ScenarioResponse, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await manager.insert(
      ScenarioResponseCapability,
      ids.map((capabilityId) => ({ responseId: response.id, capabilityId, organizationId: response.organizationId })),
    );
  }

  private async capabilitiesOf(manager: EntityManager, responseIds: string[]): Promise<Map<string, Capability[]>> {
    const result = new Map<string, Capability[]>();
    if (responseIds.length === 0) return result;
    const links = await manager.find(ScenarioResponseCapability, { where: { responseId: In(responseIds) }, relations: { capability: true } });
    for (const link of links) {
      if (link.capability) result.set(link.responseId, [...(result.get(link.responseId) ?? []), link.capability]);
    }
    return result;
  }

  private async regionOf(manager: EntityManager, scenario: Scenario): Promise<string | null> {
    if (scenario.regionCode) return scenario.regionCode;
    if (scenario.organization) return scenario.organization.regionCode;
    return (await manager.findOneBy(Organization, { id: scenario.organizationId }))?.regionCode ?? null;
  }

  private async deliver(ids: string[]): Promise<void> {
    await this.notifications.deliverByEmail(ids).catch((error: unknown) => this.logger.warn({ err: error }, 'E-mail enqueue failed'));
  }
}
