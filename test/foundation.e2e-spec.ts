import { dataSourceOptions, runMigrations, seedDatabase } from '@app/database';
import { LaunchedMeilisearch, launchMeilisearch } from '@app/search';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { startTestStack, TestStack } from './support/test-app';

describe('Foundation (e2e)', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });

  afterAll(async () => {
    await stack.close();
  });

  it('reports PostgreSQL, Redis and Meilisearch separately', async () => {
    const res = await request(stack.app.getHttpServer()).get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.details).toEqual({
      postgres: { status: 'up' },
      redis: { status: 'up' },
      meilisearch: { status: 'up' },
    });
  });

  it('answers unknown routes with a 404 problem body in Chinese', async () => {
    const res = await request(stack.app.getHttpServer()).get('/api/v1/no-such-thing').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, title: '资源不存在', instance: '/api/v1/no-such-thing' });
    expect(res.body.type).toMatch(/^https:\/\//);
    expect(res.body.detail).toContain('接口不存在');
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await request(stack.app.getHttpServer())
      .post('/api/v1/auth/register')
      .set('Content-Type', 'application/json')
      .send('{"email": "a@b.cn", ')
      .expect(400);
    expect(res.body).toMatchObject({ status: 400, title: '请求体不是合法的 JSON' });
    expect(res.body.requestId).toBeDefined();
  });

  it('echoes a request id header that ties the response to its log lines', async () => {
    const res = await request(stack.app.getHttpServer()).get('/api/v1/regions/330212').set('X-Request-Id', 'trace-42').expect(200);
    expect(res.headers['x-request-id']).toBe('trace-42');
    expect(res.body).toEqual({ code: '330212', name: '鄞州区', level: 'district', parentCode: '330200' });
  });

  it('serves reference data: regions under a city and the Ningbo directions mapped onto Zhejiang domains', async () => {
    const districts = await request(stack.app.getHttpServer()).get('/api/v1/regions').query({ parent: '330200' }).expect(200);
    expect(districts.body.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(['海曙区', '北仑区', '鄞州区', '慈溪市', '宁海县']));
    const domains = await request(stack.app.getHttpServer()).get('/api/v1/domains').expect(200);
    const future = domains.body.find((d: { name: string }) => d.name === '未来海洋');
    expect(future.mapsTo).toContain('深海科技');
    await request(stack.app.getHttpServer()).get('/api/v1/regions/999999').expect(404);
  });

  it('documents every route in the OpenAPI document', async () => {
    const res = await request(stack.app.getHttpServer()).get('/docs-json').expect(200);
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries(res.body.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(ops)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    const router = stack.app.getHttpAdapter().getInstance().router as { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> };
    const registered = router.stack
      // Catch-all layers (every HTTP verb) are Nest's own fallbacks, not API routes.
      .filter((layer) => layer.route && Object.keys(layer.route.methods).length < 10)
      .flatMap((layer) => Object.keys(layer.route!.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path.replace(/:(\w+)/g, '{$1}').replace(/(.)\/$/, '$1')}`))
      .filter((r) => !r.includes(' /docs'));
    expect(registered.length).toBeGreaterThan(3);
    const undocumented = registered.filter((r) => !documented.has(r));
    expect(undocumented).toEqual([]);
    for (const op of Object.values(res.body.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((o) => Object.values(o))) {
      expect(op.operationId).toBeTruthy();
    }
    // Two DTO classes of one name share one schema in the document: each feature's own shape must be there.
    const schemas = res.body.components.schemas as Record<string, { properties?: Record<string, unknown> }>;
    expect(Object.keys(schemas.ChallengeRankingDto.properties ?? {})).toContain('tieBreakRule');
    expect(Object.keys(schemas.RoadshowRankingDto.properties ?? {})).toEqual(['items']);
    expect(Object.keys(schemas.RecordMatchOutcomeDto.properties ?? {})).toContain('result');
    expect(Object.keys(schemas.RecordMeetingOutcomeDto.properties ?? {})).toContain('happened');
  });

  it('reports 503 with Meilisearch named when Meilisearch stops', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sx-meili-health-'));
    let meili: LaunchedMeilisearch | undefined = await launchMeilisearch({ dataDir, masterKey: 'health-test-master-key', quiet: true });
    const own = await startTestStack({ env: { MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.masterKey } });
    try {
      await request(own.app.getHttpServer()).get('/health').expect(200);
      await meili.stop();
      meili = undefined;
      const res = await request(own.app.getHttpServer()).get('/health').expect(503);
      expect(res.body.details.meilisearch.status).toBe('down');
      expect(res.body.details.postgres.status).toBe('up');
      expect(res.body.details.redis.status).toBe('up');
    } finally {
      await own.close();
      await meili?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('loads the demo data on first start and never duplicates it', async () => {
    const url = new URL(process.env.DATABASE_URL as string);
    url.pathname = `${url.pathname}_seed`;
    const config = { DATABASE_URL: url.toString() };
    await runMigrations(config);
    const dataSource = await new DataSource(dataSourceOptions(config)).initialize();
    try {
      const first = await seedDatabase(dataSource, { demo: true });
      expect(first.loaded).toBe(true);
      const counts = async () => {
        const [row] = await dataSource.query(
          `SELECT (SELECT count(*) FROM organizations)::int AS orgs, (SELECT count(*) FROM scenarios)::int AS scenarios,
                  (SELECT count(*) FROM capabilities)::int AS capabilities, (SELECT count(*) FROM users)::int AS users,
                  (SELECT count(DISTINCT left(region_code, 4)) FROM scenarios WHERE region_code LIKE '33%')::int AS cities,
                  (SELECT count(DISTINCT d) FROM scenarios, unnest(domains) d)::int AS domains`,
        );
        return row;
      };
      const afterFirst = await counts();
      expect(afterFirst.orgs).toBeGreaterThanOrEqual(20);
      expect(afterFirst.scenarios).toBeGreaterThanOrEqual(40);
      expect(afterFirst.capabilities).toBeGreaterThanOrEqual(150);
      expect(afterFirst.cities).toBe(11);
      expect(afterFirst.domains).toBeGreaterThanOrEqual(18);
      const second = await seedDatabase(dataSource, { demo: true });
      expect(second.loaded).toBe(false);
      expect(await counts()).toEqual(afterFirst);
    } finally {
      await dataSource.destroy();
    }
  });
});
