import { EventScheduleRun, ExchangeEvent, Meeting, recordAudit, recordNotifications, StoredUnplaced, usersOfOrganization } from '@app/database';
import { EventsProducer, NotificationsProducer } from '@app/queue';
import { scheduleMeetings, ScheduleInputError } from '@app/scheduling';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { MeetingTiming, syncMeetingReminders } from '@app/events';
import { loadScheduleInput, registrationsById } from '@app/events';

/** Time the exact solver may take per run; the heuristic answer stands if it runs out. */
const SOLVER_TIME_LIMIT_MS = 5000;

/**
 * Runs the scheduler for an event and stores the result: unlocked meetings are replaced in one transaction
 * (a pair placed again keeps its meeting id, so its reminders only move when its time does), locked ones stay.
 */
@Injectable()
export class ScheduleRunnerService {
  private readonly logger = new Logger(ScheduleRunnerService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventsProducer,
    private readonly notifications: NotificationsProducer,
  ) {}

  async run(eventId: string, runId: string): Promise<{ placed: number; unplaced: number } | { skipped: string }> {
    const claimed: [unknown[], number] = await this.dataSource.query(
      `UPDATE event_schedule_runs SET status = 'running', started_at = now() WHERE id = $1 AND event_id = $2 AND status IN ('queued', 'running') RETURNING id`,
      [runId, eventId],
    );
    if (!claimed[0].length) return { skipped: 'run already finished or unknown' };
    try {
      const outcome = await this.dataSource.transaction(async (manager) => {
        // Locking the event keeps organizer moves and other runs out while the result is written.
        const event = await manager.findOne(ExchangeEvent, { where: { id: eventId }, lock: { mode: 'pessimistic_write' } });
        if (!event || event.type !== 'matchmaking' || event.status !== 'published') throw new ScheduleInputError('活动不存在、不是场景对接会或未处于发布状态');
        const { input, slots, meta } = await loadScheduleInput(manager, event);
        const result = await scheduleMeetings(input, { timeLimitMs: SOLVER_TIME_LIMIT_MS });
        const slotById = new Map(slots.map((s) => [s.id, s]));

        const previous = await manager.find(Meeting, { where: { eventId, status: 'scheduled', locked: false } });
        const previousByKey = new Map(previous.map((m) => [m.requestKey, m]));
        if (previous.length) await manager.delete(Meeting, { id: In(previous.map((m) => m.id)) });

        const changes: Array<{ before: MeetingTiming | null; after: MeetingTiming | null }> = [];
        const placedKeys = new Set<string>();
        for (const m of result.meetings) {
          if (m.locked) continue;
          const info = meta.get(m.requestId)!;
          const slot = slotById.get(m.slotId)!;
          const old = previousByKey.get(m.requestId);
          const id = old?.id;
          const row = manager.create(Meeting, {
            ...(id ? { id } : {}),
            eventId,
            requestKey: m.requestId,
            meetingRequestId: info.meetingRequestId,
            ownerRegistrationId: m.ownerId,
            supplierRegistrationId: m.supplierId,
            kind: info.kind,
            matchScore: info.matchScore,
            priority: m.priority,
            slotId: m.slotId,
            tableNo: Number(m.tableId),
            startsAt: slot.startsAt,
            endsAt: slot.endsAt,
            locked: false,
            status: 'scheduled',
            onlineUrl: old?.onlineUrl ?? null,
            runId,
          });
          const inserted = await manager.save(row);
          placedKeys.add(m.requestId);
          changes.push({ before: old ? { id: old.id, startsAt: old.startsAt, status: 'scheduled' } : null, after: { id: inserted.id, startsAt: inserted.startsAt, status: 'scheduled' } });
        }
        for (const old of previous) {
          if (!placedKeys.has(old.requestKey)) changes.push({ before: { id: old.id, startsAt: old.startsAt, status: 'scheduled' }, after: null });
        }

        const unplaced: StoredUnplaced[] = result.unplaced.map((u) => {
          const info = meta.get(u.requestId);
          return { requestId: u.requestId, ownerRegistrationId: info?.ownerRegistrationId ?? '', supplierRegistrationId: info?.supplierRegistrationId ?? '', kind: info?.kind ?? '', reason: u.reason, message: u.message };
        });
        await manager.update(EventScheduleRun, runId, {
          status: 'succeeded',
          totalPriority: result.totalPriority,
          upperBound: result.upperBound,
          stats: { ...result.stats },
          unplaced,
          warnings: result.warnings.map((w) => ({ ...w })),
          finishedAt: new Date(),
        });
        await recordAudit(manager, null, { action: 'event.schedule.completed', entityType: 'event', entityId: eventId, regionCode: event.regionCode, after: { runId, placed: result.stats.placed, unplaced: unplaced.length, status: result.stats.status } });

        // Everyone with meetings hears once per run (dedupe key) that the agenda is ready.
        const touched = new Set<string>();
        const allMeetings = await manager.find(Meeting, { where: { eventId, status: 'scheduled' } });
        for (const m of allMeetings) {
          touched.add(m.ownerRegistrationId);
          touched.add(m.supplierRegistrationId);
        }
        const regs = await registrationsById(manager, [...touched]);
        const users: string[] = [];
        for (const r of regs.values()) users.push(...(await usersOfOrganization(manager, r.organizationId, [r.side])));
        const notified = await recordNotifications(manager, users, {
          kind: 'event.agenda_ready',
          title: `洽谈议程已更新：${event.title}`,
          body: '主办方已完成洽谈排期，请查看您的议程，或下载日历文件。',
          link: `/events/${eventId}/agenda`,
          dedupeKey: `agenda-ready:${runId}`,
        });
        return { changes, notified, placed: result.meetings.length, unplaced: unplaced.length };
      });
      for (const c of outcome.changes) await syncMeetingReminders(this.events, c.before, c.after);
      await this.notifications.deliverByEmail(outcome.notified);
      return { placed: outcome.placed, unplaced: outcome.unplaced };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn({ eventId, runId, err: message }, 'Schedule run failed');
      // The solve is deterministic, so retrying would fail the same way; the organizer sees the error and re-runs.
      await this.dataSource.getRepository(EventScheduleRun).update(runId, { status: 'failed', error: error instanceof ScheduleInputError ? message : '排期失败，请稍后重试', finishedAt: new Date() });
      return { skipped: message };
    }
  }
}
