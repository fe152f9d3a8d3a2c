import { IndexingJob, IndexingProducer, JobPayloads, QueueName } from '@app/queue';
import { OutboxIndexer, SearchEngine, SearchIndexMaintenance } from '@app/search';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { OutboxFollowUp } from './outbox-follow-up';

/** Keeps Meilisearch in step with PostgreSQL: drains the outbox, rebuilds indexes on request. */
@Processor(QueueName.Indexing, { concurrency: 1 })
export class IndexingProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(IndexingProcessor.name);

  constructor(
    private readonly indexer: OutboxIndexer,
    private readonly maintenance: SearchIndexMaintenance,
    private readonly engine: SearchEngine,
    private readonly followUp: OutboxFollowUp,
    private readonly indexing: IndexingProducer,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    // A sweep every few seconds catches writes whose drain job was lost (Redis restarted, Meilisearch down).
    await this.worker.waitUntilReady();
    await this.indexing.queue.upsertJobScheduler('outbox-sweep', { every: 5000 }, { name: IndexingJob.DrainOutbox, data: { reason: 'sweep' } });
    await this.engine.ensureIndexesOnce().catch((error: unknown) => this.logger.warn({ err: error }, 'Meilisearch not ready; indexes will be ensured on the next drain'));
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name as IndexingJob) {
      case IndexingJob.DrainOutbox: {
        await this.engine.ensureIndexesOnce();
        await this.followUp.beforeIndexing();
        const applied = await this.indexer.drain();
        await this.followUp.afterIndexing(applied);
        return { applied: applied.length };
      }
      case IndexingJob.ReindexAll: {
        const data = job.data as JobPayloads[IndexingJob.ReindexAll];
        this.logger.log({ requestedBy: data.requestedBy }, 'Reindex requested');
        return this.maintenance.reindexAll();
      }
      default:
        throw new Error(`Unknown indexing job ${job.name}`);
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job, error: Error): void {
    this.logger.warn({ jobId: job.id, name: job.name, attempts: job.attemptsMade, err: error.message }, 'Indexing job failed');
  }
}
