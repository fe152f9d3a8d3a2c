import { ActionForbidden, IllegalTransition, ResourceNotFound } from '@app/common';
import { EventRegistration, EventScheduleRun, ExchangeEvent, Meeting, MeetingOutcome, MeetingRequestRecord, recordAudit, recordNotifications, usersOfOrganization } from '@app/database';
import { EventJob, EventsProducer, NotificationsProducer } from '@app/queue';
import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import type { AuthenticatedUser } from '../auth/current-user';
import { managesEvent } from './domain/event-access';
import { scheduleEventJobId, syncMeetingReminders } from '@app/events';
import { callerRegistration } from './domain/event-participants';
import { buildEventSlots, formatLocal } from '@app/events';
import { markMatchesMet } from '@app/events';
import { registrationsById, tableNameOf } from '@app/events';
import {
  AgendaDto,
  MeetingListDto,
  MeetingResponseDto,
  RecordMeetingOutcomeDto,
  ScheduleBoardDto,
  ScheduleRunAcceptedDto,
  ScheduleRunDto,
  toMeetingResponse,
  toScheduleRunResponse,
  UpdateMeetingDto,
} from './dto/schedule.dto';

@Injectable()
export class EventScheduleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventsProducer,
    private readonly notifications: NotificationsProducer,
  ) {}

  /** The solve runs in the worker; the organizer gets a run id to watch. */
  async runSchedule(user: AuthenticatedUser, eventId: string): Promise<ScheduleRunAcceptedDto> {
    const run = await this.dataSource.transaction(async (manager) => {
      const event = await this.managedEvent(manager, user, eventId);
      if (event.type !== 'matchmaking') throw new ActionForbidden('只有场景对接会需要排 1 对 1 洽谈');
      if (event.status !== 'published') throw new IllegalTransition('活动', event.status, '排期', []);
      const row = await manager.save(manager.create(EventScheduleRun, { eventId, requestedBy: user.id, status: 'queued' }));
      row.jobId = scheduleEventJobId(eventId, row.id);
      await manager.save(row);
      await recordAudit(manager, { userId: user.id, role: user.role }, { action: 'event.schedule.requested', entityType: 'event', entityId: eventId, regionCode: event.regionCode, after: { runId: row.id } });
      return row;
    });
    const jobId = await this.events.add(EventJob.ScheduleEvent, { eventId, runId: run.id }, { jobId: run.jobId!, attempts: 2 });
    return { runId: run.id, jobId, status: run.status };
  }

  async getRun(user: AuthenticatedUser, eventId: string, runId: string): Promise<ScheduleRunDto> {
    await this.managedEvent(this.dataSource.manager, user, eventId);
    const run = await this.dataSource.manager.findOneBy(EventScheduleRun, { id: runId, eventId });
    if (!run) throw new ResourceNotFound('排期运行', runId);
    return toScheduleRunResponse(run);
  }

  async getSchedule(user: AuthenticatedUser, eventId: string): Promise<ScheduleBoardDto> {
    const manager = this.dataSource.manager;
    const event = await this.managedEvent(manager, user, eventId);
    const slots = buildEventSlots(event);
    const meetings = await this.meetingResponses(manager, { eventId, status: 'scheduled' });
    const latest = await manager.findOne(EventScheduleRun, { where: { eventId }, order: { createdAt: 'DESC' } });
    const lastDone = latest?.status === 'succeeded' ? latest : await manager.findOne(EventScheduleRun, { where: { eventId, status: 'succeeded' }, order: { createdAt: 'DESC' } });
    const at = new Map(meetings.map((m) => [`${m.slotId}\u0000${m.tableNo}`, m]));
    return {
      eventId,
      slots: slots.map((s) => ({ id: s.id, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })),
      tables: Array.from({ length: event.tableCount }, (_, i) => tableNameOf(i + 1)),
      latestRun: latest ? toScheduleRunResponse(latest) : null,
      board: slots.map((s) => ({
        slot: { id: s.id, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() },
        cells: Array.from({ length: event.tableCount }, (_, i) => ({ tableNo: i + 1, meeting: at.get(`${s.id}\u0000${i + 1}`) ?? null })),
      })),
      meetings,
      unplaced: lastDone?.unplaced ?? [],
    };
  }

  /** Organizers see every meeting; a participant sees its own. */
  async listMeetings(user: AuthenticatedUser, eventId: string): Promise<MeetingListDto> {
    const manager = this.dataSource.manager;
    const event = await manager.findOneBy(ExchangeEvent, { id: eventId });
    if (!event) throw new ResourceNotFound('活动', eventId);
    if (managesEvent(user, event)) return { items: await this.meetingResponses(manager, { eventId }) };
    const mine = await callerRegistration(manager, user, eventId);
    if (!mine) throw new ResourceNotFound('活动', eventId);
    const key = mine.side === 'owner' ? 'ownerRegistrationId' : 'supplierRegistrationId';
    return { items: await this.meetingResponses(manager, { eventId, [key]: mine.id }) };
  }

  /**
   * Moving checks every hard rule against the other scheduled meetings (the partial unique indexes hold them
   * too) and locks the meeting so re-runs keep it where the organizer put it.
   */
  async updateMeeting(user: AuthenticatedUser, eventId: string, meetingId: string, dto: UpdateMeetingDto): Promise<MeetingResponseDto> {
    const { before, after } = await this.dataSource.transaction(async (manager) => {
      const event = await this.managedEvent(manager, user, eventId, true);
      const meeting = await manager.findOne(Meeting, { where: { id: meetingId, eventId }, lock: { mode: 'pessimistic_write' } });
      if (!meeting) throw new ResourceNotFound('洽谈', meetingId);
      if (meeting.status !== 'scheduled') throw new IllegalTransition('洽谈', '已取消', '调整', []);
      const previous = { ...meeting };
      const moving = (dto.slotId !== undefined && dto.slotId !== meeting.slotId) || (dto.tableNo !== undefined && dto.tableNo !== meeting.tableNo);
      if (moving) {
        const slotId = dto.slotId ?? meeting.slotId;
        const tableNo = dto.tableNo ?? meeting.tableNo;
        const slot = buildEventSlots(event).find((s) => s.id === slotId);
        if (!slot) throw new ConflictException(`时段 ${slotId} 不属于本活动`);
        if (tableNo > event.tableCount) throw new ConflictException(`本活动只有 ${event.tableCount} 张洽谈桌`);
        await this.assertFree(manager, meeting, slotId, tableNo);
        meeting.slotId = slotId;
        meeting.tableNo = tableNo;
        meeting.startsAt = slot.startsAt;
        meeting.endsAt = slot.endsAt;
        meeting.locked = true;
      }
      if (dto.locked !== undefined) meeting.locked = dto.locked;
      if (dto.onlineUrl !== undefined) meeting.onlineUrl = dto.onlineUrl;
      await manager.save(meeting);
      await recordAudit(manager, { userId: user.id, role: user.role }, {
        action: moving ? 'meeting.moved' : 'meeting.updated',
        entityType: 'meeting',
        entityId: meeting.id,
        regionCode: event.regionCode,
        before: { slotId: previous.slotId, tableNo: previous.tableNo, locked: previous.locked, onlineUrl: previous.onlineUrl },
        after: { slotId: meeting.slotId, tableNo: meeting.tableNo, locked: meeting.locked, onlineUrl: meeting.onlineUrl },
      });
      let notified: string[] = [];
      if (moving) notified = await this.notifyParties(manager, meeting, 'meeting.moved', `洽谈时间调整：${event.title}`, `新的时间：${formatLocal(meeting.startsAt)}，${tableNameOf(meeting.tableNo)}。`);
      return { before: previous, after: meeting, notified };
    }).then(async (r) => {
      await this.notifications.deliverByEmail(r.notified);
      return r;
    });
    await syncMeetingReminders(this.events, { id: before.id, startsAt: before.startsAt, status: 'scheduled' }, { id: after.id, startsAt: after.startsAt, status: after.status });
    return this.meetingResponse(after);
  }

  async cancelMeeting(user: AuthenticatedUser, eventId: string, meetingId: string): Promise<MeetingResponseDto> {
    const result = await this.dataSource.transaction(async (manager) => {
      const event = await this.managedEvent(manager, user, eventId, true);
      const meeting = await manager.findOne(Meeting, { where: { id: meetingId, eventId }, lock: { mode: 'pessimistic_write' } });
      if (!meeting) throw new ResourceNotFound('洽谈', meetingId);
      if (meeting.status !== 'scheduled') throw new IllegalTransition('洽谈', '已取消', '取消', []);
      meeting.status = 'cancelled';
      meeting.cancelledAt = new Date();
      await manager.save(meeting);
      // The organizer took this pair off the schedule: a re-run must not bring it back.
      if (meeting.meetingRequestId) await manager.update(MeetingRequestRecord, { id: meeting.meetingRequestId, status: 'accepted' }, { status: 'cancelled' });
      await recordAudit(manager, { userId: user.id, role: user.role }, { action: 'meeting.cancelled', entityType: 'meeting', entityId: meeting.id, regionCode: event.regionCode, before: { status: 'scheduled' }, after: { status: 'cancelled' } });
      const notified = await this.notifyParties(manager, meeting, 'meeting.cancelled', `洽谈取消：${event.title}`, `原定 ${formatLocal(meeting.startsAt)} 在${tableNameOf(meeting.tableNo)}的洽谈已取消。`);
      return { meeting, notified };
    });
    await syncMeetingReminders(this.events, { id: result.meeting.id, startsAt: result.meeting.startsAt, status: 'scheduled' }, { id: result.meeting.id, startsAt: result.meeting.startsAt, status: 'cancelled' });
    await this.notifications.deliverByEmail(result.notified);
    return this.meetingResponse(result.meeting);
  }

  async agenda(user: AuthenticatedUser, eventId: string): Promise<AgendaDto> {
    const manager = this.dataSource.manager;
    const event = await manager.findOneBy(ExchangeEvent, { id: eventId });
    const mine = event ? await callerRegistration(manager, user, eventId) : null;
    if (!event || !mine) throw new ResourceNotFound('我的议程');
    const key = mine.side === 'owner' ? 'ownerRegistrationId' : 'supplierRegistrationId';
    const meetings = await this.meetingResponses(manager, { eventId, status: 'scheduled', [key]: mine.id });
    return {
      eventId,
      eventTitle: event.title,
      registrationId: mine.id,
      venue: event.venue,
      meetingPoint: event.meetingPoint,
      meetingTime: event.meetingTime?.toISOString() ?? null,
      items: meetings.map((m) => ({ meeting: m, counterpart: mine.side === 'owner' ? m.supplier : m.owner })),
    };
  }

  /** Each side says whether the meeting happened and how it went; a meeting that happened moves the pair's matches to `meeting`. */
  async recordOutcome(user: AuthenticatedUser, eventId: string, meetingId: string, dto: RecordMeetingOutcomeDto): Promise<MeetingResponseDto> {
    const meeting = await this.dataSource.transaction(async (manager) => {
      const row = await manager.findOneBy(Meeting, { id: meetingId, eventId });
      const mine = await callerRegistration(manager, user, eventId);
      if (!row || !mine || (row.ownerRegistrationId !== mine.id && row.supplierRegistrationId !== mine.id)) throw new ResourceNotFound('洽谈', meetingId);
      if (row.status !== 'scheduled') throw new IllegalTransition('洽谈', '已取消', '记录结果', []);
      if (row.startsAt.getTime() > Date.now()) throw new ConflictException('洽谈开始后才能记录结果');
      await manager.query(
        `INSERT INTO meeting_outcomes (meeting_id, side, happened, outcome, note, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (meeting_id, side) DO UPDATE SET happened = EXCLUDED.happened, outcome = EXCLUDED.outcome, note = EXCLUDED.note, recorded_by = EXCLUDED.recorded_by, updated_at = now()`,
        [row.id, mine.side, dto.happened, dto.happened ? (dto.outcome ?? null) : null, dto.note ?? null, user.id],
      );
      const regs = await registrationsById(manager, [row.ownerRegistrationId, row.supplierRegistrationId]);
      let matchesUpdated = 0;
      if (dto.happened) matchesUpdated = await markMatchesMet(manager, regs.get(row.ownerRegistrationId)!.organizationId, regs.get(row.supplierRegistrationId)!.organizationId);
      await recordAudit(manager, { userId: user.id, role: user.role }, { action: 'meeting.outcome_recorded', entityType: 'meeting', entityId: row.id, after: { side: mine.side, happened: dto.happened, outcome: dto.outcome ?? null, matchesUpdated } });
      return row;
    });
    return this.meetingResponse(meeting);
  }

  private async assertFree(manager: EntityManager, meeting: Meeting, slotId: string, tableNo: number): Promise<void> {
    const others = await manager.find(Meeting, { where: { eventId: meeting.eventId, status: 'scheduled', slotId, id: Not(meeting.id) } });
    if (others.some((m) => m.tableNo === tableNo)) throw new ConflictException(`${tableNameOf(tableNo)}在该时段已有洽谈`);
    if (others.some((m) => m.ownerRegistrationId === meeting.ownerRegistrationId)) throw new ConflictException('场景业主方在该时段已有其他洽谈');
    if (others.some((m) => m.supplierRegistrationId === meeting.supplierRegistrationId)) throw new ConflictException('能力供给方在该时段已有其他洽谈');
    const parties = await manager.findBy(EventRegistration, { id: In([meeting.ownerRegistrationId, meeting.supplierRegistrationId]) });
    for (const p of parties) {
      if (p.availableSlotIds && !p.availableSlotIds.includes(slotId)) throw new ConflictException(`${p.side === 'owner' ? '场景业主方' : '能力供给方'}未报名该时段`);
    }
  }

  private async notifyParties(manager: EntityManager, meeting: Meeting, kind: string, title: string, body: string): Promise<string[]> {
    const regs = await registrationsById(manager, [meeting.ownerRegistrationId, meeting.supplierRegistrationId]);
    const users: string[] = [];
    for (const r of regs.values()) users.push(...(await usersOfOrganization(manager, r.organizationId, [r.side])));
    return recordNotifications(manager, users, { kind, title, body, link: `/events/${meeting.eventId}/agenda`, dedupeKey: `${kind}:${meeting.id}:${meeting.startsAt.getTime()}:${meeting.updatedAt?.getTime() ?? ''}` });
  }

  private async managedEvent(manager: EntityManager, user: AuthenticatedUser, eventId: string, lock = false): Promise<ExchangeEvent> {
    const event = await manager.findOne(ExchangeEvent, { where: { id: eventId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!event || !managesEvent(user, event)) throw new ResourceNotFound('活动', eventId);
    return event;
  }

  private async meetingResponses(manager: EntityManager, where: Record<string, unknown>): Promise<MeetingResponseDto[]> {
    const meetings = await manager.find(Meeting, { where, order: { startsAt: 'ASC', tableNo: 'ASC' } });
    const regs = await registrationsById(manager, meetings.flatMap((m) => [m.ownerRegistrationId, m.supplierRegistrationId]));
    const outcomes = meetings.length ? await manager.findBy(MeetingOutcome, { meetingId: In(meetings.map((m) => m.id)) }) : [];
    return meetings.map((m) => toMeetingResponse(m, regs, outcomes));
  }

  private async meetingResponse(meeting: Meeting): Promise<MeetingResponseDto> {
    const [response] = await this.meetingResponses(this.dataSource.manager, { id: meeting.id });
    return response;
  }
}
