import { SearchEngine } from '@app/search';
import request from 'supertest';
import { bearer, createStaffAccount, registerAccount, TestAccount, uniqueSuffix } from './support/fixtures';
import { capabilityBody, publishCapability } from './support/supply-fixtures';
import { eventually, startTestStack, TestStack } from './support/test-app';

const INDEX_WAIT_MS = 45_000;

describe('Capability supplies (e2e)', () => {
  let stack: TestStack;
  let supplier: TestAccount;
  let otherSupplier: TestAccount;
  let owner: TestAccount;
  let organizerNingbo: TestAccount;
  let organizerHangzhou: TestAccount;
  const http = () => request(stack.app.getHttpServer());

  beforeAll(async () => {
    stack = await startTestStack({ worker: true });
    supplier = await registerAccount(stack.app, { role: 'supplier', regionCode: '330212' });
    otherSupplier = await registerAccount(stack.app, { role: 'supplier', regionCode: '330212' });
    owner = await registerAccount(stack.app, { role: 'owner', regionCode: '330212' });
    organizerNingbo = await createStaffAccount(stack.app, stack.dataSource, { role: 'organizer', jurisdiction: '330200' });
    organizerHangzhou = await createStaffAccount(stack.app, stack.dataSource, { role: 'organizer', jurisdiction: '330100' });
  });

  afterAll(async () => {
    await stack.close();
  });

  const auditActions = async (id: string): Promise<string[]> =>
    (await stack.dataSource.query(`SELECT action FROM audit_entries WHERE entity_type = 'capability' AND entity_id = $1 ORDER BY id`, [id])).map(
      (r: { action: string }) => r.action,
    );

  it('walks draft → submitted → returned → submitted → verified → published → archived, with audit and notifications', async () => {
    const created = await http().post('/api/v1/capabilities').set(bearer(supplier)).send(capabilityBody({ regionCode: undefined })).expect(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({
      status: 'draft',
      statusLabel: '草稿',
      version: 1,
      regionCode: '330212',
      regionName: '宁波市鄞州区',
      priceNegotiable: false,
      allowedActions: ['submit', 'archive'],
      organization: { id: supplier.organizationId, type: '民营企业', regionCode: '330212', verified: false, casesCount: 0, qualifications: [] },
    });

    await http().post(`/api/v1/capabilities/${id}/submit`).set(bearer(supplier)).send({}).expect(200);
    const underReview = await http().patch(`/api/v1/capabilities/${id}`).set(bearer(supplier)).send({ title: '改个名字' }).expect(409);
    expect(underReview.body.detail).toContain('核验中');

    const noComment = await http().post(`/api/v1/capabilities/${id}/return`).set(bearer(organizerNingbo)).send({}).expect(400);
    expect(noComment.body.errors[0]).toMatchObject({ field: 'comment', messages: ['退回修改时必须填写意见'] });
    const returned = await http().post(`/api/v1/capabilities/${id}/return`).set(bearer(organizerNingbo)).send({ comment: '请补充第三方检测报告' }).expect(200);
    expect(returned.body.status).toBe('returned');
    const notes = await http().get('/api/v1/notifications').set(bearer(supplier)).expect(200);
    expect(notes.body.items.map((n: { title: string; body: string }) => `${n.title}|${n.body}`)).toContainEqual(expect.stringContaining('能力供给被退回修改|'));
    expect(notes.body.items.find((n: { kind: string }) => n.kind === 'capability.return').body).toContain('请补充第三方检测报告');

    const edited = await http().patch(`/api/v1/capabilities/${id}`).set(bearer(supplier)).send({ description: '已补充检测报告。', priceMinWan: null, priceMaxWan: null }).expect(200);
    expect(edited.body).toMatchObject({ version: 2, description: '已补充检测报告。', priceNegotiable: true, status: 'returned' });

    await http().post(`/api/v1/capabilities/${id}/submit`).set(bearer(supplier)).send({}).expect(200);
    const organizerNotes = await http().get('/api/v1/notifications').set(bearer(organizerNingbo)).expect(200);
    expect(organizerNotes.body.items.some((n: { kind: string; link: string }) => n.kind === 'capability.submitted' && n.link === `/capabilities/${id}`)).toBe(true);
    const verified = await http().post(`/api/v1/capabilities/${id}/verify`).set(bearer(organizerNingbo)).send({}).expect(200);
    expect(verified.body.status).toBe('verified');
    expect(verified.body.allowedActions).toEqual(['publish', 'archive']);

    const illegal = await http().post(`/api/v1/capabilities/${id}/submit`).set(bearer(supplier)).send({}).expect(409);
    expect(illegal.body.title).toBe('当前状态不允许此操作');
    expect(illegal.body.allowed).toEqual(['publish（发布）', 'archive（归档）']);

    await http().get(`/api/v1/capabilities/${id}`).expect(404);
    const published = await http().post(`/api/v1/capabilities/${id}/publish`).set(bearer(supplier)).send({}).expect(200);
    expect(published.body.publishedAt).toEqual(expect.any(String));
    const publicView = await http().get(`/api/v1/capabilities/${id}`).expect(200);
    expect(publicView.body).toMatchObject({ status: 'published', organization: { id: supplier.organizationId }, allowedActions: [] });

    await http().post(`/api/v1/capabilities/${id}/archive`).set(bearer(supplier)).send({}).expect(200);
    await http().get(`/api/v1/capabilities/${id}`).expect(404);
    const final = await http().post(`/api/v1/capabilities/${id}/publish`).set(bearer(supplier)).send({}).expect(409);
    expect(final.body.allowed).toEqual([]);
    await http().patch(`/api/v1/capabilities/${id}`).set(bearer(supplier)).send({ title: '复活' }).expect(409);

    expect(await auditActions(id)).toEqual([
      'capability.created',
      'capability.submit',
      'capability.return',
      'capability.updated',
      'capability.submit',
      'capability.verify',
      'capability.publish',
      'capability.archive',
    ]);
    const [returnAudit] = await stack.dataSource.query(`SELECT actor_user_id, actor_role, comment, before, after FROM audit_entries WHERE entity_id = $1 AND action = 'capability.return'`, [id]);
    expect(returnAudit).toMatchObject({ actor_user_id: organizerNingbo.userId, actor_role: 'organizer', comment: '请补充第三方检测报告', before: { status: 'submitted' }, after: { status: 'returned' } });
  });

  it('keeps drafts private and refuses the wrong side', async () => {
    const { body } = await http().post('/api/v1/capabilities').set(bearer(supplier)).send(capabilityBody()).expect(201);
    const id = body.id;
    // Another supplier, the public and an organizer elsewhere cannot tell the draft exists.
    await http().get(`/api/v1/capabilities/${id}`).set(bearer(otherSupplier)).expect(404);
    await http().get(`/api/v1/capabilities/${id}`).expect(404);
    await http().get(`/api/v1/capabilities/${id}`).set(bearer(organizerHangzhou)).expect(404);
    await http().patch(`/api/v1/capabilities/${id}`).set(bearer(otherSupplier)).send({ title: '抢注' }).expect(404);
    await http().post(`/api/v1/capabilities/${id}/submit`).set(bearer(otherSupplier)).send({}).expect(404);
    // An organizer of the supplier's city sees it but edits nothing.
    await http().get(`/api/v1/capabilities/${id}`).set(bearer(organizerNingbo)).expect(200);
    await http().patch(`/api/v1/capabilities/${id}`).set(bearer(organizerNingbo)).send({ title: '主办方改写' }).expect(403);
    // Owners never create capabilities; suppliers never verify them.
    await http().post('/api/v1/capabilities').set(bearer(owner)).send(capabilityBody()).expect(403);
    await http().post('/api/v1/capabilities').send(capabilityBody()).expect(401);
    await http().post(`/api/v1/capabilities/${id}/submit`).set(bearer(supplier)).send({}).expect(200);
    await http().post(`/api/v1/capabilities/${id}/verify`).set(bearer(supplier)).send({}).expect(403);
    await http().post(`/api/v1/capabilities/${id}/verify`).set(bearer(organizerHangzhou)).send({}).expect(404);
    await http().post(`/api/v1/capabilities/${id}/verify`).set(bearer(organizerNingbo)).send({}).expect(200);
    await http().post(`/api/v1/capabilities/${id}/publish`).set(bearer(organizerNingbo)).send({}).expect(200);
    // Published: readable by all, still editable only by its own supplier.
    await http().get(`/api/v1/capabilities/${id}`).set(bearer(otherSupplier)).expect(200);
    await http().patch(`/api/v1/capabilities/${id}`).set(bearer(otherSupplier)).send({ title: '抢注' }).expect(403);
    await http().post(`/api/v1/capabilities/${id}/archive`).set(bearer(otherSupplier)).send({}).expect(403);
    await http().post(`/api/v1/capabilities/${id}/archive`).set(bearer(organizerHangzhou)).send({}).expect(403);
    await http().get('/api/v1/capabilities/not-a-uuid').expect(400);
  });

  it('validates input with Chinese field messages', async () => {
    const res = await http()
      .post('/api/v1/capabilities')
      .set(bearer(supplier))
      .send({ title: '', kind: '魔法', trl: 12, domains: ['炼金术'], regionCode: '999999', priceMinWan: -1, attachments: [{ size: 1 }], secret: 1 })
      .expect(400);
    const fields = Object.fromEntries(res.body.errors.map((e: { field: string; messages: string[] }) => [e.field, e.messages.join('；')]));
    expect(Object.keys(fields)).toEqual(expect.arrayContaining(['title', 'kind', 'trl', 'domains', 'regionCode', 'priceMinWan', 'attachments[0].name', 'secret']));
    expect(fields.trl).toContain('技术成熟度');
    expect(fields.domains).toContain('炼金术');
    expect(fields.regionCode).toContain('行政区划代码');
    const range = await http().post('/api/v1/capabilities').set(bearer(supplier)).send(capabilityBody({ priceMinWan: 500, priceMaxWan: 100 })).expect(400);
    expect(range.body.errors[0]).toMatchObject({ field: 'priceMaxWan', messages: ['报价上限不能低于报价下限'] });
  });

  it('lists what each caller may read', async () => {
    const tag = uniqueSuffix();
    const draft = await http().post('/api/v1/capabilities').set(bearer(otherSupplier)).send(capabilityBody({ title: `列表草稿${tag}` })).expect(201);
    const submitted = await http().post('/api/v1/capabilities').set(bearer(otherSupplier)).send(capabilityBody({ title: `列表待核验${tag}` })).expect(201);
    await http().post(`/api/v1/capabilities/${submitted.body.id}/submit`).set(bearer(otherSupplier)).send({}).expect(200);
    const publishedId = await publishCapability(stack.app, otherSupplier, organizerNingbo, { title: `列表已发布${tag}` });
    const titles = async (account: TestAccount | null, query: Record<string, string> = {}) => {
      const req = http().get('/api/v1/capabilities').query({ q: tag, pageSize: '50', ...query });
      const res = await (account ? req.set(bearer(account)) : req).expect(200);
      return res.body.items.map((i: { title: string }) => i.title).sort();
    };
    expect(await titles(null)).toEqual([`列表已发布${tag}`]);
    expect(await titles(supplier)).toEqual([`列表已发布${tag}`]);
    expect(await titles(otherSupplier)).toEqual([`列表已发布${tag}`, `列表待核验${tag}`, `列表草稿${tag}`].sort());
    expect(await titles(organizerHangzhou)).toEqual([`列表已发布${tag}`]);
    expect(await titles(organizerNingbo, { status: 'submitted' })).toEqual([`列表待核验${tag}`]);
    expect(await titles(otherSupplier, { mine: 'true', status: 'draft' })).toEqual([`列表草稿${tag}`]);
    expect(await titles(null, { regionCode: '330100' })).toEqual([]);
    expect(await titles(null, { regionCode: '330200' })).toEqual([`列表已发布${tag}`]);
    void draft;
    void publishedId;
  });

  it('brings a published capability into the search index through the outbox, follows edits and archiving, and never indexes contacts', async () => {
    await stack.dataSource.query(`UPDATE users SET phone = '13912345678' WHERE id = $1`, [supplier.userId]);
    const id = await publishCapability(stack.app, supplier, organizerNingbo, {
      title: '心磁图量子精密测量系统',
      description: '基于原子磁力计的心磁图（MCG）检测设备，无需屏蔽室。',
      domains: ['零磁医疗'],
    });
    const engine = stack.app.get(SearchEngine);
    const hit = await eventually(async () => {
      const res = await engine.search<{ id: string }>('capabilities', { q: '心磁图', filter: `organizationId = "${supplier.organizationId}"` });
      const found = res.hits.find((h) => h.id === id);
      if (!found) throw new Error('not indexed yet');
      return found;
      // Workers of parallel test files re-apply index settings when they boot; documents queue behind that in Meilisearch.
    }, INDEX_WAIT_MS);
    const document = JSON.stringify(hit);
    expect(hit).toMatchObject({ status: 'published', supplierType: '民营企业', regionCode: '330212' });
    expect(document).not.toContain(supplier.email);
    expect(document).not.toContain('13912345678');

    await http().patch(`/api/v1/capabilities/${id}`).set(bearer(supplier)).send({ title: '心磁图量子测量系统第二代' }).expect(200);
    await eventually(async () => {
      const res = await engine.search<{ id: string; title: string }>('capabilities', { q: '第二代', filter: `organizationId = "${supplier.organizationId}"` });
      if (!res.hits.some((h) => h.id === id && h.title === '心磁图量子测量系统第二代')) throw new Error('edit not indexed yet');
    }, INDEX_WAIT_MS);
    const [outbox] = await stack.dataSource.query(`SELECT count(*)::int AS n FROM outbox_events WHERE aggregate = 'capability' AND aggregate_id = $1 AND event = 'updated'`, [id]);
    expect(outbox.n).toBe(1);

    await http().post(`/api/v1/capabilities/${id}/archive`).set(bearer(supplier)).send({}).expect(200);
    await eventually(async () => {
      const res = await engine.search<{ id: string }>('capabilities', { q: '心磁图', filter: `organizationId = "${supplier.organizationId}"` });
      if (res.hits.some((h) => h.id === id)) throw new Error('archived capability still indexed');
    }, INDEX_WAIT_MS);
  }, 3 * INDEX_WAIT_MS);

  it('does not index drafts or capabilities under review', async () => {
    const { body } = await http().post('/api/v1/capabilities').set(bearer(supplier)).send(capabilityBody({ title: '草稿脑机接口电极阵列' })).expect(201);
    await http().post(`/api/v1/capabilities/${body.id}/submit`).set(bearer(supplier)).send({}).expect(200);
    const [pending] = await stack.dataSource.query(`SELECT count(*)::int AS n FROM outbox_events WHERE aggregate_id = $1`, [body.id]);
    expect(pending.n).toBe(0);
  });
});
