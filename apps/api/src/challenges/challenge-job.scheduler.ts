import { ChallengeMilestone } from '@app/database';
import { ChallengeJob, ChallengesProducer, stableJobId } from '@app/queue';
import { Injectable, Logger } from '@nestjs/common';

/**
 * Delayed jobs for a call. Ids derive from the record id and the target time, so scheduling twice is a
 * no-op and a date change yields a different id (the old one is cancelled). The processors re-read the
 * dates from PostgreSQL, so a job that survived a cancel by accident does nothing.
 */
@Injectable()
export class ChallengeJobScheduler {
  private readonly logger = new Logger(ChallengeJobScheduler.name);

  constructor(private readonly producer: ChallengesProducer) {}

  static openJobId(challengeId: string, opensAt: Date): string {
    return stableJobId('challenge-open', challengeId, opensAt.getTime());
  }
  static closeJobId(challengeId: string, closesAt: Date): string {
    return stableJobId('challenge-close', challengeId, closesAt.getTime());
  }
  static noticeJobId(challengeId: string, endsAt: Date): string {
    return stableJobId('challenge-notice-end', challengeId, endsAt.getTime());
  }
  static reminderJobId(milestoneId: string, dueAt: Date): string {
    return stableJobId('milestone-reminder', milestoneId, dueAt.getTime());
  }
  static overdueJobId(milestoneId: string, dueAt: Date): string {
    return stableJobId('milestone-overdue', milestoneId, dueAt.getTime());
  }

  async scheduleWindow(challengeId: string, opensAt: Date, closesAt: Date): Promise<void> {
    await this.producer.add(
      ChallengeJob.OpenWindow,
      { challengeId, opensAt: opensAt.toISOString() },
      { jobId: ChallengeJobScheduler.openJobId(challengeId, opensAt), delay: delayUntil(opensAt) },
    );
    await this.producer.add(
      ChallengeJob.CloseWindow,
      { challengeId, closesAt: closesAt.toISOString() },
      { jobId: ChallengeJobScheduler.closeJobId(challengeId, closesAt), delay: delayUntil(closesAt) },
    );
  }

  async cancelWindow(challengeId: string, opensAt: Date, closesAt: Date): Promise<void> {
    await this.producer.cancel(ChallengeJobScheduler.openJobId(challengeId, opensAt));
    await this.producer.cancel(ChallengeJobScheduler.closeJobId(challengeId, closesAt));
  }

  async scheduleNoticeEnd(challengeId: string, endsAt: Date): Promise<void> {
    await this.producer.add(
      ChallengeJob.EndNotice,
      { challengeId, endsAt: endsAt.toISOString() },
      { jobId: ChallengeJobScheduler.noticeJobId(challengeId, endsAt), delay: delayUntil(endsAt) },
    );
  }

  async cancelNoticeEnd(challengeId: string, endsAt: Date): Promise<void> {
    await this.producer.cancel(ChallengeJobScheduler.noticeJobId(challengeId, endsAt));
  }

  async scheduleMilestone(milestone: Pick<ChallengeMilestone, 'id' | 'dueAt'>, reminderLeadHours: number): Promise<void> {
    const dueAt = milestone.dueAt;
    const remindAt = new Date(dueAt.getTime() - reminderLeadHours * 3_600_000);
    await this.producer.add(
      ChallengeJob.MilestoneReminder,
      { milestoneId: milestone.id, dueAt: dueAt.toISOString() },
      { jobId: ChallengeJobScheduler.reminderJobId(milestone.id, dueAt), delay: delayUntil(remindAt) },
    );
    await this.producer.add(
      ChallengeJob.MilestoneOverdue,
      { milestoneId: milestone.id, dueAt: dueAt.toISOString() },
      { jobId: ChallengeJobScheduler.overdueJobId(milestone.id, dueAt), delay: delayUntil(dueAt) },
    );
  }

  async cancelMilestone(milestoneId: string, dueAt: Date): Promise<void> {
    await this.producer.cancel(ChallengeJobScheduler.reminderJobId(milestoneId, dueAt));
    await this.producer.cancel(ChallengeJobScheduler.overdueJobId(milestoneId, dueAt));
  }

  /** Scheduling happens after commit; a Redis hiccup must not undo a committed action, so it is logged. */
  async safely(what: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.error({ err: error instanceof Error ? error.message : error, what }, 'Scheduling challenge job failed');
    }
  }
}

function delayUntil(at: Date): number {
  return Math.max(0, at.getTime() - Date.now());
}
