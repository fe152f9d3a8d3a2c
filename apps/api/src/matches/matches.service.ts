import { ActionForbidden, ResourceNotFound } from '@app/common';
import {
  Capability,
  Match,
  MatchFeedback,
  MatchFeedbackAction,
  Scenario,
  User,
  recordAudit,
  recordNotifications,
  usersOfOrganization,
} from '@app/database';
import { CONTACT_UNLOCKED_STATUSES, MATCH_LIFECYCLE, MatchAction, MatchActorSide, interestActionFor } from '@app/matching';
import { NotificationsProducer } from '@app/queue';
import { isWithinRegion } from '@app/taxonomy';
import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, FindOptionsWhere, Not } from 'typeorm';
import { AuthenticatedUser } from '../auth/current-user';
import {
  DismissMatchDto,
  ListMatchesQueryDto,
  MatchContactsDto,
  MatchPageDto,
  MatchResponseDto,
  MatchView,
  RecordMatchOutcomeDto,
  toMatchResponse,
} from './dto/matches.dto';

/** 409 when contacts are asked for before both parties said yes. */
export class ContactsLocked extends ConflictException {
  constructor() {
    super('双方均表示感兴趣后才能查看联系方式');
  }
}

/** 409 for acting on a suggestion whose scenario or capability is no longer public. */
export class MatchStale extends ConflictException {
  constructor() {
    super('该推荐对应的场景需求或能力供给已撤回、关闭或归档，不能再表示感兴趣');
  }
}

const regionOfScenario = (scenario: Scenario): string | null => scenario.regionCode ?? scenario.organization?.regionCode ?? null;
const regionOfCapability = (capability: Capability): string | null => capability.regionCode ?? capability.organization?.regionCode ?? null;

function organizerSees(user: AuthenticatedUser, ...regions: Array<string | null>): boolean {
  if (user.role === 'admin') return true;
  if (user.role !== 'organizer' || !user.jurisdictionRegionCode) return false;
  return regions.some((code) => code !== null && isWithinRegion(code, user.jurisdictionRegionCode as string));
}

/**
 * Suggestions (推荐) and what the two parties do with them. Only the scenario's owner organization, the
 * capability's supplier organization and organizers of the region (admins everywhere) see a match; anyone
 * else gets the same 404 as for a match that does not exist.
 */
@Injectable()
export class MatchesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsProducer,
  ) {}

  async listForScenario(user: AuthenticatedUser, scenarioId: string, query: ListMatchesQueryDto): Promise<MatchPageDto> {
    const scenario = await this.dataSource.getRepository(Scenario).findOne({ where: { id: scenarioId }, relations: { organization: true } });
    if (!scenario) throw new ResourceNotFound('场景需求', scenarioId);
    const side: MatchActorSide | null =
      user.role === 'owner' && user.organizationId === scenario.organizationId ? 'owner' : organizerSees(user, regionOfScenario(scenario)) ? 'organizer' : null;
    if (!side) throw new ResourceNotFound('场景需求', scenarioId);
    const [rows, total] = await this.dataSource.getRepository(Match).findAndCount({
      where: this.statusFilter({ scenarioId }, query),
      relations: { capability: { organization: true } },
      order: { score: 'DESC', id: 'ASC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    const items = rows.map((match) => this.respond({ match, scenario, capability: match.capability as Capability, side }));
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async listForCapability(user: AuthenticatedUser, capabilityId: string, query: ListMatchesQueryDto): Promise<MatchPageDto> {
    const capability = await this.dataSource.getRepository(Capability).findOne({ where: { id: capabilityId }, relations: { organization: true } });
    if (!capability) throw new ResourceNotFound('能力供给', capabilityId);
    const side: MatchActorSide | null =
      user.role === 'supplier' && user.organizationId === capability.organizationId
        ? 'supplier'
        : organizerSees(user, regionOfCapability(capability))
          ? 'organizer'
          : null;
    if (!side) throw new ResourceNotFound('能力供给', capabilityId);
    const [rows, total] = await this.dataSource.getRepository(Match).findAndCount({
      where: this.statusFilter({ capabilityId }, query),
      relations: { scenario: { organization: true } },
      order: { score: 'DESC', id: 'ASC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    const items = rows.map((match) => this.respond({ match, scenario: match.scenario as Scenario, capability, side }));
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async getMatch(user: AuthenticatedUser, id: string): Promise<MatchResponseDto> {
    return this.respond(await this.view(this.dataSource.manager, user, id));
  }

  async expressInterest(user: AuthenticatedUser, id: string): Promise<MatchResponseDto> {
    let mutual = false;
    const view = await this.dataSource.transaction(async (manager) => {
      const current = await this.view(manager, user, id, true);
      if (current.side === 'organizer') throw new ActionForbidden('只有场景业主方或能力供给方可以表示感兴趣');
      if (current.match.staleAt) throw new MatchStale();
      const action = interestActionFor(current.side, current.match.status);
      const changes: Partial<Match> = current.side === 'owner' ? { ownerInterestedAt: new Date() } : { supplierInterestedAt: new Date() };
      await this.transition(manager, user, current, action, changes, { action: 'interest' });
      mutual = current.match.status === 'mutual';
      return current;
    });
    if (mutual) await this.notifyMutual(view);
    return this.respond(view);
  }

  async dismissMatch(user: AuthenticatedUser, id: string, dto: DismissMatchDto): Promise<MatchResponseDto> {
    const view = await this.dataSource.transaction(async (manager) => {
      const current = await this.view(manager, user, id, true);
      if (current.side === 'organizer') throw new ActionForbidden('只有场景业主方或能力供给方可以忽略推荐');
      await this.transition(manager, user, current, 'dismiss', { dismissReason: dto.reason, dismissComment: dto.comment ?? null }, {
        action: 'dismiss',
        reason: dto.reason,
        comment: dto.comment ?? null,
      });
      return current;
    });
    return this.respond(view);
  }

  async recordMeeting(user: AuthenticatedUser, id: string): Promise<MatchResponseDto> {
    const view = await this.dataSource.transaction(async (manager) => {
      const current = await this.view(manager, user, id, true);
      await this.transition(manager, user, current, 'meet', {}, { action: 'meeting' });
      return current;
    });
    return this.respond(view);
  }

  async recordOutcome(user: AuthenticatedUser, id: string, dto: RecordMatchOutcomeDto): Promise<MatchResponseDto> {
    const view = await this.dataSource.transaction(async (manager) => {
      const current = await this.view(manager, user, id, true);
      const action: MatchAction = dto.result === 'landed' ? 'land' : 'closeWithoutLanding';
      await this.transition(manager, user, current, action, { outcome: dto.result, outcomeNote: dto.note ?? null }, {
        action: 'outcome',
        reason: dto.result,
        comment: dto.note ?? null,
      });
      return current;
    });
    return this.respond(view);
  }

  /** Contact details exist for the two parties only once both said yes (mutual, meeting, landed). */
  async revealContacts(user: AuthenticatedUser, id: string): Promise<MatchContactsDto> {
    return this.dataSource.transaction(async (manager) => {
      const { match, scenario, capability, side } = await this.view(manager, user, id);
      if (!CONTACT_UNLOCKED_STATUSES.includes(match.status)) throw new ContactsLocked();
      const creator = capability.createdBy ? await manager.findOne(User, { where: { id: capability.createdBy, organizationId: capability.organizationId } }) : null;
      const people = creator
        ? [creator]
        : await manager.find(User, { where: { organizationId: capability.organizationId, role: 'supplier' }, order: { createdAt: 'ASC' }, take: 3 });
      if (side !== 'organizer') await this.feedback(manager, user, side, match, { action: 'contact' });
      const contact = scenario.contact ?? {};
      return {
        matchId: match.id,
        owner: {
          organizationName: scenario.organization?.name ?? '',
          name: contact.name ?? null,
          phone: contact.phone ?? null,
          email: contact.email ?? null,
        },
        supplier: {
          organizationName: capability.organization?.name ?? '',
          people: people.map((person) => ({ displayName: person.displayName, email: person.email, phone: person.phone })),
        },
      };
    });
  }

  private statusFilter<T extends FindOptionsWhere<Match>>(base: T, query: ListMatchesQueryDto): FindOptionsWhere<Match> {
    if (query.status) return { ...base, status: query.status };
    return query.includeDismissed ? base : { ...base, status: Not('dismissed') };
  }

  /** Loads a match the caller may see (else 404), optionally locking it for an action. */
  private async view(manager: EntityManager, user: AuthenticatedUser, id: string, lock = false): Promise<MatchView> {
    const match = lock
      ? await manager.getRepository(Match).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } })
      : await manager.getRepository(Match).findOne({ where: { id } });
    if (!match) throw new ResourceNotFound('对接推荐', id);
    const [scenario, capability] = await Promise.all([
      manager.getRepository(Scenario).findOne({ where: { id: match.scenarioId }, relations: { organization: true } }),
      manager.getRepository(Capability).findOne({ where: { id: match.capabilityId }, relations: { organization: true } }),
    ]);
    if (!scenario || !capability) throw new ResourceNotFound('对接推荐', id);
    let side: MatchActorSide | null = null;
    if (user.role === 'owner' && user.organizationId === scenario.organizationId) side = 'owner';
    else if (user.role === 'supplier' && user.organizationId === capability.organizationId) side = 'supplier';
    else if (organizerSees(user, regionOfScenario(scenario), regionOfCapability(capability))) side = 'organizer';
    if (!side) throw new ResourceNotFound('对接推荐', id);
    return { match, scenario, capability, side };
  }

  private async transition(
    manager: EntityManager,
    user: AuthenticatedUser,
    view: MatchView,
    action: MatchAction,
    changes: Partial<Match>,
    feedback: { action: MatchFeedbackAction; reason?: string | null; comment?: string | null },
  ): Promise<void> {
    const { match } = view;
    if (!MATCH_LIFECYCLE.roleMayTrigger(action, view.side)) throw new ActionForbidden();
    const before = match.status;
    const to = MATCH_LIFECYCLE.next(before, action);
    Object.assign(match, changes, { status: to });
    await manager.update(Match, { id: match.id }, { ...changes, status: to });
    await this.feedback(manager, user, view.side, match, feedback);
    await recordAudit(manager, { userId: user.id, role: user.role }, {
      action: `match.${action}`,
      entityType: 'match',
      entityId: match.id,
      regionCode: regionOfScenario(view.scenario),
      before: { status: before },
      after: { status: to, ...(feedback.reason ? { reason: feedback.reason } : {}) },
      comment: feedback.comment ?? null,
    });
    const reloaded = await manager.getRepository(Match).findOneByOrFail({ id: match.id });
    Object.assign(match, reloaded);
  }

  private async feedback(
    manager: EntityManager,
    user: AuthenticatedUser,
    side: MatchActorSide,
    match: Match,
    entry: { action: MatchFeedbackAction; reason?: string | null; comment?: string | null },
  ): Promise<void> {
    await manager.insert(MatchFeedback, {
      matchId: match.id,
      userId: user.id,
      side,
      action: entry.action,
      reason: entry.reason ?? null,
      comment: entry.comment ?? null,
      score: match.score,
      scoringVersion: match.scoringVersion,
    });
  }

  private async notifyMutual(view: MatchView): Promise<void> {
    const ids = await this.dataSource.transaction(async (manager) => {
      const owners = await usersOfOrganization(manager, view.scenario.organizationId, ['owner']);
      const suppliers = await usersOfOrganization(manager, view.capability.organizationId, ['supplier']);
      return recordNotifications(manager, [...owners, ...suppliers], {
        kind: 'match.mutual',
        title: '双方均有意向，可查看联系方式',
        body: `场景需求「${view.scenario.title}」与能力供给「${view.capability.title}」双方均表示感兴趣，现在可以在推荐详情中查看对方联系方式。`,
        link: `/matches/${view.match.id}`,
        dedupeKey: `match-mutual:${view.match.id}`,
      });
    });
    await this.notifications.deliverByEmail(ids);
  }

  private respond(view: MatchView): MatchResponseDto {
    const actions: string[] = view.match.staleAt ? [] : MATCH_LIFECYCLE.allowedActions(view.match.status, view.side);
    if (CONTACT_UNLOCKED_STATUSES.includes(view.match.status)) actions.push('contact');
    return toMatchResponse(view, actions);
  }
}


