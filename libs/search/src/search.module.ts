import { DatabaseModule } from '@app/database';
import { Module } from '@nestjs/common';
import { OutboxIndexer, SearchDocumentSource } from './outbox-indexer';
import { SearchEngine } from './search-engine';
import { SearchIndexMaintenance } from './search-index-maintenance';

@Module({
  imports: [DatabaseModule],
  providers: [SearchEngine, SearchDocumentSource, OutboxIndexer, SearchIndexMaintenance],
  exports: [SearchEngine, SearchDocumentSource, OutboxIndexer, SearchIndexMaintenance],
})
export class SearchModule {}
