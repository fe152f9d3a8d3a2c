import { APP_CONFIG, AppConfig, loadConfig } from '@app/config';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/bootstrap';
import { WorkerModule } from '../../apps/worker/src/worker.module';

export interface TestStack {
  app: INestApplication;
  worker?: INestApplicationContext;
  dataSource: DataSource;
  config: AppConfig;
  close(): Promise<void>;
}

/** Boots the real API (and, when asked, the real worker in the same process) against the run's services. */
export async function startTestStack(options: { worker?: boolean; env?: NodeJS.ProcessEnv; isolated?: boolean } = {}): Promise<TestStack> {
  // A file that runs a worker gets services of its own by default: workers of different files sharing a
  // queue prefix and database would take each other's jobs and see each other's experts, matches, etc.
  const isolate = options.isolated ?? (options.worker === true && !options.env?.DATABASE_URL);
  const isolation = isolate ? await isolatedServices() : {};
  const config = loadConfig({ ...process.env, ...isolation, ...options.env });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(APP_CONFIG)
    .useValue(config)
    .compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, bufferLogs: true });
  configureApp(app);
  await app.init();

  let worker: INestApplicationContext | undefined;
  if (options.worker) {
    const workerRef = await Test.createTestingModule({ imports: [WorkerModule] })
      .overrideProvider(APP_CONFIG)
      .useValue(config)
      .compile();
    worker = await workerRef.init();
  }
  return {
    app,
    worker,
    config,
    dataSource: app.get(DataSource),
    close: async () => {
      await worker?.close();
      await app.close();
    },
  };
}

/**
 * Services of its own for a file whose assertions depend on the whole market (e.g. matching statistics)
 * or whose worker must not drain other files' jobs: a database cloned from the run's migrated template,
 * a Redis prefix and a Meilisearch index prefix. All are removed by the global teardown.
 */
async function isolatedServices(): Promise<NodeJS.ProcessEnv> {
  const suffix = `iso${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const template = new URL(process.env.TEST_TEMPLATE_DATABASE_URL as string);
  const target = new URL(process.env.DATABASE_URL as string);
  target.pathname = `${target.pathname}_${suffix}`;
  const admin = new URL(template.toString());
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${target.pathname.slice(1)}" TEMPLATE "${template.pathname.slice(1)}"`);
  } finally {
    await client.end();
  }
  return { DATABASE_URL: target.toString(), REDIS_PREFIX: `${process.env.REDIS_PREFIX}-${suffix}`, MEILI_INDEX_PREFIX: `${process.env.MEILI_INDEX_PREFIX}${suffix}` };
}

/** Polls until the assertion passes (for work the worker does asynchronously). */
export async function eventually<T>(probe: () => Promise<T>, timeoutMs = 15_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      lastError = error;
      if (Date.now() > deadline) throw lastError;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}
