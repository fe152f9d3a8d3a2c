import { ConfigModule } from '@app/config';
import { DatabaseModule, dataSourceOptions, runMigrations, upsertReferenceData } from '@app/database';
import { MatchingModule } from '@app/matching';
import { QueueModule } from '@app/queue';
import { type LaunchedMeilisearch, SearchEngine, SearchModule, launchMeilisearch } from '@app/search';
import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import Redis from 'ioredis';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

/** What the worker wires for matching, minus the queue processors: the benchmark drives the same services itself. */
@Module({ imports: [ConfigModule, DatabaseModule, QueueModule, SearchModule, MatchingModule] })
class BenchModule {}

export interface BenchEnvironment {
  app: INestApplicationContext;
  dataSource: DataSource;
  meili: LaunchedMeilisearch;
  databaseName: string;
  cleanup(): Promise<void>;
}

const live = new Set<BenchEnvironment>();

/** Tears down whatever is still running when the process is interrupted. */
export async function cleanupAll(): Promise<void> {
  for (const environment of [...live]) await environment.cleanup().catch(() => undefined);
}

/**
 * A fresh, isolated world: a new PostgreSQL database with every migration applied, a Meilisearch with a
 * temporary data dir on a free port, and a Redis key prefix of its own. `cleanup` removes all three.
 * With `keep`, the world has a fixed name (database `sx_bench_keep_<keep>`, Meilisearch data under
 * `.data/bench/keep_<keep>`) and survives `cleanup`, so a 100,000-capability pool is imported and indexed once
 * and re-measured as often as needed; `dropKept` removes it.
 */
export async function createBenchEnvironment(label: string, keep?: string): Promise<BenchEnvironment> {
  const id = keep ? keptId(keep) : `${label}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const databaseName = `sx_bench_${id}`;
  const databaseUrl = benchDatabaseUrl(databaseName);
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redisPrefix = `sx-bench-${id}`;
  const dataDir = keep ? keptDataDir(id) : mkdtempSync(join(tmpdir(), 'sx-bench-meili-'));
  if (keep) mkdirSync(dataDir, { recursive: true });
  let meili: LaunchedMeilisearch | undefined;
  let app: INestApplicationContext | undefined;

  const cleanup = async (): Promise<void> => {
    live.delete(environment);
    await app?.close().catch(() => undefined);
    await meili?.stop().catch(() => undefined);
    if (keep) return;
    rmSync(dataDir, { recursive: true, force: true });
    await dropDatabase(databaseName);
    const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}:*`, 'COUNT', 1000);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
  };
  const environment = { cleanup } as BenchEnvironment;
  live.add(environment);

  try {
    await runMigrations({ DATABASE_URL: databaseUrl });
    const setup = await new DataSource(dataSourceOptions({ DATABASE_URL: databaseUrl })).initialize();
    await setup.transaction((manager) => upsertReferenceData(manager));
    await setup.destroy();

    const masterKey = `bench-master-key-${id}`;
    meili = await launchMeilisearch({ dataDir, masterKey, quiet: true });
    Object.assign(process.env, {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: redisPrefix,
      MEILI_URL: meili.url,
      MEILI_MASTER_KEY: masterKey,
      MEILI_INDEX_PREFIX: 'bench',
      SEED_DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
    });
    delete process.env.SMTP_URL;
    app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error', 'warn'] });
    await app.get(SearchEngine).ensureIndexes();
    Object.assign(environment, { app, dataSource: app.get(DataSource), meili, databaseName });
    return environment;
  } catch (error) {
    await cleanup();
    throw error;
  }
}

function keptId(keep: string): string {
  return `keep_${keep.replace(/[^a-z0-9_]/gi, '_')}`;
}

function keptDataDir(id: string): string {
  return resolve(__dirname, '../../.data/bench', id);
}

function benchDatabaseUrl(databaseName: string): string {
  const url = new URL(process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${databaseName}`;
  return url.toString();
}

async function dropDatabase(databaseName: string): Promise<void> {
  const client = new Client({ connectionString: benchDatabaseUrl('postgres') });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Removes a world kept with `createBenchEnvironment(label, keep)`. */
export async function dropKept(keep: string): Promise<void> {
  const id = keptId(keep);
  rmSync(keptDataDir(id), { recursive: true, force: true });
  await dropDatabase(`sx_bench_${id}`);
}

/** Peak resident memory of a child process (Meilisearch), in MiB, from /proc. */
export function peakRssOfPid(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}
