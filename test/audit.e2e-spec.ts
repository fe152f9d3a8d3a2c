import request from 'supertest';
import { bearer, createStaffAccount, registerAccount, TestAccount } from './support/fixtures';
import { createScenario, publishScenarioViaApi } from './support/scenario-fixtures';
import { startTestStack, TestStack } from './support/test-app';

interface Entry {
  action: string;
  entityId: string;
  regionCode: string | null;
  actorUserId: string | null;
  actorRole: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  comment: string | null;
  createdAt: string;
}

describe('Audit trail (e2e)', () => {
  let stack: TestStack;
  let owner: TestAccount;
  let ningbo: TestAccount;
  let hangzhou: TestAccount;
  let admin: TestAccount;
  let scenarioId: string;
  const http = () => request(stack.app.getHttpServer());

  beforeAll(async () => {
    stack = await startTestStack();
    owner = await registerAccount(stack.app, { role: 'owner', regionCode: '330206' });
    ningbo = await createStaffAccount(stack.app, stack.dataSource, { role: 'organizer', jurisdiction: '330200' });
    hangzhou = await createStaffAccount(stack.app, stack.dataSource, { role: 'organizer', jurisdiction: '330100' });
    admin = await createStaffAccount(stack.app, stack.dataSource, { role: 'admin' });
    scenarioId = (await publishScenarioViaApi(stack.app, owner, ningbo)).id;
    await http()
      .patch(`/api/v1/scenarios/${scenarioId}`)
      .set(bearer(owner))
      .send({ budgetMaxWan: 450, contact: { name: '李工' } })
      .expect(200);
    await http().post(`/api/v1/scenarios/${scenarioId}/comments`).set(bearer(ningbo)).send({ body: '请补充验收指标。' }).expect(201);
  });

  afterAll(async () => {
    await stack.close();
  });

  const trailOf = async (account: TestAccount, query: Record<string, string | number> = {}): Promise<{ items: Entry[]; total: number }> =>
    (
      await http()
        .get('/api/v1/audit')
        .query({ entityType: 'scenario', entityId: scenarioId, pageSize: 100, ...query })
        .set(bearer(account))
        .expect(200)
    ).body;

  it('records who did what, with before and after, for every state change, edit and comment', async () => {
    const { items } = await trailOf(ningbo);
    expect(items.map((e) => e.action).reverse()).toEqual([
      'scenario.create',
      'scenario.submit',
      'scenario.approve',
      'scenario.publish',
      'scenario.edit',
      'scenario.comment',
    ]);
    const approve = items.find((e) => e.action === 'scenario.approve')!;
    expect(approve).toMatchObject({
      actorUserId: ningbo.userId,
      actorRole: 'organizer',
      regionCode: '330206',
      before: { status: 'submitted' },
      after: { status: 'approved' },
    });
    const edit = items.find((e) => e.action === 'scenario.edit')!;
    expect(edit).toMatchObject({
      actorRole: 'owner',
      before: { version: 1, budgetMaxWan: 300 },
      after: { version: 2, budgetMaxWan: 450, contact: '（已填写）' },
    });
    expect(JSON.stringify(items)).not.toContain('李工');
  });

  it('lets organizers read only their jurisdiction; admins read everything; others 403', async () => {
    expect((await trailOf(hangzhou)).total).toBe(0);
    const hzAll = await http().get('/api/v1/audit').query({ pageSize: 100 }).set(bearer(hangzhou)).expect(200);
    expect(hzAll.body.items.every((e: Entry) => e.regionCode !== null && e.regionCode.startsWith('3301'))).toBe(true);
    const nbAll = await http().get('/api/v1/audit').query({ pageSize: 100 }).set(bearer(ningbo)).expect(200);
    expect(nbAll.body.items.every((e: Entry) => e.regionCode !== null && e.regionCode.startsWith('3302'))).toBe(true);
    expect((await trailOf(admin)).total).toBe(6);
    await http().get('/api/v1/audit').set(bearer(owner)).expect(403);
    const supplier = await registerAccount(stack.app, { role: 'supplier' });
    await http().get('/api/v1/audit').set(bearer(supplier)).expect(403);
    await http().get('/api/v1/audit').expect(401);
  });

  it('filters by action (exact or prefix) and time range, and paginates', async () => {
    const approvals = await trailOf(ningbo, { action: 'scenario.approve' });
    expect(approvals.items.map((e) => e.action)).toEqual(['scenario.approve']);
    expect((await trailOf(ningbo, { action: 'scenario.' })).total).toBe(6);
    const future = await trailOf(ningbo, { from: new Date(Date.now() + 3_600_000).toISOString() });
    expect(future.total).toBe(0);
    const past = await trailOf(ningbo, { to: new Date(Date.now() - 3_600_000).toISOString() });
    expect(past.total).toBe(0);
    const page1 = await trailOf(ningbo, { pageSize: 4, page: 1 });
    const page2 = await trailOf(ningbo, { pageSize: 4, page: 2 });
    expect(page1.items).toHaveLength(4);
    expect(page2.items).toHaveLength(2);
    expect(new Set([...page1.items, ...page2.items].map((e) => e.action)).size).toBe(6);
    await http().get('/api/v1/audit').query({ from: 'yesterday' }).set(bearer(ningbo)).expect(400);
    await http().get('/api/v1/audit').query({ pageSize: 1000 }).set(bearer(ningbo)).expect(400);
  });

  it('keeps drafts out of organizer trails and other cities out altogether', async () => {
    const hzOwner = await registerAccount(stack.app, { role: 'owner', regionCode: '330106' });
    const draft = await createScenario(stack.app, hzOwner, { regionCode: '330106' });
    const entries = await http().get('/api/v1/audit').query({ entityId: draft.id }).set(bearer(ningbo)).expect(200);
    expect(entries.body.total).toBe(0);
    // Not even the organizer of the draft's own city reads a draft's history: drafts are private until submitted.
    expect((await http().get('/api/v1/audit').query({ entityId: draft.id }).set(bearer(hangzhou)).expect(200)).body.total).toBe(0);
    expect((await http().get('/api/v1/audit').query({ entityId: draft.id }).set(bearer(admin)).expect(200)).body.total).toBe(1);
    await http().post(`/api/v1/scenarios/${draft.id}/submit`).set(bearer(hzOwner)).send({}).expect(200);
    const afterSubmit = await http().get('/api/v1/audit').query({ entityId: draft.id }).set(bearer(hangzhou)).expect(200);
    expect(afterSubmit.body.items.map((e: Entry) => e.action)).toEqual(['scenario.submit', 'scenario.create']);
    expect((await http().get('/api/v1/audit').query({ entityId: draft.id }).set(bearer(ningbo)).expect(200)).body.total).toBe(0);
  });
});
