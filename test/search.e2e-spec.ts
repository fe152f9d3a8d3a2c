import { SEARCH_INDEX_KINDS, SearchEngine } from '@app/search';
import request from 'supertest';
import { bearer, createStaffAccount, registerAccount, TestAccount } from './support/fixtures';
import { createCapability, createOrganization, createScenario, publishBatch, waitForDocument } from './support/lists-fixtures';
import { startTestStack, TestStack } from './support/test-app';

interface Hit {
  id: string;
  title: string;
  highlight: Record<string, string>;
  document: Record<string, unknown>;
}

describe('Search (e2e)', () => {
  let stack: TestStack;
  let organizer: TestAccount;
  let scenarioBatch: string;
  let capabilityBatch: string;
  const ids: Record<string, string> = {};
  const http = () => request(stack.app.getHttpServer());
  const search = (query: Record<string, string | number>) => http().get('/api/v1/search').query(query);
  const hitIds = (body: { hits: Hit[] }) => body.hits.map((h) => h.id);

  beforeAll(async () => {
    stack = await startTestStack({ worker: true });
    organizer = await createStaffAccount(stack.app, stack.dataSource, { role: 'organizer', jurisdiction: '330000' });
    const port = await createOrganization(stack.dataSource, { regionCode: '330206', type: '国有企业', roles: ['owner'] });
    const hz = await createOrganization(stack.dataSource, { regionCode: '330106', type: '国有企业', roles: ['owner'] });
    const hospital = await createOrganization(stack.dataSource, { regionCode: '330212', type: '医院', roles: ['owner'], name: '宁波测试康复医院' });
    const s = stack.dataSource;
    ids.patrol = (await createScenario(s, port, { title: '港区智能巡检机器人应用场景', description: '港区码头与堆场需要全天候自主巡检机器人，识别设备异常与安全隐患。', domains: ['具身智能'], budgetMinWan: 100, budgetMaxWan: 300, minTrl: 6, deadline: '2027-03-31', landingConditions: '专用落地条件LANDINGSECRET' })).id;
    ids.hydrogen = (await createScenario(s, hz, { title: '氢燃料电池重卡示范运营场景', description: '物流园区开展氢燃料电池重卡示范运营，需配套加氢保障。', domains: ['氢能和绿色燃料'], tier: '行业领域集成式场景', stage: '融合试验场景', budgetMinWan: 500, budgetMaxWan: 1000, minTrl: 7, deadline: '2026-12-31' })).id;
    ids.bci = (await createScenario(s, hospital, { title: '脑机接口康复训练临床验证', description: '康复科开展脑机接口辅助上肢康复训练的临床验证。', domains: ['脑机接口'], budgetMinWan: null, budgetMaxWan: null, minTrl: null, deadline: null, anonymous: true, stage: '早期验证场景' })).id;
    ids.guide = (await createScenario(s, port, { title: '展馆导览服务场景', description: '在展馆部署具身智能机器人提供讲解导览与问询服务。', domains: ['具身智能'], budgetMinWan: 20, budgetMaxWan: 60, minTrl: 5, deadline: '2027-06-30', tags: ['导览'] })).id;
    // Never public: a draft and a submitted scenario with words nobody else uses.
    await createScenario(s, port, { title: '草稿私密场景甲乙丙', status: 'draft' });
    await createScenario(s, port, { title: '待审私密场景丁戊己', status: 'submitted' });

    const robots = await createOrganization(s, { regionCode: '330211', roles: ['supplier'], name: '宁波测试四足机器人公司', qualifications: [{ name: '高新技术企业', validTo: '2099-12-31' }] });
    const fuel = await createOrganization(s, { regionCode: '330110', roles: ['supplier'], name: '杭州测试氢能科技', qualifications: [{ name: '专精特新中小企业', validTo: '2099-12-31' }] });
    ids.dog = (await createCapability(s, robots, { title: '四足巡检机器人整机', description: '适用于变电站与港区巡检的四足机器人，续航4小时。', domains: ['具身智能'], trl: 8, kind: '产品', priceMinWan: 50, priceMaxWan: 80 })).id;
    ids.stack = (await createCapability(s, fuel, { title: '兆瓦级氢燃料电池系统', description: '面向重卡与船舶的大功率氢燃料电池系统。', domains: ['氢能和绿色燃料'], trl: 6, kind: '解决方案', priceMinWan: 300, priceMaxWan: 600 })).id;

    // Organization profiles are indexed from the outbox like everything else (their API writes these rows).
    for (const org of [robots, fuel]) await s.query(`INSERT INTO outbox_events (aggregate, aggregate_id, event) VALUES ('organization', $1, 'updated')`, [org.id]);
    ids.robots = robots.id;
    scenarioBatch = (await publishBatch(stack.app, organizer, 'scenario', [ids.patrol, ids.hydrogen, ids.bci, ids.guide], { regionCode: '330000' })).id;
    capabilityBatch = (await publishBatch(stack.app, organizer, 'capability', [ids.dog, ids.stack], { regionCode: '330000' })).id;
    for (const id of [ids.patrol, ids.hydrogen, ids.bci, ids.guide]) await waitForDocument(stack.app, 'scenarios', id, (d) => (d.batchIds as string[]).includes(scenarioBatch));
    for (const id of [ids.dog, ids.stack]) await waitForDocument(stack.app, 'capabilities', id, (d) => (d.batchIds as string[]).includes(capabilityBatch));
    await waitForDocument(stack.app, 'organizations', ids.robots);
  });

  afterAll(async () => {
    await stack.close();
  });

  it('finds real Chinese queries with highlighted snippets, without login', async () => {
    const patrol = await search({ q: '巡检机器人', batch: scenarioBatch }).expect(200);
    expect(hitIds(patrol.body)[0]).toBe(ids.patrol);
    expect(patrol.body.hits[0].highlight.title).toContain('<em>');
    expect(patrol.body.hits[0].highlight.title.replace(/<\/?em>/g, '')).toBe('港区智能巡检机器人应用场景');
    expect(patrol.body.hits[0].highlight.summary).toEqual(expect.any(String));

    const hydrogen = await search({ q: '氢燃料电池', batch: scenarioBatch }).expect(200);
    expect(hitIds(hydrogen.body)).toEqual([ids.hydrogen]);
    const bci = await search({ q: '脑机接口', batch: scenarioBatch }).expect(200);
    expect(hitIds(bci.body)).toEqual([ids.bci]);
    expect(bci.body.hits[0].document.ownerDisplayName).toBe('某医院');
    expect(JSON.stringify(bci.body)).not.toContain('宁波测试康复医院');

    const caps = await search({ type: 'capability', q: '氢燃料电池', batch: capabilityBatch }).expect(200);
    expect(hitIds(caps.body)).toEqual([ids.stack]);
    const dog = await search({ type: 'capability', q: '巡检机器人', batch: capabilityBatch }).expect(200);
    expect(hitIds(dog.body)).toEqual([ids.dog]);
  });

  it('applies the shipped synonyms: 人形机器人 finds 具身智能机器人', async () => {
    const res = await search({ q: '人形机器人', batch: scenarioBatch }).expect(200);
    expect(hitIds(res.body)).toEqual([ids.guide]);
  });

  it('filters by region (a city matches its districts), by Ningbo domain names, tier, stage, TRL and budget', async () => {
    const ningbo = await search({ region: '330200', batch: scenarioBatch }).expect(200);
    expect(hitIds(ningbo.body).sort()).toEqual([ids.patrol, ids.bci, ids.guide].sort());
    const district = await search({ region: '330206', batch: scenarioBatch }).expect(200);
    expect(hitIds(district.body).sort()).toEqual([ids.patrol, ids.guide].sort());

    // 未来智能 (Ningbo) covers 具身智能 (Zhejiang); 未来能源 covers 氢能和绿色燃料.
    const smart = await search({ domain: '未来智能', batch: scenarioBatch }).expect(200);
    expect(hitIds(smart.body).sort()).toEqual([ids.patrol, ids.guide].sort());
    const energy = await search({ type: 'capability', domain: '未来能源', batch: capabilityBatch }).expect(200);
    expect(hitIds(energy.body)).toEqual([ids.stack]);
    const both = await search({ domain: '未来能源,脑机接口', batch: scenarioBatch }).expect(200);
    expect(hitIds(both.body).sort()).toEqual([ids.hydrogen, ids.bci].sort());

    expect(hitIds((await search({ tier: '行业领域集成式场景', batch: scenarioBatch }).expect(200)).body)).toEqual([ids.hydrogen]);
    expect(hitIds((await search({ stage: '融合试验场景', batch: scenarioBatch }).expect(200)).body)).toEqual([ids.hydrogen]);
    expect(hitIds((await search({ trlMin: 7, batch: scenarioBatch }).expect(200)).body)).toEqual([ids.hydrogen]);
    expect(hitIds((await search({ trlMax: 5, batch: scenarioBatch }).expect(200)).body)).toEqual([ids.guide]);
    expect(hitIds((await search({ type: 'capability', trlMin: 7, trlMax: 9, batch: capabilityBatch }).expect(200)).body)).toEqual([ids.dog]);
    // Budget ranges overlap; 面议 (no budget) is left out of a budget filter.
    expect(hitIds((await search({ budgetMin: 400, batch: scenarioBatch }).expect(200)).body)).toEqual([ids.hydrogen]);
    expect(hitIds((await search({ budgetMin: 50, budgetMax: 150, batch: scenarioBatch }).expect(200)).body).sort()).toEqual([ids.patrol, ids.guide].sort());
    expect(hitIds((await search({ type: 'capability', budgetMax: 100, batch: capabilityBatch }).expect(200)).body)).toEqual([ids.dog]);
    expect(hitIds((await search({ type: 'capability', qualification: '高新技术企业', batch: capabilityBatch }).expect(200)).body)).toEqual([ids.dog]);
    expect(hitIds((await search({ type: 'capability', kind: '解决方案', batch: capabilityBatch }).expect(200)).body)).toEqual([ids.stack]);
    expect((await search({ status: 'draft', batch: scenarioBatch }).expect(200)).body.total).toBe(0);
    expect((await search({ status: 'published', batch: scenarioBatch }).expect(200)).body.total).toBe(4);
  });

  it('returns facet counts, sorts and paginates', async () => {
    const res = await search({ batch: scenarioBatch }).expect(200);
    expect(res.body.total).toBe(4);
    expect(res.body.facets.domains).toEqual({ 具身智能: 2, 氢能和绿色燃料: 1, 脑机接口: 1 });
    expect(res.body.facets.regionCodes).toMatchObject({ '330000': 4, '330200': 3, '330206': 2, '330100': 1 });
    expect(res.body.facets.stage).toMatchObject({ 早期验证场景: 3, 融合试验场景: 1 });
    const caps = await search({ type: 'capability', batch: capabilityBatch }).expect(200);
    expect(caps.body.facets.qualifications).toEqual({ 高新技术企业: 1, 专精特新中小企业: 1 });
    expect(caps.body.facets.kind).toEqual({ 产品: 1, 解决方案: 1 });

    const byBudget = await search({ batch: scenarioBatch, sort: 'budget:desc' }).expect(200);
    expect(hitIds(byBudget.body).slice(0, 3)).toEqual([ids.hydrogen, ids.patrol, ids.guide]);
    const byDeadline = await search({ batch: scenarioBatch, sort: 'deadline:asc' }).expect(200);
    expect(hitIds(byDeadline.body).slice(0, 3)).toEqual([ids.hydrogen, ids.patrol, ids.guide]);
    await search({ batch: scenarioBatch, sort: 'publishedAt:desc' }).expect(200);

    const first = await search({ batch: scenarioBatch, sort: 'budget:desc', page: 1, pageSize: 2 }).expect(200);
    const second = await search({ batch: scenarioBatch, sort: 'budget:desc', page: 2, pageSize: 2 }).expect(200);
    expect(first.body).toMatchObject({ page: 1, pageSize: 2, total: 4, totalPages: 2 });
    expect([...hitIds(first.body), ...hitIds(second.body)]).toEqual(hitIds(byBudget.body));
  });

  it('searches supplier organizations', async () => {
    const res = await search({ type: 'organization', q: '四足机器人', region: '330200' }).expect(200);
    expect(res.body.hits.map((h: Hit) => h.title)).toContain('宁波测试四足机器人公司');
    expect(res.body.facets).toHaveProperty('regionCodes');
  });

  it('answers bad parameters with 400 field errors, never 500, and quotes whatever reaches a filter', async () => {
    const cases: Array<[Record<string, string | number>, string]> = [
      [{ trlMin: 'abc' }, 'trlMin'],
      [{ trlMin: 0 }, 'trlMin'],
      [{ trlMin: 8, trlMax: 3 }, 'trlMax'],
      [{ budgetMin: -1 }, 'budgetMin'],
      [{ budgetMin: 500, budgetMax: 100 }, 'budgetMax'],
      [{ domain: '不存在的领域' }, 'domain'],
      [{ domain: '具身智能" OR status = "draft' }, 'domain'],
      [{ region: '999999' }, 'region'],
      [{ region: '330200" OR 1=1' }, 'region'],
      [{ type: 'secret' }, 'type'],
      [{ tier: '大场景' }, 'tier'],
      [{ type: 'capability', tier: '小切口高价值场景' }, 'tier'],
      [{ type: 'capability', sort: 'deadline:asc' }, 'sort'],
      [{ type: 'organization', sort: 'budget:asc' }, 'sort'],
      [{ sort: 'title:asc' }, 'sort'],
      [{ status: 'bogus' }, 'status'],
      [{ type: 'scenario', status: 'verified' }, 'status'],
      [{ batch: 'not-a-uuid' }, 'batch'],
      [{ qualification: '世界五百强' }, 'qualification'],
      [{ page: 0 }, 'page'],
      [{ page: 1000, pageSize: 100 }, 'page'],
      [{ pageSize: 101 }, 'pageSize'],
      [{ q: '巡'.repeat(101) }, 'q'],
      [{ unknown: 1 }, 'unknown'],
    ];
    for (const [query, field] of cases) {
      const res = await search(query);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    // Quotes and filter keywords in free text are just text.
    await search({ q: '"巡检" OR status = "draft" \\' }).expect(200);
  });

  it('never puts private fields (contacts, drafts, landing conditions, full descriptions) into any index', async () => {
    const engine = stack.app.get(SearchEngine);
    const owner = await registerAccount(stack.app, { role: 'owner' });
    void owner;
    for (const kind of SEARCH_INDEX_KINDS) {
      const docs = await engine.client.index(engine.indexName(kind)).getDocuments({ limit: 10_000 });
      const text = JSON.stringify(docs.results);
      for (const secret of ['13800000000', 'owner@example.cn', 'LANDINGSECRET', '草稿私密场景甲乙丙', '待审私密场景丁戊己', 'passwordHash', '@test.scenario-exchange.cn']) {
        expect({ kind, leaked: text.includes(secret) ? secret : null }).toEqual({ kind, leaked: null });
      }
      for (const doc of docs.results as Array<Record<string, unknown>>) {
        for (const key of ['contact', 'landingConditions', 'attachments', 'responses', 'creditCode', 'createdBy']) expect(doc).not.toHaveProperty(key);
        if (kind === 'scenarios') {
          expect(doc).not.toHaveProperty('description');
          expect(doc.status).toBe('published');
        }
      }
    }
    const draft = await search({ q: '草稿私密场景甲乙丙' }).expect(200);
    expect(draft.body.hits.map((h: Hit) => h.title)).not.toContain('草稿私密场景甲乙丙');
  });

  it('lets only admins check consistency and trigger a reindex', async () => {
    await http().get('/api/v1/search/consistency').expect(401);
    await http().get('/api/v1/search/consistency').set(bearer(organizer)).expect(403);
    await http().post('/api/v1/search/reindex').set(bearer(organizer)).expect(403);
    const admin = await createStaffAccount(stack.app, stack.dataSource, { role: 'admin' });
    const report = await http().get('/api/v1/search/consistency').set(bearer(admin)).expect(200);
    expect(report.body.indexes.map((r: { kind: string }) => r.kind)).toEqual(['scenarios', 'capabilities', 'organizations']);
    expect(report.body.pendingOutbox).toEqual(expect.any(Number));
    await http().get('/api/v1/search/reindex/no-such-job').set(bearer(admin)).expect(404);
  });
});
