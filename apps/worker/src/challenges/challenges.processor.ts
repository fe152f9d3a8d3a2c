import { ChallengeJob, JobPayloads, QueueName } from '@app/queue';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { ChallengeJobsService } from './challenge-jobs.service';

/** The one processor of the challenges queue: window, public notice and milestone timers. */
@Processor(QueueName.Challenges, { concurrency: 2 })
export class ChallengesProcessor extends WorkerHost {
  private readonly logger = new Logger(ChallengesProcessor.name);

  constructor(private readonly jobs: ChallengeJobsService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name as ChallengeJob) {
      case ChallengeJob.OpenWindow: {
        const data = job.data as JobPayloads[ChallengeJob.OpenWindow];
        return this.jobs.openWindow(data.challengeId, data.opensAt);
      }
      case ChallengeJob.CloseWindow: {
        const data = job.data as JobPayloads[ChallengeJob.CloseWindow];
        return this.jobs.closeWindow(data.challengeId, data.closesAt);
      }
      case ChallengeJob.EndNotice: {
        const data = job.data as JobPayloads[ChallengeJob.EndNotice];
        return this.jobs.endNotice(data.challengeId, data.endsAt);
      }
      case ChallengeJob.MilestoneReminder: {
        const data = job.data as JobPayloads[ChallengeJob.MilestoneReminder];
        return this.jobs.milestoneReminder(data.milestoneId, data.dueAt);
      }
      case ChallengeJob.MilestoneOverdue: {
        const data = job.data as JobPayloads[ChallengeJob.MilestoneOverdue];
        return this.jobs.milestoneOverdue(data.milestoneId, data.dueAt);
      }
      default:
        throw new Error(`Unknown challenge job ${job.name}`);
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job, error: Error): void {
    this.logger.warn({ jobId: job.id, name: job.name, attempts: job.attemptsMade, err: error.message }, 'Challenge job failed');
  }
}
