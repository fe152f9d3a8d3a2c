/**
 * The contract between producers (api, worker) and processors (worker).
 * Queue and job names are stored in Redis with every job: NEVER rename a value here,
 * or jobs already waiting (delayed reminders, challenge deadlines) are stranded. Add new ones instead.
 */
export enum QueueName {
  Indexing = 'indexing',
  Matching = 'matching',
  Notifications = 'notifications',
  Events = 'events',
  Challenges = 'challenges',
}

export enum IndexingJob {
  DrainOutbox = 'drain-outbox',
  ReindexAll = 'reindex-all',
}

export enum MatchingJob {
  MatchScenario = 'match-scenario',
  MatchCapability = 'match-capability',
  RematchAll = 'rematch-all',
}

export enum NotificationJob {
  Deliver = 'deliver-notification',
}

export enum EventJob {
  ScheduleEvent = 'schedule-event',
  MeetingReminder = 'meeting-reminder',
  ExpireMeetingRequest = 'expire-meeting-request',
  MeetingRequestReminder = 'meeting-request-reminder',
}

export enum ChallengeJob {
  OpenWindow = 'open-window',
  CloseWindow = 'close-window',
  EndNotice = 'end-notice',
  MilestoneReminder = 'milestone-reminder',
  MilestoneOverdue = 'milestone-overdue',
}

export interface JobPayloads {
  [IndexingJob.DrainOutbox]: { reason?: string };
  [IndexingJob.ReindexAll]: { requestedBy?: string };
  [MatchingJob.MatchScenario]: { scenarioId: string; version: number };
  [MatchingJob.MatchCapability]: { capabilityId: string; version: number };
  /** `retrieve`: query Meilisearch again instead of re-scoring each scenario's last retrieved candidates. */
  [MatchingJob.RematchAll]: { requestedBy?: string; retrieve?: boolean };
  [NotificationJob.Deliver]: { notificationId: string };
  [EventJob.ScheduleEvent]: { eventId: string; runId: string };
  [EventJob.MeetingReminder]: { meetingId: string; minutesBefore: number };
  [EventJob.ExpireMeetingRequest]: { requestId: string };
  [EventJob.MeetingRequestReminder]: { requestId: string };
  [ChallengeJob.OpenWindow]: { challengeId: string; opensAt: string };
  [ChallengeJob.CloseWindow]: { challengeId: string; closesAt: string };
  [ChallengeJob.EndNotice]: { challengeId: string; endsAt: string };
  [ChallengeJob.MilestoneReminder]: { milestoneId: string; dueAt: string };
  [ChallengeJob.MilestoneOverdue]: { milestoneId: string; dueAt: string };
}

export type JobName = keyof JobPayloads;

export const JOBS_BY_QUEUE = {
  [QueueName.Indexing]: Object.values(IndexingJob),
  [QueueName.Matching]: Object.values(MatchingJob),
  [QueueName.Notifications]: Object.values(NotificationJob),
  [QueueName.Events]: Object.values(EventJob),
  [QueueName.Challenges]: Object.values(ChallengeJob),
} as const;

/** Defaults for every job: retried with exponential backoff, successes dropped, failures kept for inspection. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

/** BullMQ forbids ':' in custom job ids; keep ids readable and deterministic. */
export function stableJobId(...parts: Array<string | number>): string {
  return parts.map((p) => String(p).replace(/:/g, '_')).join('__');
}
