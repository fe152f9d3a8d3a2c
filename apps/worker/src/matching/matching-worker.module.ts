import { MatchingModule } from '@app/matching';
import { Module } from '@nestjs/common';
import { MatchingProcessor } from './matching.processor';

@Module({
  imports: [MatchingModule],
  providers: [MatchingProcessor],
})
export class MatchingWorkerModule {}
