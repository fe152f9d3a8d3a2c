import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { dataSourceOptions, runMigrations, seedDatabase } from '@app/database';
import { LaunchedMeilisearch, launchMeilisearch } from '@app/search';
import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';

/**
 * `npm start`: migrations, Meilisearch (when MEILI_URL is unset), demo data on first start,
 * then the API and the worker. Ctrl-C stops everything this script started.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const say = (line: string) => process.stdout.write(`[start] ${line}\n`);

  say('applying database migrations…');
  const applied = await runMigrations(config);
  say(applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}` : 'database schema is up to date');

  let meili: LaunchedMeilisearch | undefined;
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (!config.MEILI_URL) {
    const dataDir = resolve(config.DATA_DIR, 'meilisearch');
    say(`starting Meilisearch (data in ${dataDir})…`);
    meili = await launchMeilisearch({ dataDir, port: 7700, masterKey: config.MEILI_MASTER_KEY });
    env.MEILI_URL = meili.url;
    say(`Meilisearch ready at ${meili.url}`);
  }

  const dataSource = await new DataSource(dataSourceOptions(config)).initialize();
  try {
    const seeded = await seedDatabase(dataSource, { demo: config.SEED_DEMO_DATA === 'true' });
    say(
      seeded.loaded
        ? `demo data loaded: ${seeded.organizations} organizations, ${seeded.users} accounts, ${seeded.scenarios} scenarios, ${seeded.capabilities} capabilities (password for every demo account: Demo@2026)`
        : 'demo data already present (or disabled); not loading it again',
    );
  } finally {
    await dataSource.destroy();
  }

  const children: ChildProcess[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
          }),
      ),
    );
    await meili?.stop();
    say('stopped.');
    process.exit(code);
  };

  for (const [name, entry] of [
    ['worker', 'apps/worker/src/main.js'],
    ['api', 'apps/api/src/main.js'],
  ] as const) {
    const child = spawn(process.execPath, [resolve(__dirname, '..', entry)], { env, stdio: 'inherit' });
    child.on('exit', (code, signal) => {
      if (!stopping) {
        say(`${name} exited (${signal ?? code}); stopping the rest`);
        void stopAll(code ?? 1);
      }
    });
    children.push(child);
  }
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
}

main().catch((error: unknown) => {
  process.stderr.write(`[start] failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
