import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { dataSourceOptions, runMigrations, seedDatabase } from '@app/database';
import { DataSource } from 'typeorm';

/**
 * `npm run migration:run` (and the API container's entrypoint): schema migrations, then the reference
 * data (regions, domains) the schema's foreign keys need, then the demo market if SEED_DEMO_DATA=true
 * and it was never loaded. Every step is idempotent.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const applied = await runMigrations(config);
  process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Database schema is up to date.\n');
  const dataSource = await new DataSource(dataSourceOptions(config)).initialize();
  try {
    const seeded = await seedDatabase(dataSource, { demo: config.SEED_DEMO_DATA === 'true' });
    process.stdout.write(seeded.loaded ? `Demo data loaded: ${JSON.stringify(seeded)}\n` : 'Reference data refreshed.\n');
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
