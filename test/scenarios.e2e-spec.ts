import request from 'supertest';
import { bearer, createStaffAccount, registerAccount, TestAccount } from './support/fixtures';
import { createScenario, publishScenarioViaApi, scenarioBody } from './support/scenario-fixtures';
import { startTestStack, TestStack } from './support/test-app';

describe('Scenario demands: lifecycle, permissions, refinement (e2e)', () => {
  let stack: TestStack;
  let owner: TestAccount;
  let otherOwner: TestAccount;
  let supplier: TestAccount;
  let ningbo: TestAccount;
  let hangzhou: TestAccount;
  let admin: TestAccount;
  const http = () => request(stack.app.getHttpServer());
  const act = (account: TestAccount, id: string, action: string, body: object = {}) =>
    http().post(`/api/v1/scenarios/${id}/${action}`).set(bearer(account)).send(body);

  beforeAll(async () => {
    stack = await startTestStack();
    owner = await registerAccount(stack.app, { role: 'owner', regionCode: '330206', orgType: '国有企业' });
    otherOwner = await registerAccount(stack.app, { role: 'owner', regionCode: '330206' });
    supplier = await registerAccount(stack.app, { role: 'supplier', regionCode: '330212' });
    ningbo = await createStaffAccount(stack.app, stack.dataSource, { role: 'organizer', jurisdiction: '330200' });
    hangzhou = await createStaffAccount(stack.app, stack.dataSource, { role: 'organizer', jurisdiction: '330100' });
    admin = await createStaffAccount(stack.app, stack.dataSource, { role: 'admin' });
  });

  afterAll(async () => {
    await stack.close();
  });

  describe('creating', () => {
    it('creates a private draft at version 1 with canonical domain names', async () => {
      const res = await http()
        .post('/api/v1/scenarios')
        .set(bearer(owner))
        .send(scenarioBody({ domains: ['具身机器人', '脑机交互'] }))
        .expect(201);
      expect(res.body.domains).toEqual(['具身智能', '脑机接口']);
      expect(res.body).toMatchObject({
        status: 'draft',
        version: 1,
        detailLevel: 'private',
        regionName: '宁波市北仑区',
        allowedActions: ['submit', 'withdraw'],
      });
      expect(res.body.contact).toMatchObject({ name: '张工' });
      expect(res.body.owner).toMatchObject({ organizationId: owner.organizationId, anonymous: false });
    });

    it('rejects invalid fields with Chinese field messages', async () => {
      const res = await http()
        .post('/api/v1/scenarios')
        .set(bearer(owner))
        .send(
          scenarioBody({
            domains: ['外星科技'],
            regionCode: '999999',
            minTrl: 12,
            tier: '超大场景',
            deadline: '2026-13-45',
            budgetMinWan: -1,
            extra: true,
          }),
        )
        .expect(400);
      const fields = Object.fromEntries(
        res.body.errors.map((e: { field: string; messages: string[] }) => [e.field, e.messages.join('；')]),
      );
      expect(Object.keys(fields)).toEqual(
        expect.arrayContaining(['domains', 'regionCode', 'minTrl', 'tier', 'deadline', 'budgetMinWan', 'extra']),
      );
      expect(fields.domains).toContain('外星科技');
      expect(fields.regionCode).toContain('行政区划代码');
      expect(fields.minTrl).toContain('TRL');
      const range = await http()
        .post('/api/v1/scenarios')
        .set(bearer(owner))
        .send(scenarioBody({ budgetMinWan: 500, budgetMaxWan: 100 }))
        .expect(400);
      expect(range.body.errors[0]).toMatchObject({ field: 'budgetMaxWan', messages: ['预算上限不能小于预算下限'] });
    });

    it('lets only scenario owners create: supplier and organizer 403, anonymous 401', async () => {
      await http().post('/api/v1/scenarios').set(bearer(supplier)).send(scenarioBody()).expect(403);
      await http().post('/api/v1/scenarios').set(bearer(ningbo)).send(scenarioBody()).expect(403);
      await http().post('/api/v1/scenarios').send(scenarioBody()).expect(401);
    });
  });

  describe('lifecycle', () => {
    it('draft → submitted → approved → published → closed (已落地 with the supplier chosen)', async () => {
      const created = await createScenario(stack.app, owner);
      const submitted = await act(owner, created.id, 'submit').expect(200);
      expect(submitted.body).toMatchObject({ status: 'submitted', statusLabel: '已提交待审核' });
      expect(submitted.body.readiness.every((i: { ok: boolean }) => i.ok)).toBe(true);
      const inQueue = await http().get('/api/v1/scenarios').query({ status: 'submitted', pageSize: 100 }).set(bearer(ningbo)).expect(200);
      expect(inQueue.body.items.map((s: { id: string }) => s.id)).toContain(created.id);
      expect((await act(ningbo, created.id, 'approve', { comment: '需求清晰' }).expect(200)).body.status).toBe('approved');
      const published = await act(ningbo, created.id, 'publish').expect(200);
      expect(published.body).toMatchObject({ status: 'published', allowedActions: ['close', 'withdraw'] });
      expect(published.body.publishedAt).toEqual(expect.any(String));
      const closed = await act(owner, created.id, 'close', { result: 'landed', supplierOrganizationId: supplier.organizationId }).expect(
        200,
      );
      expect(closed.body).toMatchObject({
        status: 'closed',
        outcome: { result: 'landed', resultLabel: '已落地', supplierOrganizationId: supplier.organizationId },
      });
      expect(closed.body.closedAt).toEqual(expect.any(String));
    });

    it('closes as 未落地 only with a reason, and 已落地 only with an existing supplier', async () => {
      const s = await publishScenarioViaApi(stack.app, owner, ningbo);
      const noReason = await act(owner, s.id, 'close', { result: 'not_landed' }).expect(400);
      expect(noReason.body.errors.map((e: { field: string }) => e.field)).toContain('reason');
      await act(owner, s.id, 'close', { result: 'landed' }).expect(400);
      const ghost = await act(owner, s.id, 'close', {
        result: 'landed',
        supplierOrganizationId: '00000000-0000-4000-8000-000000000000',
      }).expect(400);
      expect(ghost.body.errors[0].messages[0]).toContain('不存在');
      const closed = await act(ningbo, s.id, 'close', { result: 'not_landed', reason: '预算调整，项目暂缓' }).expect(200);
      expect(closed.body.outcome).toMatchObject({ result: 'not_landed', reason: '预算调整，项目暂缓' });
    });

    it('returns for 需二次诊断 with the readiness items named; the owner fixes and resubmits', async () => {
      const created = await createScenario(stack.app, owner, {
        description: '需要巡检机器人。',
        tags: [],
        landingConditions: null,
        budgetMinWan: null,
        budgetMaxWan: null,
        minTrl: null,
        deadline: null,
      });
      const submitted = await act(owner, created.id, 'submit').expect(200);
      const missing = submitted.body.readiness.filter((i: { ok: boolean }) => !i.ok).map((i: { key: string }) => i.key);
      expect(missing).toEqual(['problem', 'core_needs', 'landing_conditions', 'budget', 'timeline', 'expected_trl']);
      const organizerView = await http().get(`/api/v1/scenarios/${created.id}`).set(bearer(ningbo)).expect(200);
      expect(organizerView.body.readiness.find((i: { key: string }) => i.key === 'budget')).toMatchObject({
        ok: false,
        label: '预算区间或「面议」',
      });

      await act(ningbo, created.id, 'return', { comment: '请补充落地条件和预算', items: ['nonsense'] }).expect(400);
      const returned = await act(ningbo, created.id, 'return', {
        comment: '请补充落地条件和预算',
        items: ['landing_conditions', 'budget'],
      }).expect(200);
      expect(returned.body).toMatchObject({ status: 'returned', allowedActions: ['withdraw'] });
      expect((await http().get(`/api/v1/scenarios/${created.id}`).set(bearer(owner)).expect(200)).body.allowedActions).toEqual([
        'submit',
        'withdraw',
      ]);
      const thread = await http().get(`/api/v1/scenarios/${created.id}/comments`).set(bearer(owner)).expect(200);
      expect(thread.body).toEqual([
        expect.objectContaining({
          kind: 'return',
          body: '请补充落地条件和预算',
          items: ['landing_conditions', 'budget'],
          itemLabels: ['落地条件（场地、数据、配套）', '预算区间或「面议」'],
          authorRole: 'organizer',
        }),
      ]);
      const notes = await http().get('/api/v1/notifications').set(bearer(owner)).expect(200);
      expect(notes.body.items.map((n: { title: string }) => n.title)).toContain(`场景需求「${created.title}」被退回修改`);

      await http()
        .patch(`/api/v1/scenarios/${created.id}`)
        .set(bearer(owner))
        .send({
          description: scenarioBody().description,
          landingConditions: '提供试点站点和历史数据。',
          budgetNegotiable: true,
          minTrl: 5,
          deadline: '2099-01-01',
          tags: ['巡检'],
        })
        .expect(200);
      const resubmitted = await act(owner, created.id, 'submit').expect(200);
      expect(resubmitted.body.readiness.filter((i: { ok: boolean }) => !i.ok)).toEqual([]);
      expect(resubmitted.body.budgetNegotiable).toBe(true);
      expect((await act(ningbo, created.id, 'approve').expect(200)).body.status).toBe('approved');
    });

    it('withdraws from draft, approved and published', async () => {
      const draft = await createScenario(stack.app, owner);
      expect((await act(owner, draft.id, 'withdraw').expect(200)).body.status).toBe('withdrawn');
      const approved = await createScenario(stack.app, owner);
      await act(owner, approved.id, 'submit').expect(200);
      await act(ningbo, approved.id, 'approve').expect(200);
      expect((await act(owner, approved.id, 'withdraw').expect(200)).body.status).toBe('withdrawn');
      const published = await publishScenarioViaApi(stack.app, owner, ningbo);
      expect((await act(ningbo, published.id, 'withdraw', { comment: '业主方要求下架' }).expect(200)).body.status).toBe('withdrawn');
      await http().get(`/api/v1/scenarios/${published.id}`).expect(404);
    });

    it('answers illegal transitions with 409 naming the allowed actions', async () => {
      const s = await createScenario(stack.app, owner);
      await act(owner, s.id, 'submit').expect(200);
      const twice = await act(owner, s.id, 'submit').expect(409);
      expect(twice.body.type).toContain('illegal-transition');
      expect(twice.body.allowed).toEqual(['return（退回修改）', 'approve（审核通过）', 'withdraw（撤回）']);
      const early = await act(ningbo, s.id, 'publish').expect(409);
      expect(early.body.detail).toContain('已提交待审核');
      expect((await act(ningbo, s.id, 'close', { result: 'not_landed', reason: '无' }).expect(409)).body.allowed).toContain(
        'approve（审核通过）',
      );
      await act(owner, s.id, 'withdraw').expect(200);
      const afterWithdraw = await act(owner, s.id, 'submit').expect(409);
      expect(afterWithdraw.body.allowed).toEqual([]);
    });

    it('refuses a role that may never take an action with 403', async () => {
      const s = await createScenario(stack.app, owner);
      await act(owner, s.id, 'submit').expect(200);
      await act(owner, s.id, 'approve').expect(403);
      await act(owner, s.id, 'return', { comment: '自己退回' }).expect(403);
      await act(ningbo, s.id, 'submit').expect(403);
      await act(supplier, s.id, 'withdraw').expect(403);
    });
  });

  describe('who sees what', () => {
    let draftId: string;
    let submittedId: string;

    beforeAll(async () => {
      draftId = (await createScenario(stack.app, owner)).id;
      submittedId = (await createScenario(stack.app, owner)).id;
      await act(owner, submittedId, 'submit').expect(200);
    });

    it('keeps drafts private to the owner organization', async () => {
      await http().get(`/api/v1/scenarios/${draftId}`).set(bearer(owner)).expect(200);
      for (const account of [otherOwner, supplier, ningbo]) {
        await http().get(`/api/v1/scenarios/${draftId}`).set(bearer(account)).expect(404);
      }
      await http().get(`/api/v1/scenarios/${draftId}`).expect(404);
      const queue = await http().get('/api/v1/scenarios').query({ pageSize: 100 }).set(bearer(ningbo)).expect(200);
      expect(queue.body.items.map((s: { id: string }) => s.id)).not.toContain(draftId);
      const all = await http().get('/api/v1/scenarios').query({ pageSize: 100, status: 'draft' }).set(bearer(admin)).expect(200);
      expect(all.body.items.map((s: { id: string }) => s.id)).toContain(draftId);
    });

    it("gives another owner 404 on every route of someone else's scenario", async () => {
      await http().get(`/api/v1/scenarios/${submittedId}`).set(bearer(otherOwner)).expect(404);
      await http().patch(`/api/v1/scenarios/${submittedId}`).set(bearer(otherOwner)).send({ title: '改一下' }).expect(404);
      await act(otherOwner, submittedId, 'withdraw').expect(404);
      await http().get(`/api/v1/scenarios/${submittedId}/comments`).set(bearer(otherOwner)).expect(404);
      await http().get(`/api/v1/scenarios/${submittedId}/versions`).set(bearer(otherOwner)).expect(404);
      const mine = await http().get('/api/v1/scenarios').query({ pageSize: 100 }).set(bearer(otherOwner)).expect(200);
      expect(mine.body.items.map((s: { id: string }) => s.id)).not.toContain(submittedId);
    });

    it('gives an organizer of another city 404 outside their jurisdiction', async () => {
      await http().get(`/api/v1/scenarios/${submittedId}`).set(bearer(hangzhou)).expect(404);
      await act(hangzhou, submittedId, 'approve').expect(404);
      await act(hangzhou, submittedId, 'return', { comment: '不是我管的' }).expect(404);
      await http().post(`/api/v1/scenarios/${submittedId}/comments`).set(bearer(hangzhou)).send({ body: '越权评论' }).expect(404);
      const queue = await http().get('/api/v1/scenarios').query({ status: 'submitted', pageSize: 100 }).set(bearer(hangzhou)).expect(200);
      expect(queue.body.items.map((s: { id: string }) => s.id)).not.toContain(submittedId);
      // A district organizer of 北仑区 oversees it too (the city and its districts).
      const beilun = await createStaffAccount(stack.app, stack.dataSource, { role: 'organizer', jurisdiction: '330206' });
      await http().get(`/api/v1/scenarios/${submittedId}`).set(bearer(beilun)).expect(200);
      const yinzhou = await createStaffAccount(stack.app, stack.dataSource, { role: 'organizer', jurisdiction: '330212' });
      await http().get(`/api/v1/scenarios/${submittedId}`).set(bearer(yinzhou)).expect(404);
    });

    it('lists only published summaries publicly, without contacts or full text', async () => {
      const published = await publishScenarioViaApi(stack.app, owner, ningbo);
      const list = await http().get('/api/v1/scenarios').query({ pageSize: 100 }).expect(200);
      const ids = list.body.items.map((s: { id: string }) => s.id);
      expect(ids).toContain(published.id);
      expect(ids).not.toContain(submittedId);
      expect(list.body.items.every((s: { status: string }) => s.status === 'published')).toBe(true);
      const item = list.body.items.find((s: { id: string }) => s.id === published.id);
      expect(item).toMatchObject({ detailLevel: 'summary', contact: null, description: null, landingConditions: null });
      expect(item.summary).toContain('核心需求');
      const ownerPublicView = await http().get('/api/v1/scenarios').query({ public: 'true', pageSize: 100 }).set(bearer(owner)).expect(200);
      expect(ownerPublicView.body.items.every((s: { detailLevel: string }) => s.detailLevel === 'summary')).toBe(true);
      await http().get('/api/v1/scenarios/not-a-uuid').expect(400);
    });
  });

  describe('refinement', () => {
    it('keeps a version per edit and diffs any two versions, word by word for long text', async () => {
      const s = await createScenario(stack.app, owner, { description: '需要在变电站部署四足巡检机器人，实现夜间巡检。' });
      await act(owner, s.id, 'submit').expect(200);
      const v2 = await http()
        .patch(`/api/v1/scenarios/${s.id}`)
        .set(bearer(owner))
        .send({ description: '需要在变电站部署人形巡检机器人，实现全天候巡检。', expectedVersion: 1 })
        .expect(200);
      expect(v2.body.version).toBe(2);
      const v3 = await http()
        .patch(`/api/v1/scenarios/${s.id}`)
        .set(bearer(ningbo))
        .send({ budgetMaxWan: 500, tier: '行业领域集成式场景' })
        .expect(200);
      expect(v3.body.version).toBe(3);
      const unchanged = await http().patch(`/api/v1/scenarios/${s.id}`).set(bearer(owner)).send({ budgetMaxWan: 500 }).expect(200);
      expect(unchanged.body.version).toBe(3);
      await http().patch(`/api/v1/scenarios/${s.id}`).set(bearer(owner)).send({ title: '过期修改', expectedVersion: 2 }).expect(409);
      await http().patch(`/api/v1/scenarios/${s.id}`).set(bearer(owner)).send({ title: null }).expect(400);

      const versions = await http().get(`/api/v1/scenarios/${s.id}/versions`).set(bearer(ningbo)).expect(200);
      expect(versions.body.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
      expect(versions.body[0]).toMatchObject({ changedFields: ['tier', 'budgetMaxWan'], editorRole: 'organizer' });

      const diff = await http().get(`/api/v1/scenarios/${s.id}/versions/diff`).query({ from: 1, to: 3 }).set(bearer(ningbo)).expect(200);
      expect(diff.body.changes.map((c: { field: string }) => c.field)).toEqual(['description', 'tier', 'budgetMaxWan']);
      const description = diff.body.changes[0];
      expect(description.textDiff).toEqual(
        expect.arrayContaining([
          { op: 'delete', text: '四足' },
          { op: 'insert', text: '人形' },
          { op: 'delete', text: '夜间' },
          { op: 'insert', text: '全天候' },
        ]),
      );
      expect(diff.body.changes[2]).toMatchObject({ label: '预算上限（万元）', before: 300, after: 500, textDiff: null });
      await http().get(`/api/v1/scenarios/${s.id}/versions/diff`).query({ from: 1, to: 9 }).set(bearer(ningbo)).expect(404);
      await http().get(`/api/v1/scenarios/${s.id}/versions/diff`).query({ from: 'x', to: 2 }).set(bearer(ningbo)).expect(400);
    });

    it('backfills the first snapshot of a scenario imported outside the API on its first edit', async () => {
      const [{ id }] = await stack.dataSource.query(
        `INSERT INTO scenarios (organization_id, title, description, domains, region_code, status, submitted_at)
         VALUES ($1, '导入的场景需求', '来自区县汇总表', '{具身智能}', '330206', 'submitted', now()) RETURNING id`,
        [owner.organizationId],
      );
      await http().patch(`/api/v1/scenarios/${id}`).set(bearer(ningbo)).send({ description: '来自区县汇总表，经主办方凝练。' }).expect(200);
      const diff = await http().get(`/api/v1/scenarios/${id}/versions/diff`).query({ from: 1, to: 2 }).set(bearer(owner)).expect(200);
      expect(diff.body.changes).toEqual([
        expect.objectContaining({ field: 'description', before: '来自区县汇总表', after: '来自区县汇总表，经主办方凝练。' }),
      ]);
    });

    it('runs a comment thread between organizer and owner only', async () => {
      const s = await createScenario(stack.app, owner);
      await act(owner, s.id, 'submit').expect(200);
      await http().post(`/api/v1/scenarios/${s.id}/comments`).set(bearer(ningbo)).send({ body: '识别准确率请给出具体指标。' }).expect(201);
      await http().post(`/api/v1/scenarios/${s.id}/comments`).set(bearer(owner)).send({ body: '表计识别准确率不低于 98%。' }).expect(201);
      await http().post(`/api/v1/scenarios/${s.id}/comments`).set(bearer(owner)).send({ body: '' }).expect(400);
      const thread = await http().get(`/api/v1/scenarios/${s.id}/comments`).set(bearer(ningbo)).expect(200);
      expect(thread.body.map((c: { authorRole: string; body: string }) => [c.authorRole, c.body])).toEqual([
        ['organizer', '识别准确率请给出具体指标。'],
        ['owner', '表计识别准确率不低于 98%。'],
      ]);
      await http().get(`/api/v1/scenarios/${s.id}/comments`).set(bearer(supplier)).expect(404);
    });

    it('limits edits by state and side', async () => {
      const s = await publishScenarioViaApi(stack.app, owner, ningbo);
      await http().patch(`/api/v1/scenarios/${s.id}`).set(bearer(ningbo)).send({ title: '主办方不能改已发布' }).expect(409);
      await http().patch(`/api/v1/scenarios/${s.id}`).set(bearer(supplier)).send({ title: '供给方' }).expect(403);
      const edited = await http().patch(`/api/v1/scenarios/${s.id}`).set(bearer(owner)).send({ deadline: '2099-12-31' }).expect(200);
      expect(edited.body.version).toBe(2);
      const outbox = await stack.dataSource.query(`SELECT event FROM outbox_events WHERE aggregate_id = $1 ORDER BY id`, [s.id]);
      expect(outbox.map((r: { event: string }) => r.event)).toEqual(['published', 'updated']);
      await act(owner, s.id, 'close', { result: 'not_landed', reason: '需求取消' }).expect(200);
      const closed = await http().patch(`/api/v1/scenarios/${s.id}`).set(bearer(owner)).send({ title: '关闭后修改' }).expect(409);
      expect(closed.body.detail).toContain('已关闭');
      const hz = await createScenario(stack.app, owner);
      await act(owner, hz.id, 'submit').expect(200);
      await http().patch(`/api/v1/scenarios/${hz.id}`).set(bearer(ningbo)).send({ regionCode: '330102' }).expect(403);
    });
  });
});
