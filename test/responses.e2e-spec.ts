import { Scenario } from '@app/database';
import request from 'supertest';
import { bearer, createStaffAccount, registerAccount, TestAccount } from './support/fixtures';
import { createScenarioRow, publishCapability } from './support/supply-fixtures';
import { startTestStack, TestStack } from './support/test-app';

describe('Responses (bids) to scenarios (e2e)', () => {
  let stack: TestStack;
  let owner: TestAccount;
  let otherOwner: TestAccount;
  let supplierA: TestAccount;
  let supplierB: TestAccount;
  let organizerNingbo: TestAccount;
  let organizerHangzhou: TestAccount;
  let expert: TestAccount;
  let scenario: Scenario;
  let capabilityA: string;
  let capabilityB: string;
  const http = () => request(stack.app.getHttpServer());
  const base = () => `/api/v1/scenarios/${scenario.id}/responses`;

  const proposal = (overrides: Record<string, unknown> = {}) => ({
    approach: '采用重载AGV集群与调度系统，分两期在梅山港区试点。',
    priceWan: 280,
    schedule: '签约后3个月完成一期部署',
    attachments: [{ name: '技术方案.pdf', size: 4096, mimeType: 'application/pdf' }],
    ...overrides,
  });

  const titlesOf = async (account: TestAccount): Promise<Array<{ kind: string; title: string; body: string }>> =>
    (await http().get('/api/v1/notifications').set(bearer(account)).expect(200)).body.items;

  beforeAll(async () => {
    stack = await startTestStack();
    owner = await registerAccount(stack.app, { role: 'owner', regionCode: '330206' });
    otherOwner = await registerAccount(stack.app, { role: 'owner', regionCode: '330206' });
    supplierA = await registerAccount(stack.app, { role: 'supplier', regionCode: '330212' });
    supplierB = await registerAccount(stack.app, { role: 'supplier', regionCode: '330212' });
    organizerNingbo = await createStaffAccount(stack.app, stack.dataSource, { role: 'organizer', jurisdiction: '330200' });
    organizerHangzhou = await createStaffAccount(stack.app, stack.dataSource, { role: 'organizer', jurisdiction: '330100' });
    expert = await createStaffAccount(stack.app, stack.dataSource, { role: 'expert', regionCode: '330200' });
    scenario = await createScenarioRow(stack.dataSource, owner.organizationId, { title: '港口重载运输无人化改造' });
    capabilityA = await publishCapability(stack.app, supplierA, organizerNingbo, { title: 'A的重载AGV' });
    capabilityB = await publishCapability(stack.app, supplierB, organizerNingbo, { title: 'B的调度系统' });
  });

  afterAll(async () => {
    await stack.close();
  });

  it('walks a response from submission to acceptance, one live response per supplier, with notifications and audit', async () => {
    const foreign = await http().post(base()).set(bearer(supplierA)).send(proposal({ capabilityIds: [capabilityB] })).expect(400);
    expect(foreign.body.errors[0].field).toBe('capabilityIds');
    expect(foreign.body.errors[0].messages[0]).toContain('只能关联本单位已发布的能力供给');

    const created = await http().post(base()).set(bearer(supplierA)).send(proposal({ capabilityIds: [capabilityA] })).expect(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({
      status: 'submitted',
      statusLabel: '已提交',
      version: 1,
      priceWan: 280,
      editable: true,
      allowedActions: ['withdraw'],
      scenario: { id: scenario.id, title: '港口重载运输无人化改造', status: 'published' },
      organization: { id: supplierA.organizationId, type: '民营企业' },
      capabilities: [{ id: capabilityA, title: 'A的重载AGV', status: 'published' }],
    });

    const second = await http().post(base()).set(bearer(supplierA)).send(proposal()).expect(409);
    expect(second.body.detail).toContain('已对该场景需求提交了响应');

    const ownerNotes = await titlesOf(owner);
    expect(ownerNotes.find((n) => n.kind === 'response.submitted')).toMatchObject({ title: '场景需求收到新的响应', body: expect.stringContaining('港口重载运输无人化改造') });

    const edited = await http().patch(`${base()}/${id}`).set(bearer(supplierA)).send({ priceWan: null, approach: '调整后的方案：三期实施。', capabilityIds: [] }).expect(200);
    expect(edited.body).toMatchObject({ version: 2, priceWan: null, priceNegotiable: true, approach: '调整后的方案：三期实施。', capabilities: [] });

    await http().post(`${base()}/${id}/shortlist`).set(bearer(supplierA)).send({}).expect(403);
    await http().post(`${base()}/${id}/shortlist`).set(bearer(organizerNingbo)).send({}).expect(403);
    const shortlisted = await http().post(`${base()}/${id}/shortlist`).set(bearer(owner)).send({ comment: '请准备路演材料' }).expect(200);
    expect(shortlisted.body).toMatchObject({ status: 'shortlisted', decisionComment: '请准备路演材料', shortlistedAt: expect.any(String) });
    expect((await titlesOf(supplierA)).find((n) => n.kind === 'response.shortlist')).toMatchObject({ title: '您的响应已入围', body: expect.stringContaining('请准备路演材料') });

    const locked = await http().patch(`${base()}/${id}`).set(bearer(supplierA)).send({ priceWan: 100 }).expect(409);
    expect(locked.body.detail).toContain('已入围');
    expect(locked.body.allowed).toEqual(['withdraw（撤回）']);

    await http().post(`${base()}/${id}/shortlist`).set(bearer(owner)).send({}).expect(409);
    const accepted = await http().post(`${base()}/${id}/accept`).set(bearer(owner)).send({}).expect(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', decidedAt: expect.any(String), allowedActions: [] });
    expect((await titlesOf(supplierA)).map((n) => n.title)).toContain('您的响应已被采纳');
    const late = await http().post(`${base()}/${id}/withdraw`).set(bearer(supplierA)).send({}).expect(409);
    expect(late.body.allowed).toEqual([]);
    // Accepting never closes the scenario; that stays the owner's decision.
    const [row] = await stack.dataSource.query(`SELECT status FROM scenarios WHERE id = $1`, [scenario.id]);
    expect(row.status).toBe('published');

    const audit = await stack.dataSource.query(`SELECT action, actor_user_id FROM audit_entries WHERE entity_type = 'scenario_response' AND entity_id = $1 ORDER BY id`, [id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['response.submitted', 'response.updated', 'response.shortlist', 'response.accept']);
    expect(audit[2].actor_user_id).toBe(owner.userId);
  });

  it('shows the owner every response, a supplier only its own, and nobody else anything', async () => {
    const b = await http().post(base()).set(bearer(supplierB)).send(proposal({ capabilityIds: [capabilityB], priceWan: 199 })).expect(201);
    const [aRow] = await stack.dataSource.query(`SELECT id FROM scenario_responses WHERE scenario_id = $1 AND organization_id = $2`, [scenario.id, supplierA.organizationId]);

    const ownerList = await http().get(base()).set(bearer(owner)).expect(200);
    expect(ownerList.body.items.map((r: { id: string }) => r.id).sort()).toEqual([aRow.id, b.body.id].sort());
    expect(ownerList.body.items.find((r: { id: string }) => r.id === b.body.id).allowedActions).toEqual(['shortlist', 'reject']);

    const aList = await http().get(base()).set(bearer(supplierA)).expect(200);
    expect(aList.body.items.map((r: { id: string }) => r.id)).toEqual([aRow.id]);
    const bList = await http().get(base()).set(bearer(supplierB)).expect(200);
    expect(bList.body.items.map((r: { id: string }) => r.id)).toEqual([b.body.id]);

    await http().get(`${base()}/${b.body.id}`).set(bearer(supplierA)).expect(404);
    await http().get(`${base()}/${aRow.id}`).set(bearer(supplierB)).expect(404);
    await http().patch(`${base()}/${b.body.id}`).set(bearer(supplierA)).send({ priceWan: 1 }).expect(404);
    await http().post(`${base()}/${b.body.id}/withdraw`).set(bearer(supplierA)).send({}).expect(404);

    for (const outsider of [otherOwner, organizerHangzhou, expert]) {
      await http().get(base()).set(bearer(outsider)).expect(404);
      await http().get(`${base()}/${b.body.id}`).set(bearer(outsider)).expect(404);
      await http().post(`${base()}/${b.body.id}/reject`).set(bearer(outsider)).send({}).expect(404);
    }
    await http().get(base()).expect(401);
    await http().get(`${base()}/${b.body.id}`).expect(401);

    // Organizers of the scenario's city read for oversight, nothing more.
    const oversight = await http().get(base()).set(bearer(organizerNingbo)).expect(200);
    expect(oversight.body.total).toBe(2);
    await http().patch(`${base()}/${b.body.id}`).set(bearer(organizerNingbo)).send({ priceWan: 1 }).expect(403);
    await http().patch(`${base()}/${b.body.id}`).set(bearer(owner)).send({ priceWan: 1 }).expect(403);

    // A response id under the wrong scenario is not found either.
    const elsewhere = await createScenarioRow(stack.dataSource, owner.organizationId, { title: '另一个场景' });
    await http().get(`/api/v1/scenarios/${elsewhere.id}/responses/${b.body.id}`).set(bearer(owner)).expect(404);
  });

  it('lets a rejected or withdrawn supplier respond again, and lists a supplier’s own responses across scenarios', async () => {
    const [bRow] = await stack.dataSource.query(`SELECT id FROM scenario_responses WHERE scenario_id = $1 AND organization_id = $2 AND status = 'submitted'`, [
      scenario.id,
      supplierB.organizationId,
    ]);
    const rejected = await http().post(`${base()}/${bRow.id}/reject`).set(bearer(owner)).send({ comment: '预算超出' }).expect(200);
    expect(rejected.body.status).toBe('rejected');
    expect((await titlesOf(supplierB)).find((n) => n.kind === 'response.reject')).toMatchObject({ title: '您的响应未被采纳', body: expect.stringContaining('预算超出') });

    const again = await http().post(base()).set(bearer(supplierB)).send(proposal({ priceWan: 150 })).expect(201);
    await http().post(base()).set(bearer(supplierB)).send(proposal()).expect(409);
    const withdrawn = await http().post(`${base()}/${again.body.id}/withdraw`).set(bearer(supplierB)).send({}).expect(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawnAt: expect.any(String), editable: false });
    expect((await titlesOf(owner)).map((n) => n.title)).toContain('供给方撤回了响应');
    await http().patch(`${base()}/${again.body.id}`).set(bearer(supplierB)).send({ priceWan: 1 }).expect(409);
    await http().post(`${base()}/${again.body.id}/shortlist`).set(bearer(owner)).send({}).expect(409);

    const third = await http().post(base()).set(bearer(supplierB)).send(proposal({ priceWan: 120 })).expect(201);
    const mine = await http().get('/api/v1/responses').set(bearer(supplierB)).expect(200);
    expect(mine.body.total).toBe(3);
    expect(mine.body.items.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining([bRow.id, again.body.id, third.body.id]));
    const live = await http().get('/api/v1/responses').query({ status: 'submitted' }).set(bearer(supplierB)).expect(200);
    expect(live.body.items.map((r: { id: string }) => r.id)).toEqual([third.body.id]);
    await http().get('/api/v1/responses').set(bearer(owner)).expect(403);
  });

  it('refuses responses to scenarios that are not published, to one’s own scenarios, and from non-suppliers', async () => {
    const draft = await createScenarioRow(stack.dataSource, owner.organizationId, { status: 'draft' });
    await http().post(`/api/v1/scenarios/${draft.id}/responses`).set(bearer(supplierA)).send(proposal()).expect(404);
    await http().get(`/api/v1/scenarios/${draft.id}/responses`).set(bearer(supplierA)).expect(404);
    const submitted = await createScenarioRow(stack.dataSource, owner.organizationId, { status: 'submitted' });
    await http().post(`/api/v1/scenarios/${submitted.id}/responses`).set(bearer(supplierA)).send(proposal()).expect(404);
    const closed = await createScenarioRow(stack.dataSource, owner.organizationId, { status: 'closed' });
    const closedRes = await http().post(`/api/v1/scenarios/${closed.id}/responses`).set(bearer(supplierA)).send(proposal()).expect(409);
    expect(closedRes.body.detail).toContain('已关闭');
    await http().post(`/api/v1/scenarios/00000000-0000-4000-8000-000000000000/responses`).set(bearer(supplierA)).send(proposal()).expect(404);

    await http().post(base()).set(bearer(owner)).send(proposal()).expect(403);
    await http().post(base()).set(bearer(organizerNingbo)).send(proposal()).expect(403);
    await http().post(base()).send(proposal()).expect(401);

    const ownScenario = await createScenarioRow(stack.dataSource, supplierA.organizationId, { title: '供给方自己的场景' });
    await http().post(`/api/v1/scenarios/${ownScenario.id}/responses`).set(bearer(supplierA)).send(proposal()).expect(403);

    const invalid = await http().post(base()).set(bearer(supplierA)).send({ approach: '', priceWan: -5, capabilityIds: ['x'], extra: true }).expect(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['approach', 'priceWan', 'capabilityIds', 'extra']));
  });

  it('enforces one live response per supplier in the database, even under concurrent submissions', async () => {
    const fresh = await createScenarioRow(stack.dataSource, owner.organizationId, { title: '并发响应场景' });
    const results = await Promise.all(
      Array.from({ length: 6 }, () => http().post(`/api/v1/scenarios/${fresh.id}/responses`).set(bearer(supplierA)).send(proposal())),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    await expect(
      stack.dataSource.query(`INSERT INTO scenario_responses (scenario_id, organization_id, approach) VALUES ($1, $2, '绕过接口的第二份响应')`, [fresh.id, supplierA.organizationId]),
    ).rejects.toThrow(/uq_scenario_responses_live/);
    // Linked capabilities must belong to the responding organization, also in the database.
    const created = results.find((r) => r.status === 201)!;
    await expect(
      stack.dataSource.query(`INSERT INTO scenario_response_capabilities (response_id, capability_id, organization_id) VALUES ($1, $2, $3)`, [
        created.body.id,
        capabilityB,
        supplierA.organizationId,
      ]),
    ).rejects.toThrow(/fk_src_capability/);
  });
});
