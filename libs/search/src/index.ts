export * from './index-settings';
export * from './outbox-indexer';
export * from './search-documents';
export * from './search-engine';
export * from './search-index-maintenance';
export * from './search.module';
export * from './meilisearch-launcher';
