import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // Closing the context closes every BullMQ worker, which waits for running jobs to finish.
  app.enableShutdownHooks();
  await app.init();
  process.stdout.write('场景对接平台 worker 已启动 / worker ready (indexing, matching, events, challenges, notifications)\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`Worker failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
