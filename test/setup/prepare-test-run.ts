import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { dataSourceOptions, runMigrations, upsertReferenceData } from '@app/database';
import { launchMeilisearch } from '@app/search';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { TestRun } from './test-run';

/**
 * Real services, isolated per run: a fresh PostgreSQL database, a Redis key prefix of its own and a
 * Meilisearch on a free port with a temporary data dir. Workers inherit the environment set here.
 */
export async function prepareTestRun(): Promise<void> {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const base = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  base.pathname = `/sx_test_${id}`;
  const databaseUrl = base.toString();

  // A migrated template nobody connects to, so files that need a database of their own can clone it fast.
  const templateUrl = new URL(databaseUrl);
  templateUrl.pathname = `${templateUrl.pathname}_template`;
  for (const url of [templateUrl.toString(), databaseUrl]) {
    await runMigrations({ DATABASE_URL: url });
    const dataSource = await new DataSource(dataSourceOptions({ DATABASE_URL: url })).initialize();
    await dataSource.transaction((m) => upsertReferenceData(m));
    await dataSource.destroy();
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'sx-meili-'));
  const masterKey = `test-master-key-${id}`;
  const meili = await launchMeilisearch({ dataDir, masterKey, quiet: true });

  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    TEST_TEMPLATE_DATABASE_URL: templateUrl.toString(),
    MEILI_URL: meili.url,
    MEILI_MASTER_KEY: masterKey,
    MEILI_INDEX_PREFIX: `t${id}`,
    REDIS_PREFIX: `sx-test-${id}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SEED_DEMO_DATA: 'false',
    JWT_SECRET: `test-secret-${id}-0123456789abcdef`,
    AUTH_RATE_LIMIT_PER_MINUTE: '1000',
  });
  loadConfig();
  (globalThis as unknown as { __sxTestRun: TestRun }).__sxTestRun = { databaseUrl, meili, dataDir, redisPrefix: `sx-test-${id}` };
}
