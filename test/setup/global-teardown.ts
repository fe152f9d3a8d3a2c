import Redis from 'ioredis';
import { rmSync } from 'node:fs';
import { Client } from 'pg';
import { TestRun } from './test-run';

export default async function globalTeardown(): Promise<void> {
  const run = (globalThis as unknown as { __sxTestRun?: TestRun }).__sxTestRun;
  if (!run) return;
  await run.meili.stop();
  rmSync(run.dataDir, { recursive: true, force: true });

  const url = new URL(run.databaseUrl);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  // Databases made by individual tests (e.g. the first-start seeding test) share the run's name as prefix.
  const extra = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${name}_%`]);
  for (const row of extra.rows as Array<{ datname: string }>) await client.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
  await client.end();

  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  let cursor = '0';
  do {
    // Isolated stacks use `<prefix>-<suffix>` prefixes, so match the run prefix as a string prefix.
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${run.redisPrefix}*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}
