import { loadConfig } from '@app/config';
import Redis from 'ioredis';

/** Container health check for the worker: its heartbeat key must be fresh. Exit 0 healthy, 1 not. */
async function main(): Promise<void> {
  const config = loadConfig();
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2000 });
  try {
    const beat = await redis.get(`${config.REDIS_PREFIX}:worker:heartbeat`);
    if (!beat) throw new Error('no heartbeat');
    process.stdout.write(`worker alive, last heartbeat ${beat}\n`);
  } finally {
    redis.disconnect();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`worker unhealthy: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
