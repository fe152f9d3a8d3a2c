import { APP_CONFIG, AppConfig, loadConfig } from '@app/config';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
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
export async function startTestStack(options: { worker?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<TestStack> {
  const config = loadConfig({ ...process.env, ...options.env });
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
