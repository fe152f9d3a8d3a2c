import { dataSourceOptions, runMigrations, Scenario, upsertReferenceData } from '@app/database';
import { freePort, LaunchedMeilisearch, launchMeilisearch, SearchIndexMaintenance } from '@app/search';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { bearer, createStaffAccount, TestAccount } from './support/fixtures';
import { createOrganization, createScenario, publishBatch, waitForDocument } from './support/lists-fixtures';
import { eventually, startTestStack, TestStack } from './support/test-app';

/**
 * Stops and restarts Meilisearch and rebuilds indexes, so it runs on services of its own: a database,
 * a Meilisearch, a Redis prefix and index prefix no other test file drains into.
 */
describe('Search index recovery and reindex (e2e)', () => {
  const masterKey = 'recovery-test-master-key';
  let dataDir: string;
  let port: number;
  let meili: LaunchedMeilisearch | undefined;
  let stack: TestStack;
  let organizer: TestAccount;
  let admin: TestAccount;
  const http = () => request(stack.app.getHttpServer());

  beforeAll(async () => {
    const url = new URL(process.env.DATABASE_URL as string);
    url.pathname = `${url.pathname}_lists_recovery`;
    const databaseUrl = url.toString();
    await runMigrations({ DATABASE_URL: databaseUrl });
    const setup = await new DataSource(dataSourceOptions({ DATABASE_URL: databaseUrl })).initialize();
    await setup.transaction((m) => upsertReferenceData(m));
    await setup.destroy();

    dataDir = mkdtempSync(join(tmpdir(), 'sx-meili-recovery-'));
    port = await freePort();
    meili = await launchMeilisearch({ dataDir, port, masterKey, quiet: true });
    stack = await startTestStack({
      worker: true,
      env: { DATABASE_URL: databaseUrl, MEILI_URL: meili.url, MEILI_MASTER_KEY: masterKey, REDIS_PREFIX: `${process.env.REDIS_PREFIX}-recovery`, MEILI_INDEX_PREFIX: 'recovery' },
    });
    organizer = await createStaffAccount(stack.app, stack.dataSource, { role: 'organizer', jurisdiction: '330200' });
    admin = await createStaffAccount(stack.app, stack.dataSource, { role: 'admin' });
  });

  afterAll(async () => {
    await stack?.close();
    await meili?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('catches up after Meilisearch was down during writes, without losing a write', async () => {
    const org = await createOrganization(stack.dataSource, { regionCode: '330206', roles: ['owner'] });
    const first = await createScenario(stack.dataSource, org, { title: '港区智能巡检机器人应用场景' });
    await publishBatch(stack.app, organizer, 'scenario', [first.id]);
    await waitForDocument(stack.app, 'scenarios', first.id);

    await meili?.stop();
    meili = undefined;
    const pending = await Promise.all([1, 2, 3].map((n) => createScenario(stack.dataSource, org, { title: `停机期间发布的巡检场景${n}` })));
    const batch = await publishBatch(stack.app, organizer, 'scenario', [first.id, ...pending.map((p) => p.id)]);
    // A write while the engine is down: the first scenario is edited and republished as withdrawn → gone from search.
    await stack.dataSource.transaction(async (m) => {
      await m.update(Scenario, { id: first.id }, { status: 'withdrawn' });
      await m.query(`INSERT INTO outbox_events (aggregate, aggregate_id, event) VALUES ('scenario', $1, 'withdraw')`, [first.id]);
    });
    const search = await http().get('/api/v1/search').query({ q: '巡检' });
    expect(search.status).toBe(503);
    // Drain attempts fail and are recorded; the rows stay pending.
    await eventually(async () => {
      const [row] = await stack.dataSource.query(`SELECT count(*)::int AS pending, max(attempts)::int AS attempts, max(last_error) AS error FROM outbox_events WHERE processed_at IS NULL`);
      expect(row.pending).toBeGreaterThanOrEqual(4);
      expect(row.attempts).toBeGreaterThanOrEqual(1);
      expect(row.error).toEqual(expect.any(String));
    }, 20_000, 250);

    meili = await launchMeilisearch({ dataDir, port, masterKey, quiet: true });
    for (const p of pending) await waitForDocument(stack.app, 'scenarios', p.id, (d) => (d.batchIds as string[]).includes(batch.id), 40_000);
    await eventually(async () => {
      const res = await http().get('/api/v1/search').query({ q: '巡检', pageSize: 50 }).expect(200);
      expect(res.body.hits.map((h: { id: string }) => h.id).sort()).toEqual(pending.map((p) => p.id).sort());
    }, 20_000, 250);
    const report = await http().get('/api/v1/search/consistency').set(bearer(admin)).expect(200);
    expect(report.body).toMatchObject({ consistent: true, pendingOutbox: 0 });
  });

  it('never returns an empty result while indexes are rebuilt and swapped', async () => {
    const org = await createOrganization(stack.dataSource, { regionCode: '330212', roles: ['owner'] });
    const many = [];
    for (let i = 0; i < 30; i++) many.push(await createScenario(stack.dataSource, org, { title: `氢燃料电池示范场景${i}`, domains: ['氢能和绿色燃料'] }));
    await publishBatch(stack.app, organizer, 'scenario', many.map((s) => s.id));
    await eventually(async () => {
      const res = await http().get('/api/v1/search').query({ q: '氢燃料电池' }).expect(200);
      expect(res.body.total).toBe(30);
    }, 30_000, 250);

    const maintenance = stack.app.get(SearchIndexMaintenance);
    let running = true;
    const results: Array<{ status: number; total: number; hits: number }> = [];
    const searches = (async () => {
      while (running) {
        const res = await http().get('/api/v1/search').query({ q: '氢燃料电池', region: '330200' });
        results.push({ status: res.status, total: res.body.total, hits: res.body.hits?.length ?? 0 });
      }
    })();
    try {
      for (let round = 0; round < 2; round++) {
        const counts = await maintenance.reindexAll();
        expect(counts.scenarios).toBeGreaterThanOrEqual(30);
      }
    } finally {
      running = false;
      await searches;
    }
    expect(results.length).toBeGreaterThan(10);
    expect(results.filter((r) => r.status !== 200 || r.total !== 30 || r.hits === 0)).toEqual([]);

    // The same through the admin route: a job id, then the job's result.
    const job = await http().post('/api/v1/search/reindex').set(bearer(admin)).expect(202);
    expect(job.body.jobId).toEqual(expect.any(String));
    const done = await eventually(async () => {
      const res = await http().get(`/api/v1/search/reindex/${job.body.jobId}`).set(bearer(admin)).expect(200);
      if (res.body.state !== 'completed') throw new Error(`job ${res.body.state}`);
      return res.body;
    }, 30_000, 250);
    expect(done.result.scenarios).toBeGreaterThanOrEqual(30);
    const report = await http().get('/api/v1/search/consistency').set(bearer(admin)).expect(200);
    expect(report.body.consistent).toBe(true);
    // Three full rebuilds of three indexes on a loaded 2-core machine need more than the default minute.
  }, 180_000);
});
