import { SearchModule } from '@app/search';
import { Module } from '@nestjs/common';
import { CandidateCapabilityLoader } from './candidate-capability.loader';
import { CapabilityProfileStore } from './capability-profile.store';
import { MatchingService } from './matching.service';
import { TermStatisticsCache } from './term-statistics.cache';

/** The engine itself is plain functions; the module wires the service that runs it against the live market. */
@Module({
  imports: [SearchModule],
  providers: [MatchingService, TermStatisticsCache, CapabilityProfileStore, CandidateCapabilityLoader],
  exports: [MatchingService, TermStatisticsCache, CapabilityProfileStore],
})
export class MatchingModule {}
