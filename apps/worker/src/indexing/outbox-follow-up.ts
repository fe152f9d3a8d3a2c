import { Capability, Scenario } from '@app/database';
import { MatchingJob, MatchingProducer, stableJobId } from '@app/queue';
import { AppliedOutboxEvent } from '@app/search';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';

/**
 * What happens once a change is searchable. Matching reads candidates from the index, so it must run
 * after indexing, never before; this is the one place that sequences the two.
 *
 * Published or updated → match that entity (its job recomputes both its own list and the rows it shares
 * with the other side); a supplier's profile change arrives as an event on each of its capabilities. No longer public → the same job retires its suggestions. The job id carries the
 * version and the status, so a re-delivered outbox row never runs the same work twice, while an edit
 * (new version) or a withdrawal (new status) always does.
 */
/** How long indexing waits for the scenario matches it enqueued early (see `beforeIndexing`). */
const EARLY_MATCH_WAIT_MILLIS = 1000;

@Injectable()
export class OutboxFollowUp {
  constructor(
    private readonly matching: MatchingProducer,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * A scenario's own suggestions search only the capabilities index, so they need not wait for the
   * scenario's document to be indexed: enqueue them before the drain. The same job ids are enqueued again
   * after indexing, which BullMQ ignores while the first job is kept, so the work runs once.
   *
   * The drain then waits for them (at most a second): on a small server, writing the scenario's document
   * competes with their searches for the same cores, and the owner waiting for suggestions matters more
   * than the scenario appearing in public search a moment sooner.
   */
  async beforeIndexing(): Promise<void> {
    const pending: Array<{ id: string; aggregate: string }> = await this.dataSource.query(
      `SELECT DISTINCT aggregate_id AS id, aggregate FROM outbox_events WHERE processed_at IS NULL AND aggregate IN ('scenario', 'capability')`,
    );
    // Only while the capabilities index is current; otherwise the early run would miss new supply and,
    // sharing its job id, stop the post-indexing run. (A capability changed later rescored its pairs itself.)
    if (pending.some((row) => row.aggregate === 'capability')) return;
    const jobIds = await this.enqueueScenarioMatches(pending.map((row) => row.id));
    await this.matching.settled(jobIds, EARLY_MATCH_WAIT_MILLIS);
  }

  async afterIndexing(applied: AppliedOutboxEvent[]): Promise<void> {
    const scenarioIds = [...new Set(applied.filter((event) => event.aggregate === 'scenario').map((event) => event.aggregateId))];
    const capabilityIds = [...new Set(applied.filter((event) => event.aggregate === 'capability').map((event) => event.aggregateId))];
    await this.enqueueScenarioMatches(scenarioIds);
    if (capabilityIds.length > 0) {
      const rows = await this.dataSource.getRepository(Capability).find({
        where: { id: In(capabilityIds) },
        relations: { organization: true },
        select: { id: true, version: true, status: true, organization: { id: true, updatedAt: true } },
      });
      for (const row of rows) {
        // The supplier's profile (qualifications, cases, region) is scored too: its last change is part of the
        // job id, so a profile edit rescores the capability while a re-delivered outbox row still runs once.
        await this.matching.add(
          MatchingJob.MatchCapability,
          { capabilityId: row.id, version: row.version },
          { jobId: stableJobId(MatchingJob.MatchCapability, row.id, row.version, row.status, row.organization?.updatedAt?.getTime() ?? 0) },
        );
      }
    }
  }

  private async enqueueScenarioMatches(scenarioIds: string[]): Promise<string[]> {
    if (scenarioIds.length === 0) return [];
    const rows = await this.dataSource.getRepository(Scenario).find({ where: { id: In(scenarioIds) }, select: { id: true, version: true, status: true } });
    const jobIds: string[] = [];
    for (const row of rows) {
      jobIds.push(
        await this.matching.add(
          MatchingJob.MatchScenario,
          { scenarioId: row.id, version: row.version },
          { jobId: stableJobId(MatchingJob.MatchScenario, row.id, row.version, row.status) },
        ),
      );
    }
    return jobIds;
  }
}
