import { SearchModule } from '@app/search';
import { Module } from '@nestjs/common';
import { MatchingService } from './matching.service';
import { TermStatisticsCache } from './term-statistics.cache';

/** The engine itself is plain functions; the module wires the service that runs it against the live market. */
@Module({
  imports: [SearchModule],
  providers: [MatchingService, TermStatisticsCache],
  exports: [MatchingService, TermStatisticsCache],
})
export class MatchingModule {}
