import { EventJob, EventsProducer, stableJobId } from '@app/queue';

/** Reminders go out 24 h and 1 h before each meeting. */
export const MEETING_REMINDER_OFFSETS_MINUTES = [24 * 60, 60] as const;

/**
 * The meeting's start time is part of the id: moving a meeting creates new reminder jobs and removes the
 * old ones, and a reminder that already fired for the old time can never block the new one.
 */
export function meetingReminderJobId(meetingId: string, minutesBefore: number, startsAt: Date): string {
  return stableJobId('meeting-reminder', meetingId, minutesBefore, Math.floor(startsAt.getTime() / 1000));
}

export const expireMeetingRequestJobId = (requestId: string) => stableJobId('expire-meeting-request', requestId);
export const meetingRequestReminderJobId = (requestId: string) => stableJobId('meeting-request-reminder', requestId);
export const scheduleEventJobId = (eventId: string, runId: string) => stableJobId('schedule-event', eventId, runId);

export interface MeetingTiming {
  id: string;
  startsAt: Date;
  status: 'scheduled' | 'cancelled';
}

/**
 * Brings a meeting's delayed reminder jobs in line with its state. Call after the commit that changed it:
 * `before` is the meeting as it was (null when new), `after` as it is now (null when deleted).
 */
export async function syncMeetingReminders(producer: EventsProducer, before: MeetingTiming | null, after: MeetingTiming | null, now = Date.now()): Promise<void> {
  const unchanged = before && after && before.status === after.status && before.startsAt.getTime() === after.startsAt.getTime();
  if (unchanged) return;
  if (before && before.status === 'scheduled') {
    for (const minutes of MEETING_REMINDER_OFFSETS_MINUTES) await producer.cancel(meetingReminderJobId(before.id, minutes, before.startsAt));
  }
  if (after && after.status === 'scheduled') {
    for (const minutes of MEETING_REMINDER_OFFSETS_MINUTES) {
      const delay = after.startsAt.getTime() - minutes * 60_000 - now;
      // A reminder whose moment has passed would only arrive late; skip it.
      if (delay <= 0) continue;
      await producer.add(EventJob.MeetingReminder, { meetingId: after.id, minutesBefore: minutes }, { jobId: meetingReminderJobId(after.id, minutes, after.startsAt), delay });
    }
  }
}

/** Expiry at `expiresAt`, and a reminder to the recipient a day before (or half-way for short windows). */
export async function enqueueMeetingRequestJobs(producer: EventsProducer, requestId: string, createdAt: Date, expiresAt: Date, now = Date.now()): Promise<void> {
  const untilExpiry = Math.max(0, expiresAt.getTime() - now);
  await producer.add(EventJob.ExpireMeetingRequest, { requestId }, { jobId: expireMeetingRequestJobId(requestId), delay: untilExpiry });
  const window = expiresAt.getTime() - createdAt.getTime();
  const remindAt = window > 2 * 24 * 3600_000 ? expiresAt.getTime() - 24 * 3600_000 : createdAt.getTime() + window / 2;
  if (remindAt > now) {
    await producer.add(EventJob.MeetingRequestReminder, { requestId }, { jobId: meetingRequestReminderJobId(requestId), delay: remindAt - now });
  }
}

export async function cancelMeetingRequestJobs(producer: EventsProducer, requestId: string): Promise<void> {
  await producer.cancel(expireMeetingRequestJobId(requestId));
  await producer.cancel(meetingRequestReminderJobId(requestId));
}
