import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { dataSourceOptions, runMigrations, seedDatabase } from '@app/database';
import { DataSource } from 'typeorm';

async function main(): Promise<void> {
  const config = loadConfig();
  await runMigrations(config);
  const dataSource = await new DataSource(dataSourceOptions(config)).initialize();
  try {
    const result = await seedDatabase(dataSource, { demo: true });
    process.stdout.write(result.loaded ? `Demo data loaded: ${JSON.stringify(result)}\n` : 'Demo data already present; nothing loaded.\n');
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Seeding failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
