import { ActionForbidden, DuplicateResource, IllegalTransition, ResourceNotFound } from '@app/common';
import { EventRegistration, ExchangeEvent, MeetingRequestRecord, recordAudit, recordNotifications, usersOfOrganization } from '@app/database';
import { EventsProducer, NotificationsProducer } from '@app/queue';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { AuthenticatedUser } from '../auth/current-user';
import { managesEvent } from './domain/event-access';
import { cancelMeetingRequestJobs, enqueueMeetingRequestJobs } from '@app/events';
import { MEETING_REQUEST_LIFECYCLE } from '@app/events';
import { callerRegistration } from './domain/event-participants';
import { matchedOrganizationPairs } from '@app/events';
import {
  ListMeetingRequestsQueryDto,
  MeetingRequestListDto,
  MeetingRequestResponseDto,
  SendMeetingRequestDto,
  SuggestedPartnerListDto,
  toMeetingRequestResponse,
} from './dto/meeting-request.dto';

const DAY_MS = 24 * 3600_000;

@Injectable()
export class MeetingRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventsProducer,
    private readonly notifications: NotificationsProducer,
  ) {}

  /**
   * Asking someone who already asked you makes the pair mutual (top priority) instead of a second request.
   * Live requests (pending + accepted) count against the sender's meeting maximum, so a declined or expired
   * request frees the sender to ask someone else.
   */
  async send(user: AuthenticatedUser, eventId: string, dto: SendMeetingRequestDto): Promise<MeetingRequestResponseDto> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const event = await this.openMatchmaking(manager, eventId);
      // Locking the sender's registration serializes their requests, so the quota below cannot be overrun.
      const mine = await callerRegistration(manager, user, eventId, true);
      if (!mine || mine.status !== 'registered') throw new ActionForbidden('报名成功后才能发起洽谈邀约');
      const target = await manager.findOneBy(EventRegistration, { id: dto.toRegistrationId, eventId, status: 'registered' });
      if (!target || target.side === mine.side) throw new ResourceNotFound('对方报名', dto.toRegistrationId);
      const ownerReg = mine.side === 'owner' ? mine : target;
      const supplierReg = mine.side === 'owner' ? target : mine;
      const live = await manager.findOne(MeetingRequestRecord, {
        where: { eventId, ownerRegistrationId: ownerReg.id, supplierRegistrationId: supplierReg.id, status: In(['pending', 'accepted']) },
        lock: { mode: 'pessimistic_write' },
      });
      if (live) {
        if (live.fromRegistrationId === mine.id || live.status === 'accepted') throw new DuplicateResource('与该单位已有进行中的洽谈邀约');
        // They asked us first: both want the meeting.
        live.status = MEETING_REQUEST_LIFECYCLE.next(live.status, 'accept');
        live.mutual = true;
        live.respondedAt = new Date();
        await manager.save(live);
        await recordAudit(manager, { userId: user.id, role: user.role }, { action: 'meeting_request.mutual', entityType: 'meeting_request', entityId: live.id, regionCode: event.regionCode, after: { status: live.status, mutual: true } });
        const notified = await this.notify(manager, live.fromRegistrationId, live.id, 'meeting_request.accepted', `双方互相邀约：${event.title}`, '对方也向贵单位发起了洽谈邀约，已确认为双向邀约，将优先安排。');
        return { request: live, created: false, answered: true, notified };
      }
      const limit = mine.maxMeetings ?? event.maxMeetingsPerParticipant;
      const outgoing = await manager.count(MeetingRequestRecord, { where: { eventId, fromRegistrationId: mine.id, status: In(['pending', 'accepted']) } });
      if (outgoing >= limit) throw new DuplicateResource(`进行中的邀约已达上限（${limit} 个）；对方拒绝或邀约过期后可再向其他单位发起`);
      const [pair] = await matchedOrganizationPairs(manager, [ownerReg.organizationId], [supplierReg.organizationId]);
      const now = new Date();
      const request = await manager.save(
        manager.create(MeetingRequestRecord, {
          eventId,
          fromRegistrationId: mine.id,
          toRegistrationId: target.id,
          ownerRegistrationId: ownerReg.id,
          supplierRegistrationId: supplierReg.id,
          requestedBy: user.id,
          status: 'pending',
          fromSuggestion: !!pair,
          matchScore: pair?.score ?? null,
          message: dto.message ?? null,
          expiresAt: new Date(now.getTime() + event.requestExpiryDays * DAY_MS),
        }),
      );
      await recordAudit(manager, { userId: user.id, role: user.role }, { action: 'meeting_request.sent', entityType: 'meeting_request', entityId: request.id, regionCode: event.regionCode, after: { to: target.id } });
      const notified = await this.notify(manager, target.id, request.id, 'meeting_request.received', `收到洽谈邀约：${event.title}`, `请在 ${event.requestExpiryDays} 天内回复，逾期邀约自动失效。${dto.message ? `留言：${dto.message}` : ''}`);
      return { request, created: true, answered: false, notified };
    });
    if (outcome.created) await enqueueMeetingRequestJobs(this.events, outcome.request.id, outcome.request.createdAt, outcome.request.expiresAt);
    if (outcome.answered) await cancelMeetingRequestJobs(this.events, outcome.request.id);
    await this.notifications.deliverByEmail(outcome.notified);
    return this.toResponse(outcome.request);
  }

  async respond(user: AuthenticatedUser, eventId: string, requestId: string, action: 'accept' | 'decline' | 'withdraw'): Promise<MeetingRequestResponseDto> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const event = await manager.findOneBy(ExchangeEvent, { id: eventId });
      if (!event) throw new ResourceNotFound('活动', eventId);
      const request = await manager.findOne(MeetingRequestRecord, { where: { id: requestId, eventId }, lock: { mode: 'pessimistic_write' } });
      const mine = await callerRegistration(manager, user, eventId);
      if (!request || !mine || (request.fromRegistrationId !== mine.id && request.toRegistrationId !== mine.id)) throw new ResourceNotFound('洽谈邀约', requestId);
      const isRecipient = request.toRegistrationId === mine.id;
      if (action === 'withdraw' ? isRecipient : !isRecipient) {
        throw new ActionForbidden(action === 'withdraw' ? '只有发起方可以撤回邀约' : '只有被邀约方可以接受或拒绝');
      }
      if (action !== 'withdraw' && request.status === 'pending' && request.expiresAt.getTime() <= Date.now()) {
        throw new IllegalTransition('洽谈邀约', '已过期', action === 'accept' ? '接受' : '拒绝', []);
      }
      const from = request.status;
      request.status = MEETING_REQUEST_LIFECYCLE.next(from, action);
      request.respondedAt = new Date();
      await manager.save(request);
      await recordAudit(manager, { userId: user.id, role: user.role }, { action: `meeting_request.${action}`, entityType: 'meeting_request', entityId: request.id, regionCode: event.regionCode, before: { status: from }, after: { status: request.status } });
      const text = { accept: ['对方已接受洽谈邀约', '主办方排期后将通知具体时间和洽谈桌。'], decline: ['对方未接受洽谈邀约', '您可以向其他参会单位发起邀约。'], withdraw: ['对方撤回了洽谈邀约', ''] }[action];
      const notified = await this.notify(manager, isRecipient ? request.fromRegistrationId : request.toRegistrationId, request.id, `meeting_request.${action}`, `${text[0]}：${event.title}`, text[1]);
      return { request, notified };
    });
    await cancelMeetingRequestJobs(this.events, requestId);
    await this.notifications.deliverByEmail(outcome.notified);
    return this.toResponse(outcome.request);
  }

  async list(user: AuthenticatedUser, eventId: string, query: ListMeetingRequestsQueryDto): Promise<MeetingRequestListDto> {
    const manager = this.dataSource.manager;
    const event = await manager.findOneBy(ExchangeEvent, { id: eventId });
    if (!event) throw new ResourceNotFound('活动', eventId);
    const qb = manager.createQueryBuilder(MeetingRequestRecord, 'q').where('q.event_id = :eventId', { eventId });
    if (!managesEvent(user, event)) {
      const mine = await callerRegistration(manager, user, eventId);
      if (!mine) throw new ResourceNotFound('活动', eventId);
      if (query.direction === 'incoming') qb.andWhere('q.to_registration_id = :me', { me: mine.id });
      else if (query.direction === 'outgoing') qb.andWhere('q.from_registration_id = :me', { me: mine.id });
      else qb.andWhere('(q.from_registration_id = :me OR q.to_registration_id = :me)', { me: mine.id });
    }
    if (query.status) qb.andWhere('q.status = :status', { status: query.status });
    const rows = await qb.orderBy('q.created_at', 'DESC').addOrderBy('q.id', 'ASC').getMany();
    const names = await this.partyNames(manager, rows.flatMap((r) => [r.fromRegistrationId, r.toRegistrationId]));
    return { items: rows.map((r) => toMeetingRequestResponse(r, names)) };
  }

  /** Partners of the other side suggested by the matches between the two organizations, best first. */
  async suggestions(user: AuthenticatedUser, eventId: string): Promise<SuggestedPartnerListDto> {
    const manager = this.dataSource.manager;
    const mine = await callerRegistration(manager, user, eventId);
    if (!mine || mine.status !== 'registered') throw new ActionForbidden('报名成功后才能查看推荐洽谈对象');
    const others = await manager.find(EventRegistration, { where: { eventId, side: mine.side === 'owner' ? 'supplier' : 'owner', status: 'registered' }, relations: { organization: true } });
    const owners = mine.side === 'owner' ? [mine.organizationId] : others.map((o) => o.organizationId);
    const suppliers = mine.side === 'owner' ? others.map((o) => o.organizationId) : [mine.organizationId];
    const pairs = await matchedOrganizationPairs(manager, owners, suppliers);
    const scoreOf = new Map(pairs.map((p) => [mine.side === 'owner' ? p.supplierOrganizationId : p.ownerOrganizationId, p.score]));
    const requests = await manager.find(MeetingRequestRecord, { where: [{ eventId, fromRegistrationId: mine.id }, { eventId, toRegistrationId: mine.id }], order: { createdAt: 'DESC' } });
    const statusOf = new Map<string, string>();
    for (const r of requests) {
      const other = r.fromRegistrationId === mine.id ? r.toRegistrationId : r.fromRegistrationId;
      if (!statusOf.has(other)) statusOf.set(other, r.status);
    }
    const items = others
      .filter((o) => scoreOf.has(o.organizationId))
      .map((o) => ({ registrationId: o.id, organizationId: o.organizationId, organizationName: o.organization?.name ?? null, matchScore: scoreOf.get(o.organizationId)!, requestStatus: statusOf.get(o.id) ?? null }))
      .sort((a, b) => b.matchScore - a.matchScore || a.registrationId.localeCompare(b.registrationId));
    return { items };
  }

  private async openMatchmaking(manager: EntityManager, eventId: string): Promise<ExchangeEvent> {
    const event = await manager.findOneBy(ExchangeEvent, { id: eventId });
    if (!event || (event.status !== 'published' && event.status !== 'completed')) throw new ResourceNotFound('活动', eventId);
    if (event.type !== 'matchmaking') throw new ActionForbidden('只有场景对接会支持 1 对 1 洽谈邀约');
    if (event.status !== 'published') throw new IllegalTransition('活动', '已结束', '发起邀约', []);
    return event;
  }

  private async notify(manager: EntityManager, registrationId: string, requestId: string, kind: string, title: string, body: string): Promise<string[]> {
    const registration = await manager.findOneByOrFail(EventRegistration, { id: registrationId });
    const users = await usersOfOrganization(manager, registration.organizationId, [registration.side]);
    return recordNotifications(manager, users, { kind, title, body, link: `/events/${registration.eventId}/meeting-requests`, dedupeKey: `${kind}:${requestId}` });
  }

  private async partyNames(manager: EntityManager, registrationIds: string[]): Promise<Map<string, { organizationId: string; name: string | null }>> {
    const ids = [...new Set(registrationIds)];
    if (!ids.length) return new Map();
    const rows = await manager.find(EventRegistration, { where: { id: In(ids) }, relations: { organization: true } });
    return new Map(rows.map((r) => [r.id, { organizationId: r.organizationId, name: r.organization?.name ?? null }]));
  }

  private async toResponse(request: MeetingRequestRecord): Promise<MeetingRequestResponseDto> {
    const names = await this.partyNames(this.dataSource.manager, [request.fromRegistrationId, request.toRegistrationId]);
    return toMeetingRequestResponse(request, names);
  }
}
