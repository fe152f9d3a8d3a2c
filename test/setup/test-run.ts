import type { LaunchedMeilisearch } from '@app/search';

export interface TestRun {
  databaseUrl: string;
  meili: LaunchedMeilisearch;
  dataDir: string;
  redisPrefix: string;
}
