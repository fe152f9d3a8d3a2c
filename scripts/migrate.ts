import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { runMigrations } from '@app/database';

runMigrations(loadConfig())
  .then((applied) => {
    process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Database schema is up to date.\n');
  })
  .catch((error: unknown) => {
    process.stderr.write(`Migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
