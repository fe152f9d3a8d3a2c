import { ActionForbidden, ResourceNotFound } from '@app/common';
import { EventRegistration, ExchangeEvent, recordAudit } from '@app/database';
import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '../auth/current-user';
import { isPubliclyVisible, managesEvent, managesRegion } from './domain/event-access';
import { EVENT_LIFECYCLE, EventAction } from '@app/events';
import { buildEventSlots } from '@app/events';
import { CompleteEventResponseDto, CreateEventDto, EventPageDto, EventResponseDto, ListEventsQueryDto, toEventResponse, UpdateEventDto } from './dto/event.dto';

type EventFields = Omit<CreateEventDto, 'registrationOpensAt' | 'registrationClosesAt' | 'meetingTime'> & {
  registrationOpensAt?: string;
  registrationClosesAt?: string;
  meetingTime?: string;
};

@Injectable()
export class EventsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(user: AuthenticatedUser, dto: CreateEventDto): Promise<EventResponseDto> {
    if (!managesRegion(user, dto.regionCode)) throw new ActionForbidden('只能在本人管辖区域内举办活动');
    const saved = await this.dataSource.transaction(async (manager) => {
      const event = manager.create(ExchangeEvent, {
        type: dto.type,
        title: dto.title,
        description: dto.description ?? '',
        domains: dto.domains ?? [],
        regionCode: dto.regionCode,
        venue: dto.venue ?? null,
        onlineUrl: dto.onlineUrl ?? null,
        days: dto.days,
        breaks: dto.breaks ?? [],
        registrationOpensAt: new Date(dto.registrationOpensAt),
        registrationClosesAt: new Date(dto.registrationClosesAt),
        capacityOwner: dto.capacityOwner,
        capacitySupplier: dto.capacitySupplier,
        slotMinutes: dto.slotMinutes,
        tableCount: dto.tableCount ?? 1,
        maxMeetingsPerParticipant: dto.maxMeetingsPerParticipant ?? 8,
        requestExpiryDays: dto.requestExpiryDays ?? 3,
        meetingPoint: dto.meetingPoint ?? null,
        meetingTime: dto.meetingTime ? new Date(dto.meetingTime) : null,
        status: 'draft',
        createdBy: user.id,
      });
      assertConsistent(event);
      const row = await manager.save(event);
      await recordAudit(manager, { userId: user.id, role: user.role }, { action: 'event.created', entityType: 'event', entityId: row.id, regionCode: row.regionCode, after: { title: row.title, type: row.type } });
      return row;
    });
    return toEventResponse(saved);
  }

  async update(user: AuthenticatedUser, id: string, dto: UpdateEventDto): Promise<EventResponseDto> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const event = await this.lockManaged(manager, user, id);
      if (event.status === 'cancelled' || event.status === 'completed') throw new BadRequestException('已取消或已结束的活动不能再修改');
      if (dto.regionCode && !managesRegion(user, dto.regionCode)) throw new ActionForbidden('只能在本人管辖区域内举办活动');
      const before = toEventResponse(event);
      const fields = dto as Partial<EventFields>;
      for (const [key, value] of Object.entries(fields)) {
        if (value === undefined) continue;
        if (key === 'registrationOpensAt' || key === 'registrationClosesAt' || key === 'meetingTime') (event as unknown as Record<string, unknown>)[key] = new Date(value as string);
        else (event as unknown as Record<string, unknown>)[key] = value;
      }
      if (event.capacityOwner < event.registeredOwnerCount || event.capacitySupplier < event.registeredSupplierCount) {
        throw new BadRequestException('名额不能少于已报名的单位数');
      }
      assertConsistent(event);
      const row = await manager.save(event);
      await recordAudit(manager, { userId: user.id, role: user.role }, { action: 'event.updated', entityType: 'event', entityId: id, regionCode: row.regionCode, before, after: dto });
      return row;
    });
    return toEventResponse(saved);
  }

  async transition(user: AuthenticatedUser, id: string, action: Exclude<EventAction, 'complete'>): Promise<EventResponseDto> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const event = await this.lockManaged(manager, user, id);
      const from = event.status;
      event.status = EVENT_LIFECYCLE.next(from, action);
      if (action === 'publish') event.publishedAt = new Date();
      if (action === 'cancel') event.cancelledAt = new Date();
      const row = await manager.save(event);
      await recordAudit(manager, { userId: user.id, role: user.role }, { action: `event.${action}`, entityType: 'event', entityId: id, regionCode: row.regionCode, before: { status: from }, after: { status: row.status } });
      return row;
    });
    return toEventResponse(saved);
  }

  /** Ends the event: registered organizations that never checked in are recorded as no-shows. */
  async complete(user: AuthenticatedUser, id: string): Promise<CompleteEventResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const event = await this.lockManaged(manager, user, id);
      const from = event.status;
      event.status = EVENT_LIFECYCLE.next(from, 'complete');
      event.completedAt = new Date();
      const row = await manager.save(event);
      const result = await manager
        .createQueryBuilder()
        .update(EventRegistration)
        .set({ noShow: true })
        .where('event_id = :id AND status = :status AND checked_in_at IS NULL', { id, status: 'registered' })
        .execute();
      const noShows = result.affected ?? 0;
      await recordAudit(manager, { userId: user.id, role: user.role }, { action: 'event.complete', entityType: 'event', entityId: id, regionCode: row.regionCode, before: { status: from }, after: { status: row.status, noShows } });
      return { event: toEventResponse(row), noShows };
    });
  }

  async list(user: AuthenticatedUser | undefined, query: ListEventsQueryDto): Promise<EventPageDto> {
    const qb = this.dataSource.getRepository(ExchangeEvent).createQueryBuilder('e');
    if (query.type) qb.andWhere('e.type = :type', { type: query.type });
    const staff = user && (user.role === 'admin' || (user.role === 'organizer' && user.jurisdictionRegionCode));
    if (staff && query.status) {
      qb.andWhere('e.status = :status', { status: query.status });
      if (user.role !== 'admin') {
        // Region codes nest by prefix (330200 ⊃ 330212), which is what jurisdiction means here.
        qb.andWhere('e.region_code LIKE :prefix', { prefix: `${jurisdictionPrefix(user.jurisdictionRegionCode!)}%` });
      }
    } else {
      qb.andWhere('e.status IN (:...statuses)', { statuses: query.status && ['published', 'completed'].includes(query.status) ? [query.status] : ['published', 'completed'] });
    }
    qb.orderBy('e.registration_opens_at', 'DESC').addOrderBy('e.id', 'ASC').skip((query.page - 1) * query.pageSize).take(query.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map(toEventResponse), total, page: query.page, pageSize: query.pageSize };
  }

  async get(user: AuthenticatedUser | undefined, id: string): Promise<EventResponseDto> {
    const event = await this.dataSource.getRepository(ExchangeEvent).findOneBy({ id });
    if (!event || (!isPubliclyVisible(event) && !managesEvent(user, event))) throw new ResourceNotFound('活动', id);
    return toEventResponse(event);
  }

  /** The event, locked for update, if the caller manages it; 404 otherwise (drafts of other regions stay invisible). */
  async lockManaged(manager: EntityManager, user: AuthenticatedUser, id: string): Promise<ExchangeEvent> {
    const event = await manager.findOne(ExchangeEvent, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!event || !managesEvent(user, event)) throw new ResourceNotFound('活动', id);
    return event;
  }
}

function jurisdictionPrefix(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

function assertConsistent(event: ExchangeEvent): void {
  if (event.registrationOpensAt >= event.registrationClosesAt) throw new BadRequestException('报名截止时间须晚于报名开始时间');
  for (const day of event.days) {
    if (day.start >= day.end) throw new BadRequestException(`${day.date} 的结束时间须晚于开始时间`);
  }
  for (const b of event.breaks) {
    if (b.start >= b.end) throw new BadRequestException('休息时段的结束时间须晚于开始时间');
  }
  if (new Set(event.days.map((d) => d.date)).size !== event.days.length) throw new BadRequestException('活动日期不能重复');
  if (event.type !== 'experience' && buildEventSlots(event).length === 0) throw new BadRequestException('按所给日程与时长排不出任何时段，请调整日程、休息时段或时长');
  if (event.type === 'experience' && !event.meetingPoint) throw new BadRequestException('场景体验活动须填写集合地点');
}
