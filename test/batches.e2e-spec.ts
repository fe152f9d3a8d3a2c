import { AuditEntry, Capability, ListBatch, Scenario } from '@app/database';
import request from 'supertest';
import { bearer, createStaffAccount, registerAccount, TestAccount } from './support/fixtures';
import { binaryParser, createCapability, createOrganization, createScenario, makeWorkbook, publishBatch, readWorkbook, waitForDocument } from './support/lists-fixtures';
import { startTestStack, TestStack } from './support/test-app';

describe('Periodic lists (清单) (e2e)', () => {
  let stack: TestStack;
  let ningbo: TestAccount;
  let hangzhou: TestAccount;
  let admin: TestAccount;
  const http = () => request(stack.app.getHttpServer());

  beforeAll(async () => {
    stack = await startTestStack({ worker: true });
    ningbo = await createStaffAccount(stack.app, stack.dataSource, { role: 'organizer', jurisdiction: '330200' });
    hangzhou = await createStaffAccount(stack.app, stack.dataSource, { role: 'organizer', jurisdiction: '330100' });
    admin = await createStaffAccount(stack.app, stack.dataSource, { role: 'admin' });
  });

  afterAll(async () => {
    await stack.close();
  });

  const scenarios = () => stack.dataSource.getRepository(Scenario);

  it('runs draft → published: items get published, the snapshot is frozen and public, private fields stay hidden', async () => {
    const soe = await createOrganization(stack.dataSource, { regionCode: '330206', type: '国有企业', name: '宁波港测试集团' });
    const a = await createScenario(stack.dataSource, soe, { title: '港区智能巡检机器人应用场景', description: '港区码头需要全天候巡检。'.repeat(20) });
    const b = await createScenario(stack.dataSource, soe, { title: '集装箱无人集卡调度场景', anonymous: true });
    const already = await createScenario(stack.dataSource, soe, { title: '已发布的堆场数字孪生场景', status: 'published', publishedAt: new Date() });

    const created = await http().post('/api/v1/batches').set(bearer(ningbo)).send({ kind: 'scenario', title: '2026年第一批场景机会清单（宁波测试）' }).expect(201);
    expect(created.body).toMatchObject({ status: 'draft', regionCode: '330200', kindLabel: '场景机会清单', itemCount: 0, allowedActions: ['startNotice', 'publish', 'cancel'] });
    const id = created.body.id as string;
    expect(created.body.publicUrl).toBe(`/api/v1/batches/${id}`);

    // Drafts are the organizers': the public and organizers of another city see nothing.
    await http().get(`/api/v1/batches/${id}`).expect(404);
    await http().get(`/api/v1/batches/${id}`).set(bearer(hangzhou)).expect(404);
    const publicList = await http().get('/api/v1/batches').query({ pageSize: 100 }).expect(200);
    expect(publicList.body.items.map((x: { id: string }) => x.id)).not.toContain(id);

    const added = await http().post(`/api/v1/batches/${id}/items`).set(bearer(ningbo)).send({ itemIds: [a.id, b.id, already.id, a.id] }).expect(200);
    expect(added.body.items).toHaveLength(3);
    expect(added.body.items[0]).toMatchObject({ id: a.id, currentStatus: 'approved', organizationName: '宁波港测试集团' });
    expect(added.body.diff.added).toHaveLength(3);

    const published = await http().post(`/api/v1/batches/${id}/publish`).set(bearer(ningbo)).expect(200);
    expect(published.body).toMatchObject({ status: 'published', itemCount: 3 });
    expect(published.body.publishedAt).toEqual(expect.any(String));
    for (const s of await scenarios().findBy([{ id: a.id }, { id: b.id }, { id: already.id }])) expect(s.status).toBe('published');

    // The public reads the stable URL without logging in, as a summary only.
    const pub = await http().get(`/api/v1/batches/${id}`).expect(200);
    const anonymous = pub.body.items.find((x: { id: string }) => x.id === b.id);
    expect(anonymous).toMatchObject({ organizationDisplayName: '某国有企业', organizationId: null, description: null, anonymous: true });
    expect(JSON.stringify(anonymous)).not.toContain('宁波港测试集团');
    expect(JSON.stringify(pub.body)).not.toContain('13800000000');
    expect(JSON.stringify(pub.body)).not.toContain(soe.creditCode as string);
    expect(pub.body.items[0].summary.length).toBeLessThan(a.description.length);
    expect(pub.body.allowedActions).toEqual([]);

    // Later edits do not change the published list.
    await scenarios().update({ id: a.id }, { title: '改名后的巡检场景', budgetMaxWan: 999 });
    const again = await http().get(`/api/v1/batches/${id}`).expect(200);
    expect(again.body.items[0]).toMatchObject({ title: '港区智能巡检机器人应用场景', budgetMaxWan: 300 });
    await expect(stack.dataSource.query(`UPDATE list_batches SET snapshot = '[]' WHERE id = $1`, [id])).rejects.toThrow(/immutable/);
    await expect(stack.dataSource.query(`DELETE FROM list_batch_items WHERE batch_id = $1`, [id])).rejects.toThrow(/no longer change/);

    // Every item's search document learns the batch id (the already-published one too).
    await waitForDocument(stack.app, 'scenarios', already.id, (doc) => (doc.batchIds as string[]).includes(id));
    await waitForDocument(stack.app, 'scenarios', b.id, (doc) => (doc.batchIds as string[]).includes(id) && doc.ownerDisplayName === '某国有企业');

    const audit = await stack.dataSource.getRepository(AuditEntry).findBy({ entityId: id });
    expect(audit.map((e) => e.action).sort()).toEqual(['batch.add-items', 'batch.create', 'batch.publish']);
    const itemAudit = await stack.dataSource.getRepository(AuditEntry).findBy({ entityId: a.id, action: 'scenario.publish' });
    expect(itemAudit).toHaveLength(1);
    expect(itemAudit[0].actorUserId).toBe(ningbo.userId);

    const listed = await http().get('/api/v1/batches').query({ kind: 'scenario', regionCode: '330200', pageSize: 100 }).expect(200);
    expect(listed.body.items.find((x: { id: string }) => x.id === id)).toMatchObject({ itemCount: 3, status: 'published' });
  });

  it('refuses ineligible items with field errors and illegal transitions with 409', async () => {
    const org = await createOrganization(stack.dataSource, { regionCode: '330212' });
    const hz = await createOrganization(stack.dataSource, { regionCode: '330106' });
    const submitted = await createScenario(stack.dataSource, org, { status: 'submitted' });
    const elsewhere = await createScenario(stack.dataSource, hz);
    const capability = await createCapability(stack.dataSource, org);
    const ok = await createScenario(stack.dataSource, org);
    const batch = await http().post('/api/v1/batches').set(bearer(ningbo)).send({ kind: 'scenario', title: `非法操作测试清单${Date.now()}` }).expect(201);
    const id = batch.body.id as string;

    const bad = await http().post(`/api/v1/batches/${id}/items`).set(bearer(ningbo)).send({ itemIds: [submitted.id, elsewhere.id, capability.id, ok.id] }).expect(400);
    const fields = Object.fromEntries(bad.body.errors.map((e: { field: string; messages: string[] }) => [e.field, e.messages.join('')]));
    expect(Object.keys(fields).sort()).toEqual(['itemIds[0]', 'itemIds[1]', 'itemIds[2]']);
    expect(fields['itemIds[0]']).toContain('已提交待审核');
    expect(fields['itemIds[1]']).toContain('不在本清单地区');
    await http().post(`/api/v1/batches/${id}/items`).set(bearer(ningbo)).send({ itemIds: ['not-a-uuid'] }).expect(400);

    await http().post(`/api/v1/batches/${id}/publish`).set(bearer(ningbo)).expect(409);
    await http().post(`/api/v1/batches/${id}/items`).set(bearer(ningbo)).send({ itemIds: [ok.id] }).expect(200);
    await http().delete(`/api/v1/batches/${id}/items/${submitted.id}`).set(bearer(ningbo)).expect(404);

    // An owner withdraws between adding and publishing: publishing names the item instead of publishing it.
    await scenarios().update({ id: ok.id }, { status: 'withdrawn' });
    const blocked = await http().post(`/api/v1/batches/${id}/publish`).set(bearer(ningbo)).expect(409);
    expect(blocked.body.detail).toContain(ok.title);
    await http().delete(`/api/v1/batches/${id}/items/${ok.id}`).set(bearer(ningbo)).expect(204);
    const fresh = await createScenario(stack.dataSource, org);
    await http().post(`/api/v1/batches/${id}/items`).set(bearer(ningbo)).send({ itemIds: [fresh.id] }).expect(200);
    await http().post(`/api/v1/batches/${id}/publish`).set(bearer(ningbo)).expect(200);

    const twice = await http().post(`/api/v1/batches/${id}/publish`).set(bearer(ningbo)).expect(409);
    expect(twice.body.title).toBe('当前状态不允许此操作');
    expect(twice.body.allowed).toEqual([]);
    await http().post(`/api/v1/batches/${id}/cancel`).set(bearer(ningbo)).send({}).expect(409);
    await http().post(`/api/v1/batches/${id}/items`).set(bearer(ningbo)).send({ itemIds: [fresh.id] }).expect(409);
    await http().post(`/api/v1/batches/${id}/notice`).set(bearer(ningbo)).send({ days: 3 }).expect(409);
  });

  it('checks every permission from the wrong side', async () => {
    const owner = await registerAccount(stack.app, { role: 'owner', regionCode: '330206' });
    const supplier = await registerAccount(stack.app, { role: 'supplier', regionCode: '330206' });
    await http().post('/api/v1/batches').send({ kind: 'scenario', title: '未登录' }).expect(401);
    await http().post('/api/v1/batches').set(bearer(owner)).send({ kind: 'scenario', title: '业主不能建清单' }).expect(403);
    await http().post('/api/v1/batches').set(bearer(supplier)).send({ kind: 'capability', title: '供给方不能建清单' }).expect(403);
    const outside = await http().post('/api/v1/batches').set(bearer(hangzhou)).send({ kind: 'scenario', title: '越权清单', regionCode: '330200' }).expect(400);
    expect(outside.body.errors[0].field).toBe('regionCode');

    const org = await createOrganization(stack.dataSource, { regionCode: '330205' });
    const s = await createScenario(stack.dataSource, org);
    const draft = await http().post('/api/v1/batches').set(bearer(ningbo)).send({ kind: 'scenario', title: `权限测试清单${Date.now()}` }).expect(201);
    const id = draft.body.id as string;
    await http().post(`/api/v1/batches/${id}/items`).set(bearer(owner)).send({ itemIds: [s.id] }).expect(403);
    await http().post(`/api/v1/batches/${id}/items`).set(bearer(hangzhou)).send({ itemIds: [s.id] }).expect(404);
    await http().post(`/api/v1/batches/${id}/publish`).set(bearer(hangzhou)).expect(404);
    await http().get(`/api/v1/batches/${id}/export.json`).expect(404);
    await http().get(`/api/v1/batches/${id}/export.xlsx`).set(bearer(owner)).expect(404);
    // A province organizer and an admin see the city's draft.
    const province = await createStaffAccount(stack.app, stack.dataSource, { role: 'organizer', jurisdiction: '330000' });
    await http().get(`/api/v1/batches/${id}`).set(bearer(province)).expect(200);
    await http().get(`/api/v1/batches/${id}`).set(bearer(admin)).expect(200);

    await http().post(`/api/v1/batches/${id}/items`).set(bearer(ningbo)).send({ itemIds: [s.id] }).expect(200);
    await http().post(`/api/v1/batches/${id}/publish`).set(bearer(ningbo)).expect(200);
    // Published lists are public, but only their own organizers may act on them.
    await http().get(`/api/v1/batches/${id}`).set(bearer(hangzhou)).expect(200);
    await http().post(`/api/v1/batches/${id}/cancel`).set(bearer(hangzhou)).send({}).expect(403);
    await http().get('/api/v1/batches/not-a-uuid').expect(400);
    await http().get('/api/v1/batches').query({ status: 'bogus' }).expect(400);
  });

  it('puts a batch on public notice, refuses to publish before the notice ends, and cancels', async () => {
    const org = await createOrganization(stack.dataSource, { regionCode: '330281' });
    const s = await createScenario(stack.dataSource, org);
    const batch = await http().post('/api/v1/batches').set(bearer(ningbo)).send({ kind: 'scenario', title: `公示测试清单${Date.now()}` }).expect(201);
    const id = batch.body.id as string;
    await http().post(`/api/v1/batches/${id}/notice`).set(bearer(ningbo)).send({ days: 5 }).expect(409);
    await http().post(`/api/v1/batches/${id}/items`).set(bearer(ningbo)).send({ itemIds: [s.id] }).expect(200);
    await http().post(`/api/v1/batches/${id}/notice`).set(bearer(ningbo)).send({ days: 0 }).expect(400);
    const notice = await http().post(`/api/v1/batches/${id}/notice`).set(bearer(ningbo)).send({ days: 5 }).expect(200);
    expect(notice.body).toMatchObject({ status: 'notice', statusLabel: '公示中', noticeDays: 5, allowedActions: ['publish', 'cancel'] });
    expect(new Date(notice.body.noticeEndsAt).getTime() - new Date(notice.body.noticeStartedAt).getTime()).toBe(5 * 86_400_000);

    // 公示 is public; items are fixed while it runs.
    const pub = await http().get(`/api/v1/batches/${id}`).expect(200);
    expect(pub.body.items.map((x: { id: string }) => x.id)).toEqual([s.id]);
    expect(pub.body.items[0].currentStatus).toBeUndefined();
    await http().delete(`/api/v1/batches/${id}/items/${s.id}`).set(bearer(ningbo)).expect(409);

    const early = await http().post(`/api/v1/batches/${id}/publish`).set(bearer(ningbo)).expect(409);
    expect(early.body.detail).toContain('公示期至');
    await stack.dataSource.query(`UPDATE list_batches SET notice_started_at = now() - interval '6 days', notice_ends_at = now() - interval '1 day' WHERE id = $1`, [id]);
    await http().post(`/api/v1/batches/${id}/publish`).set(bearer(ningbo)).expect(200);
    expect((await scenarios().findOneByOrFail({ id: s.id })).status).toBe('published');

    const other = await http().post('/api/v1/batches').set(bearer(ningbo)).send({ kind: 'scenario', title: `取消测试清单${Date.now()}` }).expect(201);
    const cancelled = await http().post(`/api/v1/batches/${other.body.id}/cancel`).set(bearer(ningbo)).send({ reason: '与下一批合并' }).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', allowedActions: [] });
    await http().get(`/api/v1/batches/${other.body.id}`).expect(404);
    await http().post(`/api/v1/batches/${other.body.id}/publish`).set(bearer(ningbo)).expect(409);
  });

  it('shows the difference from the previous published batch of the same kind and region', async () => {
    const region = '330226';
    const province = await createStaffAccount(stack.app, stack.dataSource, { role: 'organizer', jurisdiction: region });
    const org = await createOrganization(stack.dataSource, { regionCode: region });
    const kept = await createScenario(stack.dataSource, org, { title: '保留不变的场景' });
    const changed = await createScenario(stack.dataSource, org, { title: '预算调整的场景', budgetMaxWan: 300 });
    const dropped = await createScenario(stack.dataSource, org, { title: '下一批移除的场景' });
    const first = await publishBatch(stack.app, province, 'scenario', [kept.id, changed.id, dropped.id], { title: '宁海县2026年第一批场景机会清单' });
    expect((first.body.diff as { previousBatchId: string | null }).previousBatchId).toBeNull();

    await scenarios().update({ id: changed.id }, { budgetMaxWan: 500, tags: ['测试', '扩容'] });
    const fresh = await createScenario(stack.dataSource, org, { title: '第二批新增的场景' });
    const second = await publishBatch(stack.app, province, 'scenario', [kept.id, changed.id, fresh.id], { title: '宁海县2026年第二批场景机会清单' });
    const diff = second.body.diff as { previousBatchId: string; added: Array<{ id: string }>; removed: Array<{ id: string }>; changed: Array<{ id: string; changes: Array<{ field: string; before: unknown; after: unknown }> }>; unchanged: number };
    expect(diff.previousBatchId).toBe(first.id);
    expect(diff.added.map((x) => x.id)).toEqual([fresh.id]);
    expect(diff.removed.map((x) => x.id)).toEqual([dropped.id]);
    expect(diff.changed).toHaveLength(1);
    expect(diff.changed[0].id).toBe(changed.id);
    expect(diff.changed[0].changes).toEqual([
      { field: 'tags', before: ['测试'], after: ['测试', '扩容'] },
      { field: 'budgetMaxWan', before: 300, after: 500 },
    ]);
    expect(diff.unchanged).toBe(1);
    // The first batch still shows what it published.
    const firstAgain = await http().get(`/api/v1/batches/${first.id}`).expect(200);
    expect(firstAgain.body.items.find((x: { id: string }) => x.id === changed.id).budgetMaxWan).toBe(300);
    expect(firstAgain.body.diff.previousBatchId).toBeNull();
  });

  it('exports Excel and JSON, and an Excel round trip gives the same items', async () => {
    const region = '330282';
    const org = await createOrganization(stack.dataSource, { regionCode: region, type: '国有企业', name: '慈溪测试城投' });
    const a = await createScenario(stack.dataSource, org, {
      title: '氢燃料电池重卡示范运营场景',
      description: '需要在物流园区开展氢燃料电池重卡示范运营，含加氢保障。',
      domains: ['氢能和绿色燃料', '未来能源'],
      tier: '行业领域集成式场景',
      stage: '融合试验场景',
      budgetMinWan: 500.5,
      budgetMaxWan: 1000,
      minTrl: 7,
      deadline: '2026-12-31',
      tags: ['重卡', '加氢站'],
      landingConditions: '园区道路与加氢站场地',
    });
    const b = await createScenario(stack.dataSource, org, { title: '脑机接口康复训练临床验证', domains: ['脑机接口'], budgetMinWan: null, budgetMaxWan: null, minTrl: null, deadline: null, tier: null, stage: null, tags: [], landingConditions: null, anonymous: true });
    const batch = await publishBatch(stack.app, ningbo, 'scenario', [a.id, b.id], { regionCode: region });

    const publicXlsx = await http().get(`/api/v1/batches/${batch.id}/export.xlsx`).buffer(true).parse(binaryParser).expect(200);
    expect(publicXlsx.headers['content-type']).toContain('spreadsheetml');
    expect(publicXlsx.headers['content-disposition']).toContain("filename*=UTF-8''");
    const publicRows = await readWorkbook(publicXlsx.body as Buffer);
    expect(publicRows).toHaveLength(3);
    expect(publicRows[0]).toEqual(expect.arrayContaining(['序号', '场景名称', '所属领域', '行政区划代码', '业主单位']));
    expect(publicRows[0]).not.toContain('统一社会信用代码');
    expect(publicRows[0]).not.toContain('场景描述');
    expect(publicRows[2]).toContain('某国有企业');
    expect(publicRows[2]).not.toContain('慈溪测试城投');

    const json = await http().get(`/api/v1/batches/${batch.id}/export.json`).expect(200);
    expect(json.body).toMatchObject({ full: false, batch: { id: batch.id, itemCount: 2 } });
    expect(json.body.items.map((x: { title: string }) => x.title)).toEqual([a.title, b.title]);

    const full = await http().get(`/api/v1/batches/${batch.id}/export.xlsx`).set(bearer(ningbo)).buffer(true).parse(binaryParser).expect(200);
    const fullRows = await readWorkbook(full.body as Buffer);
    expect(fullRows[0]).toEqual(expect.arrayContaining(['场景描述', '落地条件', '统一社会信用代码']));

    const before = await scenarios().count();
    const imported = await http()
      .post('/api/v1/batches/import')
      .query({ kind: 'scenario' })
      .set(bearer(ningbo))
      .attach('file', full.body as Buffer, { filename: '回传.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
      .expect(201);
    expect(imported.body).toMatchObject({ kind: 'scenario', total: 2, imported: 2, failed: 0, written: true, status: 'submitted', errors: [] });
    expect(await scenarios().count()).toBe(before + 2);
    const fields = (s: Scenario) => ({
      organizationId: s.organizationId, title: s.title, description: s.description, domains: s.domains, regionCode: s.regionCode, tier: s.tier, stage: s.stage,
      budgetMinWan: s.budgetMinWan, budgetMaxWan: s.budgetMaxWan, minTrl: s.minTrl, deadline: s.deadline, tags: s.tags, landingConditions: s.landingConditions, anonymous: s.anonymous,
    });
    const copies = await Promise.all((imported.body.createdIds as string[]).map((id) => scenarios().findOneByOrFail({ id })));
    expect(copies.map(fields)).toEqual([fields(await scenarios().findOneByOrFail({ id: a.id })), fields(await scenarios().findOneByOrFail({ id: b.id }))]);
    for (const copy of copies) {
      expect(copy.status).toBe('submitted');
      expect(copy.contact).toBeNull();
    }
    const audit = await stack.dataSource.getRepository(AuditEntry).findBy({ entityId: copies[0].id });
    expect(audit.map((e) => e.action)).toEqual(['scenario.import']);
  });

  it('validates every imported row, reports row/column errors in Chinese and writes nothing unless partial', async () => {
    const owner = await createOrganization(stack.dataSource, { regionCode: '330203', roles: ['owner'] });
    const supplierOnly = await createOrganization(stack.dataSource, { regionCode: '330203', roles: ['supplier'] });
    const headers = ['场景名称', '场景描述', '所属领域', '行政区划代码', '场景层级', '最低技术成熟度（TRL）', '预算下限（万元）', '预算上限（万元）', '截止日期', '统一社会信用代码', '匿名发布'];
    const file = await makeWorkbook(headers, [
      ['海曙区老旧小区智能巡检', '需要巡检机器人覆盖地下管廊。', '具身智能', '330203', '小切口高价值场景', 6, 50, 100, '2027-01-31', owner.creditCode, '否'],
      ['', '缺标题', '不存在的领域', '330203', '大场景', 12, 300, 100, '2027/01/31', owner.creditCode, '也许'],
      ['杭州的场景', '不在宁波管辖范围', '量子科技', 330106, null, null, null, null, null, owner.creditCode, null],
      ['代码不存在', '单位未注册', '6G', '330203', null, null, null, null, null, '91330203MA2CCCCCCX', null],
      ['不是业主方', '供给方不能导入场景', '6G', '330203', null, null, null, null, null, supplierOnly.creditCode, null],
    ]);
    const before = await scenarios().count();
    const rejected = await http().post('/api/v1/batches/import').query({ kind: 'scenario' }).set(bearer(ningbo)).attach('file', file, '区县征集表.xlsx').expect(422);
    expect(await scenarios().count()).toBe(before);
    const report = rejected.body.details;
    expect(report).toMatchObject({ total: 5, imported: 0, failed: 4, written: false });
    const at = (row: number) => report.errors.filter((e: { row: number }) => e.row === row).map((e: { column: string; message: string }) => `${e.column}:${e.message}`);
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^场景名称:/),
        expect.stringMatching(/^所属领域:.*不存在的领域.*不是已收录/),
        expect.stringMatching(/^场景层级:取值不在允许范围内/),
        expect.stringMatching(/^最低技术成熟度（TRL）:技术成熟度/),
        expect.stringMatching(/^预算上限（万元）:上限不能小于下限/),
        expect.stringMatching(/^截止日期:日期格式/),
        '匿名发布:应填写“是”或“否”',
      ]),
    );
    expect(at(4)).toEqual([expect.stringMatching(/^行政区划代码:.*不在您的管辖范围/)]);
    expect(at(5)).toEqual([expect.stringMatching(/^统一社会信用代码:/)]);
    expect(at(6)).toEqual([expect.stringMatching(/^统一社会信用代码:.*不是场景业主方/)]);

    const partial = await http().post('/api/v1/batches/import').query({ kind: 'scenario', partial: 'true', as: 'draft' }).set(bearer(ningbo)).attach('file', file, '区县征集表.xlsx').expect(201);
    expect(partial.body).toMatchObject({ imported: 1, failed: 4, written: true, status: 'draft' });
    const created = await scenarios().findOneByOrFail({ id: partial.body.createdIds[0] });
    expect(created).toMatchObject({ title: '海曙区老旧小区智能巡检', status: 'draft', organizationId: owner.id, budgetMinWan: 50, budgetMaxWan: 100, minTrl: 6, deadline: '2027-01-31', submittedAt: null });

    const notExcel = await http().post('/api/v1/batches/import').query({ kind: 'scenario' }).set(bearer(ningbo)).attach('file', Buffer.from('标题,描述\n'), 'x.csv').expect(422);
    expect(notExcel.body.details.errors[0].message).toContain('不是有效的 Excel');
    const missingColumns = await makeWorkbook(['场景名称'], [['只有标题']]);
    const columns = await http().post('/api/v1/batches/import').query({ kind: 'scenario' }).set(bearer(ningbo)).attach('file', missingColumns, 'x.xlsx').expect(422);
    expect(columns.body.details.errors.map((e: { column: string }) => e.column)).toEqual(['场景描述', '所属领域', '行政区划代码', '统一社会信用代码']);
    await http().post('/api/v1/batches/import').query({ kind: 'scenario' }).set(bearer(ningbo)).expect(400);
    await http().post('/api/v1/batches/import').query({ kind: 'bogus' }).set(bearer(ningbo)).attach('file', file, 'x.xlsx').expect(400);
    const supplier = await registerAccount(stack.app, { role: 'supplier' });
    await http().post('/api/v1/batches/import').query({ kind: 'capability' }).set(bearer(supplier)).attach('file', file, 'x.xlsx').expect(403);
  });

  it('publishes a capability list: verified capabilities become published and round-trip through Excel', async () => {
    const supplier = await createOrganization(stack.dataSource, { regionCode: '330211', roles: ['supplier'], qualifications: [{ name: '高新技术企业', validTo: '2099-12-31' }, { name: '独角兽', validTo: '2000-01-01' }] });
    const cap = await createCapability(stack.dataSource, supplier, { title: '四足巡检机器人整机', domains: ['具身智能'], trl: 8, tags: ['巡检', '四足'] });
    const draft = await createCapability(stack.dataSource, supplier, { status: 'submitted' });
    const batch = await http().post('/api/v1/batches').set(bearer(ningbo)).send({ kind: 'capability', title: `2026年第一批能力供给清单${Date.now()}` }).expect(201);
    await http().post(`/api/v1/batches/${batch.body.id}/items`).set(bearer(ningbo)).send({ itemIds: [draft.id] }).expect(400);
    await http().post(`/api/v1/batches/${batch.body.id}/items`).set(bearer(ningbo)).send({ itemIds: [cap.id] }).expect(200);
    const published = await http().post(`/api/v1/batches/${batch.body.id}/publish`).set(bearer(ningbo)).expect(200);
    expect(published.body.items[0]).toMatchObject({ title: '四足巡检机器人整机', trl: 8, qualifications: ['高新技术企业'], organizationDisplayName: supplier.name });
    expect((await stack.dataSource.getRepository(Capability).findOneByOrFail({ id: cap.id })).status).toBe('published');
    await waitForDocument(stack.app, 'capabilities', cap.id, (doc) => (doc.batchIds as string[]).includes(batch.body.id));

    const full = await http().get(`/api/v1/batches/${batch.body.id}/export.xlsx`).set(bearer(ningbo)).buffer(true).parse(binaryParser).expect(200);
    const imported = await http().post('/api/v1/batches/import').query({ kind: 'capability' }).set(bearer(ningbo)).attach('file', full.body as Buffer, 'caps.xlsx').expect(201);
    const copy = await stack.dataSource.getRepository(Capability).findOneByOrFail({ id: imported.body.createdIds[0] });
    expect(copy).toMatchObject({ title: cap.title, description: cap.description, domains: cap.domains, kind: cap.kind, trl: 8, regionCode: '330211', priceMinWan: 50, priceMaxWan: 80, tags: ['巡检', '四足'], organizationId: supplier.id, status: 'submitted' });
    const list = await stack.dataSource.getRepository(ListBatch).findOneByOrFail({ id: batch.body.id });
    expect(list.snapshot).toHaveLength(1);
  });
});
