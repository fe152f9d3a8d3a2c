import { CapabilityProfileStore, MatchingService } from '@app/matching';
import { JobPayloads, MatchingJob, QueueName } from '@app/queue';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';

/**
 * match-scenario / match-capability / rematch-all. Every job recomputes from the current rows, so a retry
 * or a duplicate stores the same result; job ids (entity id + version + event) keep duplicates out anyway.
 */
@Processor(QueueName.Matching, { concurrency: 2 })
export class MatchingProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(MatchingProcessor.name);

  constructor(
    private readonly matching: MatchingService,
    private readonly profiles: CapabilityProfileStore,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    // Capabilities imported in bulk, or stored before a profile column existed, get their profiles in the
    // background: matching is correct without them (it computes what is missing), only slower.
    // Then the candidates rematch-all would read are parsed once, before anyone asks for it.
    void this.profiles
      .backfill({ missingOnly: true })
      .catch((error: unknown) => this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'Profile backfill failed; it runs again at the next start'))
      .then(() => this.matching.warmCandidateCache())
      .then((loaded) => loaded && this.logger.log({ loaded }, 'Candidate cache warmed'))
      .catch((error: unknown) => this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'Candidate cache not warmed'));
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name as MatchingJob) {
      case MatchingJob.MatchScenario: {
        const data = job.data as JobPayloads[MatchingJob.MatchScenario];
        const result = await this.matching.matchScenario(data.scenarioId);
        return { skipped: result.skipped ?? null, candidates: result.ranked.length, stored: result.stored, removed: result.removed, notified: result.notified };
      }
      case MatchingJob.MatchCapability: {
        const data = job.data as JobPayloads[MatchingJob.MatchCapability];
        const result = await this.matching.matchCapability(data.capabilityId);
        return { skipped: result.skipped ?? null, candidates: result.ranked.length, stored: result.stored, removed: result.removed, notified: result.notified };
      }
      case MatchingJob.RematchAll: {
        const data = job.data as JobPayloads[MatchingJob.RematchAll];
        this.logger.log({ requestedBy: data.requestedBy, retrieve: !!data.retrieve }, 'Rematch of all published scenarios started');
        const result = await this.matching.rematchAll((done, total) => job.updateProgress({ done, total }), { retrieve: !!data.retrieve });
        this.logger.log(result, 'Rematch finished');
        return result;
      }
      default:
        throw new Error(`Unknown matching job ${job.name}`);
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job, error: Error): void {
    this.logger.warn({ jobId: job.id, name: job.name, attempts: job.attemptsMade, err: error.message }, 'Matching job failed');
  }
}
