import { ActionForbidden, DuplicateResource, IllegalTransition, PageQueryDto, pageOf, ResourceNotFound } from '@app/common';
import { EventRegistration, EventSide, ExchangeEvent, Meeting, MeetingRequestRecord, recordAudit, recordNotifications, usersOfOrganization } from '@app/database';
import { EventsProducer, NotificationsProducer } from '@app/queue';
import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomInt } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import type { AuthenticatedUser } from '../auth/current-user';
import { isPubliclyVisible, managesEvent } from './domain/event-access';
import { cancelMeetingRequestJobs, syncMeetingReminders } from '@app/events';
import { REGISTRATION_STATUS_LABELS } from '@app/events';
import { callerRegistration, newCheckInCode } from './domain/event-participants';
import { buildEventSlots } from '@app/events';
import { toEventResponse } from './dto/event.dto';
import { CheckInDto, ListRegistrationsQueryDto, MyRegistrationPageDto, RegisterForEventDto, RegistrationListDto, RegistrationResponseDto, toRegistrationResponse } from './dto/registration.dto';

const COUNTER: Record<EventSide, { count: string; capacity: string }> = {
  owner: { count: 'registered_owner_count', capacity: 'capacity_owner' },
  supplier: { count: 'registered_supplier_count', capacity: 'capacity_supplier' },
};

@Injectable()
export class EventRegistrationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventsProducer,
    private readonly notifications: NotificationsProducer,
  ) {}

  /**
   * Capacity holds under any concurrency: the event row is locked for the whole transaction (so the waiting
   * list keeps arrival order) and the seat is taken by a conditional UPDATE that a CHECK constraint backs.
   */
  async register(user: AuthenticatedUser, eventId: string, dto: RegisterForEventDto): Promise<RegistrationResponseDto> {
    if (user.role !== 'owner' && user.role !== 'supplier') throw new ActionForbidden('只有场景业主方或能力供给方可以报名');
    const side: EventSide = user.role;
    const { registration, notified } = await this.dataSource.transaction(async (manager) => {
      const event = await manager.findOne(ExchangeEvent, { where: { id: eventId }, lock: { mode: 'pessimistic_write' } });
      if (!event || !isPubliclyVisible(event)) throw new ResourceNotFound('活动', eventId);
      if (event.status !== 'published') throw new IllegalTransition('活动', '已结束', '报名', []);
      const now = Date.now();
      if (now < event.registrationOpensAt.getTime()) throw new BadRequestException('报名尚未开始');
      if (now > event.registrationClosesAt.getTime()) throw new BadRequestException('报名已截止');
      if (await callerRegistration(manager, user, eventId)) throw new DuplicateResource('本单位已报名该活动（或在候补名单中）');
      if (dto.maxMeetings !== undefined && dto.maxMeetings > event.maxMeetingsPerParticipant) {
        throw new BadRequestException(`洽谈场次上限不能超过活动规定的 ${event.maxMeetingsPerParticipant} 场`);
      }
      const availableSlotIds = dto.availableSlotIds ? validSlotIds(event, dto.availableSlotIds) : null;
      const { count, capacity } = COUNTER[side];
      const seat: [Array<{ id: string }>, number] = await manager.query(`UPDATE events SET ${count} = ${count} + 1 WHERE id = $1 AND ${count} < ${capacity} RETURNING id`, [eventId]);
      const status = seat[0].length ? 'registered' : 'waitlisted';
      const row = await manager.save(
        manager.create(EventRegistration, {
          eventId,
          organizationId: user.organizationId,
          registeredBy: user.id,
          side,
          status,
          attendees: dto.attendees.map((a) => ({ name: a.name, title: a.title ?? null, phone: a.phone ?? null })),
          availableSlotIds,
          maxMeetings: dto.maxMeetings ?? null,
          checkInCode: newCheckInCode(randomInt),
        }),
      );
      await recordAudit(manager, { userId: user.id, role: user.role }, { action: `event.registration.${status}`, entityType: 'event_registration', entityId: row.id, regionCode: event.regionCode, after: { eventId, side, status } });
      const ids = await recordNotifications(manager, [user.id], {
        kind: `event.registration.${status}`,
        title: status === 'registered' ? `报名成功：${event.title}` : `已进入候补名单：${event.title}`,
        body: status === 'registered' ? `签到码：${row.checkInCode}，请在活动现场出示。` : '名额已满，已有单位取消时将按报名先后依次递补，并通知您。',
        link: `/events/${eventId}`,
        dedupeKey: `event-registration:${row.id}:${status}`,
      });
      return { registration: await manager.findOneOrFail(EventRegistration, { where: { id: row.id }, relations: { organization: true } }), notified: ids };
    });
    await this.notifications.deliverByEmail(notified);
    return toRegistrationResponse(registration, 'full');
  }

  /** Cancelling a seat hands it to the first on the waiting list in the same transaction. */
  async cancel(user: AuthenticatedUser, eventId: string, registrationId: string): Promise<RegistrationResponseDto> {
    const after = await this.dataSource.transaction(async (manager) => {
      const event = await manager.findOne(ExchangeEvent, { where: { id: eventId }, lock: { mode: 'pessimistic_write' } });
      if (!event) throw new ResourceNotFound('活动', eventId);
      const registration = await manager.findOne(EventRegistration, { where: { id: registrationId, eventId }, lock: { mode: 'pessimistic_write' } });
      const organizer = managesEvent(user, event);
      if (!registration || (!organizer && registration.organizationId !== user.organizationId)) throw new ResourceNotFound('报名', registrationId);
      if (registration.status === 'cancelled') throw new IllegalTransition('报名', REGISTRATION_STATUS_LABELS.cancelled, '取消', []);
      const wasRegistered = registration.status === 'registered';
      registration.status = 'cancelled';
      registration.cancelledAt = new Date();
      await manager.save(registration);
      let promoted: EventRegistration | null = null;
      if (wasRegistered) {
        promoted = await manager
          .createQueryBuilder(EventRegistration, 'r')
          .where('r.event_id = :eventId AND r.side = :side AND r.status = :waitlisted', { eventId, side: registration.side, waitlisted: 'waitlisted' })
          .orderBy('r.seq', 'ASC')
          .limit(1)
          .setLock('pessimistic_write')
          .getOne();
        if (promoted) {
          promoted.status = 'registered';
          promoted.promotedAt = new Date();
          await manager.save(promoted);
        } else {
          const { count } = COUNTER[registration.side];
          await manager.query(`UPDATE events SET ${count} = ${count} - 1 WHERE id = $1`, [eventId]);
        }
      }
      const released = await this.releaseParticipant(manager, eventId, registration.id);
      const actor = { userId: user.id, role: user.role };
      await recordAudit(manager, actor, { action: 'event.registration.cancelled', entityType: 'event_registration', entityId: registration.id, regionCode: event.regionCode, before: { status: wasRegistered ? 'registered' : 'waitlisted' }, after: { status: 'cancelled', promoted: promoted?.id ?? null } });
      let notified: string[] = [];
      if (promoted) {
        await recordAudit(manager, null, { action: 'event.registration.promoted', entityType: 'event_registration', entityId: promoted.id, regionCode: event.regionCode, before: { status: 'waitlisted' }, after: { status: 'registered' } });
        notified = await recordNotifications(manager, await usersOfOrganization(manager, promoted.organizationId, [promoted.side]), {
          kind: 'event.registration.promoted',
          title: `候补转正：${event.title}`,
          body: `有单位取消报名，贵单位已由候补转为正式报名。签到码：${promoted.checkInCode}`,
          link: `/events/${eventId}`,
          dedupeKey: `event-registration:${promoted.id}:promoted`,
        });
      }
      return { registration, released, notified };
    });
    await this.afterRelease(after.released);
    await this.notifications.deliverByEmail(after.notified);
    return toRegistrationResponse(after.registration, 'full');
  }

  async list(user: AuthenticatedUser, eventId: string, query: ListRegistrationsQueryDto): Promise<RegistrationListDto> {
    const manager = this.dataSource.manager;
    const event = await manager.findOneBy(ExchangeEvent, { id: eventId });
    if (!event) throw new ResourceNotFound('活动', eventId);
    if (managesEvent(user, event)) {
      const where: Record<string, unknown> = { eventId };
      if (query.side) where.side = query.side;
      if (query.status) where.status = query.status;
      const rows = await manager.find(EventRegistration, { where, relations: { organization: true }, order: { seq: 'ASC' } });
      return { items: rows.map((r) => toRegistrationResponse(r, 'full')) };
    }
    if (!isPubliclyVisible(event)) throw new ResourceNotFound('活动', eventId);
    const mine = await callerRegistration(manager, user, eventId);
    if (!mine || mine.status !== 'registered') throw new ActionForbidden('报名成功后才能查看对方参会名单');
    const otherSide: EventSide = mine.side === 'owner' ? 'supplier' : 'owner';
    const rows = await manager.find(EventRegistration, { where: { eventId, side: otherSide, status: 'registered' }, relations: { organization: true }, order: { seq: 'ASC' } });
    const offers = await this.publishedOffers(manager, otherSide, rows.map((r) => r.organizationId));
    return {
      items: rows.map((r) => ({
        ...toRegistrationResponse(r, 'counterpart'),
        ...(otherSide === 'owner' ? { scenarios: offers.get(r.organizationId) ?? [] } : { capabilities: offers.get(r.organizationId) ?? [] }),
      })),
    };
  }

  async mine(user: AuthenticatedUser, eventId: string): Promise<RegistrationResponseDto> {
    const mine = await callerRegistration(this.dataSource.manager, user, eventId);
    if (!mine) throw new ResourceNotFound('报名');
    mine.organization = (await this.dataSource.manager.findOne(EventRegistration, { where: { id: mine.id }, relations: { organization: true } }))?.organization;
    return toRegistrationResponse(mine, 'full');
  }

  /**
   * My organization's live registrations (registered or waitlisted) across the events the public can see, latest
   * registration window first: the participant workspace in one request instead of one per event.
   */
  async listMine(user: AuthenticatedUser, query: PageQueryDto): Promise<MyRegistrationPageDto> {
    if ((user.role !== 'owner' && user.role !== 'supplier') || !user.organizationId) return pageOf([], 0, query);
    const manager = this.dataSource.manager;
    const [rows, total] = await manager
      .createQueryBuilder(EventRegistration, 'r')
      .innerJoin(ExchangeEvent, 'e', 'e.id = r.event_id')
      .leftJoinAndSelect('r.organization', 'o')
      .where('r.organization_id = :org AND r.status <> :cancelled', { org: user.organizationId, cancelled: 'cancelled' })
      .andWhere('e.status IN (:...visible)', { visible: ['published', 'completed'] })
      .orderBy('e.registration_opens_at', 'DESC')
      .addOrderBy('r.id', 'ASC')
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getManyAndCount();
    const events = await manager.findBy(ExchangeEvent, { id: In(rows.map((r) => r.eventId)) });
    const byId = new Map(events.map((e) => [e.id, e]));
    return pageOf(
      rows.map((r) => ({ registration: toRegistrationResponse(r, 'full'), event: toEventResponse(byId.get(r.eventId)!) })),
      total,
      query,
    );
  }

  async checkIn(user: AuthenticatedUser, eventId: string, dto: CheckInDto): Promise<RegistrationResponseDto> {
    const registration = await this.dataSource.transaction(async (manager) => {
      const event = await manager.findOneBy(ExchangeEvent, { id: eventId });
      if (!event || !managesEvent(user, event)) throw new ResourceNotFound('活动', eventId);
      if (event.status !== 'published') throw new IllegalTransition('活动', event.status, '签到', []);
      const row = await manager.findOne(EventRegistration, { where: { eventId, checkInCode: dto.code.toUpperCase(), status: 'registered' }, relations: { organization: true } });
      if (!row) throw new ResourceNotFound('签到码对应的报名');
      if (!row.checkedInAt) {
        row.checkedInAt = new Date();
        row.noShow = false;
        await manager.save(row);
        await recordAudit(manager, { userId: user.id, role: user.role }, { action: 'event.registration.checked_in', entityType: 'event_registration', entityId: row.id, regionCode: event.regionCode });
      }
      return row;
    });
    return toRegistrationResponse(registration, 'full');
  }

  /** A leaving participant's live requests and meetings go with them (jobs are removed after commit). */
  private async releaseParticipant(manager: EntityManager, eventId: string, registrationId: string): Promise<{ requestIds: string[]; meetings: Meeting[] }> {
    const requests = await manager
      .createQueryBuilder(MeetingRequestRecord, 'q')
      .where('q.event_id = :eventId AND q.status IN (:...live)', { eventId, live: ['pending', 'accepted'] })
      .andWhere('(q.owner_registration_id = :id OR q.supplier_registration_id = :id)', { id: registrationId })
      .getMany();
    if (requests.length) await manager.update(MeetingRequestRecord, { id: In(requests.map((r) => r.id)) }, { status: 'cancelled' });
    const meetings = await manager
      .createQueryBuilder(Meeting, 'm')
      .where('m.event_id = :eventId AND m.status = :scheduled', { eventId, scheduled: 'scheduled' })
      .andWhere('(m.owner_registration_id = :id OR m.supplier_registration_id = :id)', { id: registrationId })
      .getMany();
    if (meetings.length) await manager.update(Meeting, { id: In(meetings.map((m) => m.id)) }, { status: 'cancelled', cancelledAt: new Date() });
    return { requestIds: requests.map((r) => r.id), meetings };
  }

  private async afterRelease(released: { requestIds: string[]; meetings: Meeting[] }): Promise<void> {
    for (const id of released.requestIds) await cancelMeetingRequestJobs(this.events, id);
    for (const m of released.meetings) await syncMeetingReminders(this.events, { id: m.id, startsAt: m.startsAt, status: 'scheduled' }, { id: m.id, startsAt: m.startsAt, status: 'cancelled' });
  }

  private async publishedOffers(manager: EntityManager, side: EventSide, organizationIds: string[]): Promise<Map<string, Array<{ id: string; title: string; domains: string[] }>>> {
    const result = new Map<string, Array<{ id: string; title: string; domains: string[] }>>();
    if (!organizationIds.length) return result;
    const table = side === 'owner' ? 'scenarios' : 'capabilities';
    // Anonymous scenarios stay anonymous: they are not tied to their owner in a participant list.
    const anonymous = side === 'owner' ? 'AND anonymous = false' : '';
    const rows: Array<{ id: string; title: string; domains: string[]; organization_id: string }> = await manager.query(
      `SELECT id, title, domains, organization_id FROM ${table} WHERE organization_id = ANY($1::uuid[]) AND status = 'published' ${anonymous} ORDER BY published_at DESC NULLS LAST, id`,
      [organizationIds],
    );
    for (const r of rows) result.set(r.organization_id, [...(result.get(r.organization_id) ?? []), { id: r.id, title: r.title, domains: r.domains }]);
    return result;
  }
}

function validSlotIds(event: ExchangeEvent, requested: string[]): string[] {
  const known = new Set(buildEventSlots(event).map((s) => s.id));
  const unknown = requested.filter((id) => !known.has(id));
  if (unknown.length) throw new BadRequestException(`以下时段不属于本活动：${unknown.slice(0, 5).join('、')}`);
  return [...new Set(requested)];
}
