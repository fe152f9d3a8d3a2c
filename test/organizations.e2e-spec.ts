import { SearchEngine } from '@app/search';
import request from 'supertest';
import { bearer, createStaffAccount, registerAccount, TestAccount } from './support/fixtures';
import { publishCapability } from './support/supply-fixtures';
import { eventually, startTestStack, TestStack } from './support/test-app';

describe('Organization profiles 精准画像 (e2e)', () => {
  let stack: TestStack;
  let supplier: TestAccount;
  let otherSupplier: TestAccount;
  let owner: TestAccount;
  let organizerNingbo: TestAccount;
  let organizerHangzhou: TestAccount;
  const http = () => request(stack.app.getHttpServer());

  const profile = {
    domains: ['具身智能', '未来智能'],
    qualifications: [
      { name: '高新技术企业', validFrom: '2024-12-01', validTo: '2099-11-30' },
      { name: '科技型中小企业', validFrom: '2019-01-01', validTo: '2020-12-31' },
      { name: '专精特新“小巨人”' },
    ],
    cases: [
      { title: '梅山港区重载AGV集群', client: '宁波舟山港集团', year: 2025, summary: '40台AGV协同作业' },
      { title: '汽车总装车间物流无人化', client: '某整车厂', year: 2024 },
    ],
    size: '100-299人',
    description: '专注港口与工厂重载移动机器人的高新技术企业。',
  };

  beforeAll(async () => {
    stack = await startTestStack({ worker: true });
    supplier = await registerAccount(stack.app, { role: 'supplier', regionCode: '330212' });
    otherSupplier = await registerAccount(stack.app, { role: 'supplier', regionCode: '330212' });
    owner = await registerAccount(stack.app, { role: 'owner', regionCode: '330206' });
    organizerNingbo = await createStaffAccount(stack.app, stack.dataSource, { role: 'organizer', jurisdiction: '330200' });
    organizerHangzhou = await createStaffAccount(stack.app, stack.dataSource, { role: 'organizer', jurisdiction: '330100' });
    await stack.dataSource.query(`UPDATE users SET phone = '13712345678' WHERE id = $1`, [supplier.userId]);
  });

  afterAll(async () => {
    await stack.close();
  });

  it('lets a supplier keep its own profile, shows qualification expiry, and stays private until something is published', async () => {
    const path = `/api/v1/organizations/${supplier.organizationId}`;
    const updated = await http().patch(path).set(bearer(supplier)).send(profile).expect(200);
    expect(updated.body).toMatchObject({ domains: profile.domains, size: '100-299人', casesCount: 2, verified: false, publishedCapabilities: [] });
    expect(updated.body.qualifications).toEqual([
      { name: '高新技术企业', validFrom: '2024-12-01', validTo: '2099-11-30', expired: false },
      { name: '科技型中小企业', validFrom: '2019-01-01', validTo: '2020-12-31', expired: true },
      { name: '专精特新“小巨人”', validFrom: null, validTo: null, expired: false },
    ]);
    const [audit] = await stack.dataSource.query(`SELECT actor_user_id, before, after FROM audit_entries WHERE entity_id = $1 AND action = 'organization.profile_updated'`, [
      supplier.organizationId,
    ]);
    expect(audit.actor_user_id).toBe(supplier.userId);
    expect(audit.after.size).toBe('100-299人');

    // Nothing published yet: only the organization itself and its organizers see it.
    await http().get(path).expect(404);
    await http().get(path).set(bearer(otherSupplier)).expect(404);
    await http().get(path).set(bearer(organizerHangzhou)).expect(404);
    await http().get(path).set(bearer(organizerNingbo)).expect(200);
    await http().patch(path).set(bearer(otherSupplier)).send({ size: '20人以下' }).expect(404);

    const capabilityId = await publishCapability(stack.app, supplier, organizerNingbo, { title: '港口重载AGV整车' });
    const publicView = await http().get(path).expect(200);
    expect(publicView.body).toMatchObject({ id: supplier.organizationId, regionName: '宁波市鄞州区', casesCount: 2, publishedCapabilities: [{ id: capabilityId, title: '港口重载AGV整车' }] });
    expect(publicView.body.creditCode).toMatch(/^[0-9A-Z]{18}$/);
    const text = JSON.stringify(publicView.body);
    expect(text).not.toContain(supplier.email);
    expect(text).not.toContain('13712345678');

    // Every capability carries the profile summary: only still-valid qualifications count.
    const capability = await http().get(`/api/v1/capabilities/${capabilityId}`).expect(200);
    expect(capability.body.organization).toMatchObject({ casesCount: 2, verified: false });
    expect(capability.body.organization.qualifications.sort()).toEqual(['专精特新“小巨人”', '高新技术企业'].sort());

    // Public now, but still edited only by its own accounts.
    await http().patch(path).set(bearer(otherSupplier)).send({ size: '20人以下' }).expect(403);
    await http().patch(path).set(bearer(organizerNingbo)).send({ size: '20人以下' }).expect(403);
    await http().patch(path).send({ size: '20人以下' }).expect(401);
  });

  it('refuses malformed profiles with Chinese messages', async () => {
    const path = `/api/v1/organizations/${supplier.organizationId}`;
    const bad = await http()
      .patch(path)
      .set(bearer(supplier))
      .send({ qualifications: [{ name: '诺贝尔奖', validTo: '2027-02-30' }], cases: [{ year: 1800 }], size: '很多人', domains: ['炼金术'] })
      .expect(400);
    const fields = bad.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['qualifications[0].name', 'qualifications[0].validTo', 'cases[0].title', 'cases[0].year', 'size', 'domains']));
    const reversed = await http()
      .patch(path)
      .set(bearer(supplier))
      .send({ qualifications: [{ name: '高新技术企业', validFrom: '2026-01-01', validTo: '2025-01-01' }] })
      .expect(400);
    expect(reversed.body.errors).toEqual([{ field: 'qualifications[0].validTo', messages: ['有效期至不能早于生效日期'] }]);
  });

  it('lets an organizer within jurisdiction verify an organization, once, with audit and notification', async () => {
    const path = `/api/v1/organizations/${otherSupplier.organizationId}/verify`;
    await http().post(path).set(bearer(otherSupplier)).send({}).expect(403);
    await http().post(path).set(bearer(organizerHangzhou)).send({}).expect(404);
    const res = await http().post(path).set(bearer(organizerNingbo)).send({ comment: '已核对营业执照' }).expect(200);
    expect(res.body).toMatchObject({ verified: true, verifiedAt: expect.any(String) });
    await http().post(path).set(bearer(organizerNingbo)).send({}).expect(409);
    const [audit] = await stack.dataSource.query(`SELECT actor_user_id, actor_role, comment, region_code FROM audit_entries WHERE entity_id = $1 AND action = 'organization.verified'`, [
      otherSupplier.organizationId,
    ]);
    expect(audit).toEqual({ actor_user_id: organizerNingbo.userId, actor_role: 'organizer', comment: '已核对营业执照', region_code: '330212' });
    const notes = await http().get('/api/v1/notifications').set(bearer(otherSupplier)).expect(200);
    expect(notes.body.items.map((n: { title: string }) => n.title)).toContain('单位信息已通过核验');

    const capabilityId = await publishCapability(stack.app, otherSupplier, organizerNingbo, { title: '已核验单位的能力' });
    const capability = await http().get(`/api/v1/capabilities/${capabilityId}`).expect(200);
    expect(capability.body.organization.verified).toBe(true);
  });

  it('shows members only to the organization and its organizers', async () => {
    const path = `/api/v1/organizations/${supplier.organizationId}/members`;
    const own = await http().get(path).set(bearer(supplier)).expect(200);
    expect(own.body).toEqual([expect.objectContaining({ id: supplier.userId, email: supplier.email, phone: '13712345678', role: 'supplier' })]);
    await http().get(path).set(bearer(organizerNingbo)).expect(200);
    await http().get(path).set(bearer(otherSupplier)).expect(404);
    await http().get(path).set(bearer(organizerHangzhou)).expect(404);
    await http().get(path).expect(401);
  });

  it('lists public suppliers for everyone and the jurisdiction for organizers', async () => {
    const ids = async (account: TestAccount | null, query: Record<string, string> = {}) => {
      const req = http().get('/api/v1/organizations').query({ pageSize: '100', ...query });
      const res = await (account ? req.set(bearer(account)) : req).expect(200);
      return res.body.items.map((i: { id: string }) => i.id);
    };
    const publicIds = await ids(null);
    expect(publicIds).toEqual(expect.arrayContaining([supplier.organizationId, otherSupplier.organizationId]));
    expect(publicIds).not.toContain(owner.organizationId);
    expect(await ids(organizerNingbo)).toContain(owner.organizationId);
    expect(await ids(organizerHangzhou)).not.toContain(owner.organizationId);
    expect(await ids(owner)).toContain(owner.organizationId);
    expect(await ids(null, { verified: 'true' })).toEqual(expect.arrayContaining([otherSupplier.organizationId]));
    expect(await ids(null, { verified: 'true' })).not.toContain(supplier.organizationId);
    expect(await ids(null, { qualification: '高新技术企业' })).toContain(supplier.organizationId);
    expect(await ids(null, { qualification: '科技型中小企业' })).not.toContain(supplier.organizationId);
    const listed = await http().get('/api/v1/organizations').query({ q: '测试单位', pageSize: '100' }).expect(200);
    const item = listed.body.items.find((i: { id: string }) => i.id === supplier.organizationId);
    expect(item).toMatchObject({ publishedCapabilityCount: 1, casesCount: 2, domains: profile.domains });
  });

  it('sends profile changes to the organization index without any user contact', async () => {
    await http()
      .patch(`/api/v1/organizations/${supplier.organizationId}`)
      .set(bearer(supplier))
      .send({ description: '港口重载机器人与海洋装备智能化' })
      .expect(200);
    const engine = stack.app.get(SearchEngine);
    const doc = await eventually(async () => {
      const res = await engine.search<{ id: string; description: string }>('organizations', { q: '海洋装备' });
      const found = res.hits.find((h) => h.id === supplier.organizationId && h.description.includes('海洋装备'));
      if (!found) throw new Error('organization not indexed yet');
      return found;
      // Workers of parallel test files re-apply index settings when they boot; documents queue behind that in Meilisearch.
    }, 45_000);
    expect(doc).toMatchObject({ qualifications: expect.arrayContaining(['高新技术企业']), caseCount: 2 });
    expect(JSON.stringify(doc)).not.toContain(supplier.email);
    expect(JSON.stringify(doc)).not.toContain('13712345678');
    // Capability documents embed the supplier summary, so they were re-queued with the profile.
    const [queued] = await stack.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_events e JOIN capabilities c ON c.id = e.aggregate_id WHERE c.organization_id = $1 AND e.event = 'supplier_updated'`,
      [supplier.organizationId],
    );
    expect(queued.n).toBeGreaterThan(0);
  }, 90_000);
});
