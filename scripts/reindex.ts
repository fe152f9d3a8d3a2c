import 'reflect-metadata';
import { ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { SearchIndexMaintenance, SearchModule } from '@app/search';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

@Module({ imports: [ConfigModule, DatabaseModule, SearchModule] })
class ReindexModule {}

/** `npm run reindex` rebuilds every index from PostgreSQL and swaps it in; `-- --check` only reports drift. */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(ReindexModule, { logger: ['error', 'warn'] });
  try {
    const maintenance = app.get(SearchIndexMaintenance);
    if (process.argv.includes('--check')) {
      const reports = await maintenance.checkConsistency();
      for (const r of reports) {
        process.stdout.write(`${r.kind}: expected ${r.expected}, indexed ${r.indexed}, missing ${r.missing.length}, stale ${r.stale.length}, unexpected ${r.unexpected.length}\n`);
      }
      if (reports.some((r) => r.missing.length + r.stale.length + r.unexpected.length > 0)) process.exitCode = 2;
    } else {
      const counts = await maintenance.reindexAll();
      process.stdout.write(`Reindexed: ${JSON.stringify(counts)}\n`);
    }
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Reindex failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
