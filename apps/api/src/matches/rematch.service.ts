import { MatchingJob, MatchingProducer, stableJobId } from '@app/queue';
import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { RematchJobDto } from './dto/rematch.dto';

/** Starts and reports the bulk rematch-all job (the worker runs it; see MatchingService.rematchAll). */
@Injectable()
export class RematchService {
  constructor(private readonly matching: MatchingProducer) {}

  /** One rematch at a time: asking again while one waits or runs returns that one. */
  async request(requestedBy: string, retrieve: boolean): Promise<RematchJobDto> {
    const pending = (await this.matching.queue.getJobs(['active', 'waiting', 'delayed', 'prioritized'])).find((job) => job?.name === MatchingJob.RematchAll);
    if (pending) return this.describe(pending);
    const jobId = await this.matching.add(MatchingJob.RematchAll, { requestedBy, retrieve }, { jobId: stableJobId('rematch-all', Date.now()), attempts: 3 });
    return { jobId, state: 'waiting', retrieve, progress: null, result: null, failedReason: null };
  }

  async status(jobId: string): Promise<RematchJobDto | null> {
    const job = await this.matching.queue.getJob(jobId);
    if (!job || job.name !== MatchingJob.RematchAll) return null;
    return this.describe(job);
  }

  private async describe(job: Job): Promise<RematchJobDto> {
    const progress = job.progress as { done?: number; total?: number } | number | undefined;
    return {
      jobId: job.id as string,
      state: await job.getState(),
      retrieve: !!(job.data as { retrieve?: boolean }).retrieve,
      progress: progress && typeof progress === 'object' && typeof progress.total === 'number' ? { done: progress.done ?? 0, total: progress.total } : null,
      result: (job.returnvalue as Record<string, unknown> | null) ?? null,
      failedReason: job.failedReason ?? null,
    };
  }
}
