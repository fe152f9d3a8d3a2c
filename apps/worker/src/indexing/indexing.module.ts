import { SearchModule } from '@app/search';
import { Module } from '@nestjs/common';
import { IndexingProcessor } from './indexing.processor';
import { OutboxFollowUp } from './outbox-follow-up';

@Module({
  imports: [SearchModule],
  providers: [IndexingProcessor, OutboxFollowUp],
})
export class IndexingModule {}
