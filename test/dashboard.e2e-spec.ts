import request from 'supertest';
import { challengeBody } from './support/challenges-fixtures';
import { createPublishedEvent } from './support/events-fixtures';
import { bearer, createStaffAccount, registerAccount, TestAccount } from './support/fixtures';
import { createScenario, publishScenarioViaApi } from './support/scenario-fixtures';
import { publishCapability } from './support/supply-fixtures';
import { startTestStack, TestStack } from './support/test-app';

interface Count {
  key: string | null;
  label: string;
  count: number;
}
interface Dashboard {
  scope: { regionCode: string | null; regionName: string; regionGrouping: 'city' | 'district'; from: string | null; to: string | null };
  headline: {
    publishedScenarios: number;
    publishedCapabilities: number;
    eventsHeld: number;
    challengeCalls: number;
    meetingsScheduled: number;
  };
  scenarios: { total: number; byStatus: Count[]; byDomain: Count[]; byRegion: Count[]; byTier: Count[]; byStage: Count[] };
  capabilities: { total: number; byStatus: Count[]; byDomain: Count[]; byRegion: Count[]; byKind: Count[] };
  funnel: { stages: Count[]; mutual: number; dismissed: number; notLanded: number; landedScenarios: number };
}

const countOf = (items: Count[], key: string | null): number => items.find((item) => item.key === key)?.count ?? 0;
const stage = (d: Dashboard, key: string): number => countOf(d.funnel.stages, key);
const funnelOf = (d: Dashboard) => ({
  suggested: stage(d, 'suggested'),
  interested: stage(d, 'interested'),
  meeting: stage(d, 'meeting'),
  landed: stage(d, 'landed'),
  mutual: d.funnel.mutual,
  dismissed: d.funnel.dismissed,
  notLanded: d.funnel.notLanded,
});

describe('Dashboard (organizer console)', () => {
  let stack: TestStack;
  let ningbo: TestAccount;
  let hangzhou: TestAccount;
  let province: TestAccount;
  let admin: TestAccount;
  let owner: TestAccount;
  let supplier: TestAccount;
  let hangzhouOwner: TestAccount;
  let expert: TestAccount;
  let scenarioId: string;
  const capabilityIds: string[] = [];

  const http = () => request(stack.app.getHttpServer());
  const dashboard = async (account: TestAccount, query: Record<string, string> = {}): Promise<Dashboard> => {
    const res = await http().get('/api/v1/dashboard').query(query).set(bearer(account));
    expect(res.status).toBe(200);
    return res.body as Dashboard;
  };
  /** A suggestion as the matching worker stores it; the funnel is then moved only through the match routes. */
  const suggest = async (scenario: string, capability: string): Promise<string> => {
    const [row] = await stack.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO matches (scenario_id, capability_id, score, breakdown, explanation, scoring_version, scenario_version, capability_version, listed_for_scenario)
       VALUES ($1, $2, 0.8, '[]', '领域一致，成熟度满足要求', 'test', 1, 1, true) RETURNING id`,
      [scenario, capability],
    );
    return row.id;
  };
  const act = async (account: TestAccount, matchId: string, action: string, body: Record<string, unknown> = {}) => {
    const res = await http().post(`/api/v1/matches/${matchId}/${action}`).set(bearer(account)).send(body);
    expect({ action, status: res.status, body: res.status === 200 ? undefined : res.body }).toEqual({
      action,
      status: 200,
      body: undefined,
    });
  };

  beforeAll(async () => {
    // The counts cover the whole market, so this file gets a database of its own.
    stack = await startTestStack({ isolated: true });
    ningbo = await createStaffAccount(stack.app, stack.dataSource, { role: 'organizer', jurisdiction: '330200' });
    hangzhou = await createStaffAccount(stack.app, stack.dataSource, { role: 'organizer', jurisdiction: '330100' });
    province = await createStaffAccount(stack.app, stack.dataSource, { role: 'organizer', jurisdiction: '330000' });
    admin = await createStaffAccount(stack.app, stack.dataSource, { role: 'admin' });
    expert = await createStaffAccount(stack.app, stack.dataSource, { role: 'expert' });
    owner = await registerAccount(stack.app, { role: 'owner', regionCode: '330212' });
    supplier = await registerAccount(stack.app, { role: 'supplier', regionCode: '330212' });
    hangzhouOwner = await registerAccount(stack.app, { role: 'owner', regionCode: '330106' });
  });

  afterAll(async () => {
    await stack.close();
  });

  it('counts a scenario and a capability when they are published, by status, domain, district, tier and stage', async () => {
    const before = await dashboard(ningbo);
    expect(before.scope).toMatchObject({
      regionCode: '330200',
      regionName: '浙江省宁波市',
      regionGrouping: 'district',
      from: null,
      to: null,
    });
    expect(before.scenarios.byStatus.map((s) => s.key)).toEqual(['submitted', 'returned', 'approved', 'published', 'closed', 'withdrawn']);
    expect(before.scenarios.byStage.map((s) => s.label)).toEqual(['早期验证场景', '融合试验场景', '综合推广场景']);

    const scenario = await publishScenarioViaApi(stack.app, owner, ningbo, {
      regionCode: '330212',
      domains: ['具身智能', '6G'],
      tier: '行业领域集成式场景',
      stage: '融合试验场景',
    });
    scenarioId = scenario.id;
    for (const title of ['四足巡检机器人', '红外热成像测温系统', '变电站数字孪生平台']) {
      capabilityIds.push(await publishCapability(stack.app, supplier, ningbo, { title }));
    }

    const after = await dashboard(ningbo);
    expect(after.headline.publishedScenarios - before.headline.publishedScenarios).toBe(1);
    expect(after.headline.publishedCapabilities - before.headline.publishedCapabilities).toBe(3);
    expect(after.scenarios.total - before.scenarios.total).toBe(1);
    expect(countOf(after.scenarios.byStatus, 'published') - countOf(before.scenarios.byStatus, 'published')).toBe(1);
    expect(after.scenarios.byStatus.find((s) => s.key === 'published')?.label).toBe('已发布');
    expect(countOf(after.scenarios.byDomain, '具身智能') - countOf(before.scenarios.byDomain, '具身智能')).toBe(1);
    expect(countOf(after.scenarios.byDomain, '6G') - countOf(before.scenarios.byDomain, '6G')).toBe(1);
    // A city organizer sees the city by district, with names.
    expect(after.scenarios.byRegion.find((r) => r.key === '330212')).toMatchObject({ label: '鄞州区' });
    expect(countOf(after.scenarios.byRegion, '330212') - countOf(before.scenarios.byRegion, '330212')).toBe(1);
    expect(countOf(after.scenarios.byTier, '行业领域集成式场景') - countOf(before.scenarios.byTier, '行业领域集成式场景')).toBe(1);
    expect(countOf(after.scenarios.byStage, '融合试验场景') - countOf(before.scenarios.byStage, '融合试验场景')).toBe(1);
    expect(after.capabilities.total - before.capabilities.total).toBe(3);
    expect(countOf(after.capabilities.byStatus, 'published') - countOf(before.capabilities.byStatus, 'published')).toBe(3);
    expect(countOf(after.capabilities.byKind, '产品') - countOf(before.capabilities.byKind, '产品')).toBe(3);
    expect(countOf(after.capabilities.byRegion, '330212') - countOf(before.capabilities.byRegion, '330212')).toBe(3);

    // An owner's draft is private work, not market data.
    await createScenario(stack.app, owner, { regionCode: '330212' });
    expect((await dashboard(ningbo)).scenarios.total).toBe(after.scenarios.total);
  });

  it('moves the funnel suggested → interested → meeting → landed as the parties act on matches', async () => {
    const start = funnelOf(await dashboard(ningbo));
    const [landing, dismissed, notLanding] = [
      await suggest(scenarioId, capabilityIds[0]),
      await suggest(scenarioId, capabilityIds[1]),
      await suggest(scenarioId, capabilityIds[2]),
    ];
    const delta = async () => {
      const now = funnelOf(await dashboard(ningbo));
      return Object.fromEntries(Object.entries(now).map(([key, value]) => [key, value - start[key as keyof typeof start]]));
    };
    expect(await delta()).toEqual({ suggested: 3, interested: 0, meeting: 0, landed: 0, mutual: 0, dismissed: 0, notLanded: 0 });

    await act(owner, landing, 'interest');
    expect(await delta()).toMatchObject({ interested: 1, mutual: 0 });
    await act(supplier, landing, 'interest');
    expect(await delta()).toMatchObject({ interested: 1, mutual: 1, meeting: 0 });
    await act(ningbo, landing, 'meeting');
    expect(await delta()).toMatchObject({ interested: 1, meeting: 1, landed: 0 });
    await act(owner, landing, 'outcome', { result: 'landed', note: '签订试点合同' });
    expect(await delta()).toMatchObject({ suggested: 3, interested: 1, mutual: 1, meeting: 1, landed: 1 });

    await act(supplier, dismissed, 'dismiss', { reason: '技术不匹配' });
    expect(await delta()).toMatchObject({ interested: 1, dismissed: 1, notLanded: 0 });

    // A match that met and then did not land is dismissed now, yet still counts in every stage it reached.
    await act(supplier, notLanding, 'interest');
    await act(owner, notLanding, 'interest');
    await act(supplier, notLanding, 'meeting');
    await act(owner, notLanding, 'outcome', { result: 'not_landed', note: '预算未获批' });
    expect(await delta()).toEqual({ suggested: 3, interested: 2, meeting: 2, landed: 1, mutual: 2, dismissed: 2, notLanded: 1 });

    // The owner's own record of the scenario's outcome is counted apart from the matches.
    const landedBefore = (await dashboard(ningbo)).funnel.landedScenarios;
    await http()
      .post(`/api/v1/scenarios/${scenarioId}/close`)
      .set(bearer(owner))
      .send({ result: 'landed', supplierOrganizationId: supplier.organizationId })
      .expect(200);
    const closed = await dashboard(ningbo);
    expect(closed.funnel.landedScenarios - landedBefore).toBe(1);
    // Closing does not unpublish history: the headline counts what was published in the period.
    expect(countOf(closed.scenarios.byStatus, 'closed')).toBeGreaterThanOrEqual(1);
  });

  it('counts events held and challenge calls issued in the region', async () => {
    const before = (await dashboard(ningbo)).headline;
    const event = await createPublishedEvent(stack, ningbo, { regionCode: '330212' });
    // Published for registration but not yet taken place: not held.
    expect((await dashboard(ningbo)).headline.eventsHeld).toBe(before.eventsHeld);
    await http().post(`/api/v1/events/${event.id}/complete`).set(bearer(ningbo)).expect(200);
    const created = await http().post('/api/v1/challenges').set(bearer(ningbo)).send(challengeBody()).expect(201);
    await http().post(`/api/v1/challenges/${created.body.id}/publish`).set(bearer(ningbo)).expect(200);

    const after = (await dashboard(ningbo)).headline;
    expect(after.eventsHeld - before.eventsHeld).toBe(1);
    expect(after.challengeCalls - before.challengeCalls).toBe(1);
    expect((await dashboard(hangzhou)).headline).toMatchObject({ eventsHeld: 0, challengeCalls: 0 });
  });

  it('narrows to the chosen region and groups a province by city', async () => {
    await publishScenarioViaApi(stack.app, hangzhouOwner, hangzhou, { regionCode: '330106', domains: ['量子科技'] });

    const whole = await dashboard(province);
    expect(whole.scope).toMatchObject({ regionCode: '330000', regionGrouping: 'city' });
    expect(whole.scenarios.byRegion).toEqual(
      expect.arrayContaining([
        { key: '330200', label: '宁波市', count: 1 },
        { key: '330100', label: '杭州市', count: 1 },
      ]),
    );
    expect(whole.scenarios.total).toBe(2);

    const hz = await dashboard(province, { regionCode: '330100' });
    expect(hz.scope).toMatchObject({ regionCode: '330100', regionName: '浙江省杭州市', regionGrouping: 'district' });
    expect(hz.scenarios.total).toBe(1);
    expect(hz.scenarios.byRegion).toEqual([{ key: '330106', label: '西湖区', count: 1 }]);
    expect(hz.scenarios.byDomain).toEqual([{ key: '量子科技', label: '量子科技', count: 1 }]);
    expect(funnelOf(hz).suggested).toBe(0);
    expect(hz.capabilities.total).toBe(0);

    // The Ningbo organizer's own default does not include Hangzhou; a district inside Ningbo is allowed.
    expect((await dashboard(ningbo)).scenarios.byDomain.map((d) => d.key)).not.toContain('量子科技');
    const district = await dashboard(ningbo, { regionCode: '330212' });
    expect(district.scenarios.total).toBe(1);
    expect(funnelOf(district).suggested).toBe(3);

    const everything = await dashboard(admin);
    expect(everything.scope).toMatchObject({ regionCode: null, regionName: '全部地区', regionGrouping: 'city' });
    expect(everything.scenarios.total).toBe(2);
  });

  it('applies the time filter to creation and publication times', async () => {
    const past = await dashboard(ningbo, { from: '2000-01-01', to: '2000-12-31' });
    expect(past.scope).toMatchObject({ from: '1999-12-31T16:00:00.000Z', to: '2000-12-31T16:00:00.000Z' });
    expect(past.scenarios.total).toBe(0);
    expect(past.capabilities.total).toBe(0);
    expect(funnelOf(past).suggested).toBe(0);
    expect(past.headline).toEqual({
      publishedScenarios: 0,
      publishedCapabilities: 0,
      eventsHeld: 0,
      challengeCalls: 0,
      meetingsScheduled: 0,
    });
    expect(past.scenarios.byStage.map((s) => s.count)).toEqual([0, 0, 0]);

    const open = await dashboard(ningbo);
    const now = await dashboard(ningbo, {
      from: new Date(Date.now() - 3600_000).toISOString(),
      to: new Date(Date.now() + 3600_000).toISOString(),
    });
    expect(now.scenarios.total).toBe(open.scenarios.total);
    expect(now.funnel.stages).toEqual(open.funnel.stages);
    expect(now.headline.publishedScenarios).toBe(open.headline.publishedScenarios);
  });

  it('is for organizers of the region and admins only', async () => {
    const other = await http().get('/api/v1/dashboard').query({ regionCode: '330100' }).set(bearer(ningbo)).expect(403);
    expect(other.body.detail).toContain('不在您的管辖范围内');
    await http().get('/api/v1/dashboard').query({ regionCode: '330000' }).set(bearer(ningbo)).expect(403);
    await http().get('/api/v1/dashboard').query({ regionCode: '330200' }).set(bearer(hangzhou)).expect(403);
    for (const account of [owner, supplier, expert]) {
      await http().get('/api/v1/dashboard').set(bearer(account)).expect(403);
    }
    await http().get('/api/v1/dashboard').expect(401);
  });

  it('rejects bad dates and regions with field messages', async () => {
    const bad = await http()
      .get('/api/v1/dashboard')
      .query({ from: '2026-13-45', to: 'yesterday', regionCode: '999999' })
      .set(bearer(ningbo))
      .expect(400);
    const fields = Object.fromEntries(
      (bad.body.errors as Array<{ field: string; messages: string[] }>).map((e) => [e.field, e.messages.join('；')]),
    );
    expect(Object.keys(fields).sort()).toEqual(['from', 'regionCode', 'to']);
    expect(fields.from).toContain('不是有效的日期');
    expect(fields.to).toContain('YYYY-MM-DD');
    expect(fields.regionCode).toContain('行政区划代码');

    const local = await http().get('/api/v1/dashboard').query({ from: '2026-01-01T08:00:00' }).set(bearer(ningbo)).expect(400);
    expect(local.body.errors[0]).toMatchObject({ field: 'from' });

    const reversed = await http().get('/api/v1/dashboard').query({ from: '2026-03-02', to: '2026-03-01' }).set(bearer(ningbo)).expect(400);
    expect(reversed.body.errors).toEqual([{ field: 'to', messages: ['截止日期不能早于起始日期'] }]);

    await http().get('/api/v1/dashboard').query({ status: 'published' }).set(bearer(ningbo)).expect(400);
  });
});
