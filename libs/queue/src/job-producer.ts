import { InjectQueue } from '@nestjs/bullmq';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Inject, Injectable } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { ChallengeJob, EventJob, IndexingJob, JobPayloads, MatchingJob, NotificationJob, QueueName, stableJobId } from './queue-contract';

type JobsOf<Q extends QueueName> = Q extends QueueName.Indexing
  ? IndexingJob
  : Q extends QueueName.Matching
    ? MatchingJob
    : Q extends QueueName.Notifications
      ? NotificationJob
      : Q extends QueueName.Events
        ? EventJob
        : ChallengeJob;

/** Typed enqueueing: the compiler checks that a job goes to its queue with its payload. */
abstract class TypedProducer<Q extends QueueName> {
  constructor(readonly queue: Queue) {}

  async add<J extends JobsOf<Q> & keyof JobPayloads>(name: J, data: JobPayloads[J], options: JobsOptions = {}): Promise<string> {
    const job = await this.queue.add(name, data, options);
    return job.id ?? '';
  }

  /**
   * Resolves once none of these jobs is waiting or running any more, or after `timeoutMillis`, whichever
   * comes first (a missing job counts as settled). For ordering work across queues without blocking on it.
   */
  async settled(jobIds: readonly string[], timeoutMillis: number, pollMillis = 20): Promise<boolean> {
    const deadline = Date.now() + timeoutMillis;
    let pending = [...jobIds];
    while (pending.length > 0) {
      const states = await Promise.all(pending.map(async (id) => (await this.queue.getJob(id))?.getState() ?? 'unknown'));
      pending = pending.filter((_, index) => ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'].includes(states[index]));
      if (pending.length === 0) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, pollMillis));
    }
    return true;
  }

  /** Removes a pending delayed job by id; a job that already ran or is running is left alone. */
  async cancel(jobId: string): Promise<boolean> {
    const job = await this.queue.getJob(jobId);
    if (!job) return false;
    const state = await job.getState();
    if (state === 'active' || state === 'completed') return false;
    await job.remove();
    return true;
  }
}

@Injectable()
export class IndexingProducer extends TypedProducer<QueueName.Indexing> {
  constructor(@InjectQueue(QueueName.Indexing) queue: Queue) {
    super(queue);
  }

  /** Cheap and idempotent: an empty outbox makes it a no-op, so no dedup is needed. */
  async drainOutbox(reason?: string): Promise<void> {
    await this.add(IndexingJob.DrainOutbox, { reason });
  }
}

@Injectable()
export class MatchingProducer extends TypedProducer<QueueName.Matching> {
  constructor(@InjectQueue(QueueName.Matching) queue: Queue) {
    super(queue);
  }
}

@Injectable()
export class NotificationsProducer extends TypedProducer<QueueName.Notifications> {
  constructor(
    @InjectQueue(QueueName.Notifications) queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super(queue);
  }

  /** E-mail is optional: without SMTP_URL the in-app record is the whole notification. Call after commit. */
  async deliverByEmail(notificationIds: string[]): Promise<void> {
    if (!this.config.SMTP_URL || notificationIds.length === 0) return;
    await this.queue.addBulk(
      notificationIds.map((notificationId) => ({
        name: NotificationJob.Deliver,
        data: { notificationId },
        opts: { jobId: stableJobId('email', notificationId) },
      })),
    );
  }
}

@Injectable()
export class EventsProducer extends TypedProducer<QueueName.Events> {
  constructor(@InjectQueue(QueueName.Events) queue: Queue) {
    super(queue);
  }
}

@Injectable()
export class ChallengesProducer extends TypedProducer<QueueName.Challenges> {
  constructor(@InjectQueue(QueueName.Challenges) queue: Queue) {
    super(queue);
  }
}
