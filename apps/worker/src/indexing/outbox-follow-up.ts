import { MatchingProducer } from '@app/queue';
import { AppliedOutboxEvent } from '@app/search';
import { Injectable } from '@nestjs/common';

/**
 * What happens once a change is searchable. Matching reads candidates from the index, so it must run
 * after indexing, never before; this is the one place that sequences the two.
 */
@Injectable()
export class OutboxFollowUp {
  constructor(private readonly matching: MatchingProducer) {}

  async afterIndexing(applied: AppliedOutboxEvent[]): Promise<void> {
    void applied;
    void this.matching;
  }
}
