import { SearchEngine } from '@app/search';
import request from 'supertest';
import { bearer, createStaffAccount, registerAccount, TestAccount, uniqueSuffix } from './support/fixtures';
import { createScenario, markOrganizationVerified, publishScenarioViaApi, scenarioBody } from './support/scenario-fixtures';
import { eventually, startTestStack, TestStack } from './support/test-app';

describe('Scenario demands: anonymity, confidentiality, search index, duplicates (e2e)', () => {
  let stack: TestStack;
  let owner: TestAccount;
  let ningbo: TestAccount;
  let hangzhou: TestAccount;
  const http = () => request(stack.app.getHttpServer());
  const act = (account: TestAccount, id: string, action: string, body: object = {}) =>
    http().post(`/api/v1/scenarios/${id}/${action}`).set(bearer(account)).send(body);
  const indexed = async (id: string): Promise<Record<string, unknown>> => {
    const engine = stack.app.get(SearchEngine);
    return engine.client.index(engine.indexName('scenarios')).getDocument(id);
  };

  beforeAll(async () => {
    stack = await startTestStack({ worker: true });
    owner = await registerAccount(stack.app, {
      role: 'owner',
      regionCode: '330206',
      orgType: '国有企业',
      orgName: `宁波港务测试集团${uniqueSuffix()}`,
    });
    ningbo = await createStaffAccount(stack.app, stack.dataSource, { role: 'organizer', jurisdiction: '330200' });
    hangzhou = await createStaffAccount(stack.app, stack.dataSource, { role: 'organizer', jurisdiction: '330100' });
  });

  afterAll(async () => {
    await stack.close();
  });

  it('publishes anonymously: the public and the index see 某国有企业, organizers the real owner; contacts never reach the index', async () => {
    const s = await publishScenarioViaApi(stack.app, owner, ningbo, { anonymous: true });
    const publicView = await http().get(`/api/v1/scenarios/${s.id}`).expect(200);
    expect(publicView.body.owner).toEqual({ name: '某国有企业', type: '国有企业', anonymous: true, organizationId: null });
    expect(JSON.stringify(publicView.body)).not.toContain('宁波港务测试集团');
    const organizerView = await http().get(`/api/v1/scenarios/${s.id}`).set(bearer(ningbo)).expect(200);
    expect(organizerView.body.owner.name).toContain('宁波港务测试集团');
    expect(organizerView.body.contact).toMatchObject({ phone: '0574-87000000' });
    const ownerView = await http().get(`/api/v1/scenarios/${s.id}`).set(bearer(owner)).expect(200);
    expect(ownerView.body.owner.name).toContain('宁波港务测试集团');

    const doc = await eventually(() => indexed(s.id), 20_000, 200);
    expect(doc).toMatchObject({ id: s.id, ownerDisplayName: '某国有企业', anonymous: true, status: 'published' });
    const serialized = JSON.stringify(doc);
    for (const secret of ['0574-87000000', 'zhang.gong@example.cn', '张工', '宁波港务测试集团', '站内网络接入'])
      expect(serialized).not.toContain(secret);
    expect(doc).not.toHaveProperty('contact');
    expect(doc).not.toHaveProperty('landingConditions');

    // An owner's edit to a published scenario reaches the index through the outbox.
    await http()
      .patch(`/api/v1/scenarios/${s.id}`)
      .set(bearer(owner))
      .send({ title: '港区人形机器人全天候巡检', anonymous: false })
      .expect(200);
    await eventually(
      async () =>
        expect(await indexed(s.id)).toMatchObject({
          title: '港区人形机器人全天候巡检',
          anonymous: false,
          ownerDisplayName: expect.stringContaining('宁波港务测试集团'),
        }),
      20_000,
      200,
    );
    // Withdrawing takes it out of the index.
    await act(owner, s.id, 'withdraw').expect(200);
    await eventually(
      async () =>
        expect(
          await indexed(s.id).then(
            () => 'present',
            () => 'gone',
          ),
        ).toBe('gone'),
      20_000,
      200,
    );
  });

  describe('tiered confidentiality', () => {
    let scenarioId: string;
    let unverified: TestAccount;
    let verified: TestAccount;

    beforeAll(async () => {
      scenarioId = (await publishScenarioViaApi(stack.app, owner, ningbo)).id;
      unverified = await registerAccount(stack.app, { role: 'supplier', regionCode: '330212' });
      verified = await registerAccount(stack.app, { role: 'supplier', regionCode: '330212', orgName: `甬江智能装备测试${uniqueSuffix()}` });
      await markOrganizationVerified(stack.dataSource, verified.organizationId);
    });

    it('shows the public and unverified suppliers a summary only, and refuses their acceptance', async () => {
      for (const res of [
        await http().get(`/api/v1/scenarios/${scenarioId}`).expect(200),
        await http().get(`/api/v1/scenarios/${scenarioId}`).set(bearer(unverified)).expect(200),
      ]) {
        expect(res.body).toMatchObject({
          detailLevel: 'summary',
          description: null,
          landingConditions: null,
          attachments: null,
          contact: null,
        });
        expect(res.body.summary).toContain('核心需求');
        expect(res.body.confidentiality).toMatchObject({ termsVersion: '2026-01', accepted: false });
      }
      const refused = await http()
        .post(`/api/v1/scenarios/${scenarioId}/confidentiality-acceptance`)
        .set(bearer(unverified))
        .send({ termsVersion: '2026-01' })
        .expect(403);
      expect(refused.body.detail).toContain('认证');
      await http()
        .post(`/api/v1/scenarios/${scenarioId}/confidentiality-acceptance`)
        .set(bearer(owner))
        .send({ termsVersion: '2026-01' })
        .expect(403);
    });

    it('shows a verified supplier the full text only after accepting the terms, and logs each view for the owner', async () => {
      const before = await http().get(`/api/v1/scenarios/${scenarioId}`).set(bearer(verified)).expect(200);
      expect(before.body).toMatchObject({
        detailLevel: 'summary',
        description: null,
        confidentiality: { organizationVerified: true, accepted: false },
      });
      await http()
        .post(`/api/v1/scenarios/${scenarioId}/confidentiality-acceptance`)
        .set(bearer(verified))
        .send({ termsVersion: '2025-01' })
        .expect(400);
      const accepted = await http()
        .post(`/api/v1/scenarios/${scenarioId}/confidentiality-acceptance`)
        .set(bearer(verified))
        .send({ termsVersion: '2026-01' })
        .expect(200);
      const again = await http()
        .post(`/api/v1/scenarios/${scenarioId}/confidentiality-acceptance`)
        .set(bearer(verified))
        .send({ termsVersion: '2026-01' })
        .expect(200);
      expect(again.body.acceptedAt).toBe(accepted.body.acceptedAt);

      const full = await http().get(`/api/v1/scenarios/${scenarioId}`).set(bearer(verified)).expect(200);
      expect(full.body).toMatchObject({ detailLevel: 'full', contact: null, confidentiality: { accepted: true } });
      expect(full.body.description).toContain('核心需求');
      expect(full.body.landingConditions).toContain('试点');
      await http().get(`/api/v1/scenarios/${scenarioId}`).set(bearer(verified)).expect(200);

      const viewers = await http().get(`/api/v1/scenarios/${scenarioId}/viewers`).set(bearer(owner)).expect(200);
      expect(viewers.body.total).toBe(2);
      expect(viewers.body.items[0]).toMatchObject({
        userId: verified.userId,
        organizationId: verified.organizationId,
        organizationName: expect.stringContaining('甬江智能装备测试'),
      });
      expect(Date.parse(viewers.body.items[0].viewedAt)).toBeGreaterThan(Date.now() - 60_000);
      await http().get(`/api/v1/scenarios/${scenarioId}/viewers`).set(bearer(ningbo)).expect(200);
      await http().get(`/api/v1/scenarios/${scenarioId}/viewers`).set(bearer(verified)).expect(403);
      await http().get(`/api/v1/scenarios/${scenarioId}/viewers`).set(bearer(hangzhou)).expect(403);
      // Owner and organizer views are not supplier views: still two.
      await http().get(`/api/v1/scenarios/${scenarioId}`).set(bearer(owner)).expect(200);
      expect((await http().get(`/api/v1/scenarios/${scenarioId}/viewers`).set(bearer(owner)).expect(200)).body.total).toBe(2);
    });
  });

  describe('duplicate detection', () => {
    const marker = uniqueSuffix();
    const seaFarm = (title: string, description: string) =>
      scenarioBody({ title, description, domains: ['深海科技'], tags: ['水质监测'], regionCode: '330206' });

    it('finds a similar demand from another district on submit, with a similarity figure, and merges it', async () => {
      const districtOwner = await registerAccount(stack.app, { role: 'owner', regionCode: '330212' });
      const earlier = await publishScenarioViaApi(stack.app, districtOwner, ningbo, {
        ...seaFarm(
          `深远海养殖网箱水质在线监测${marker}`,
          '核心需求：对深远海养殖网箱的溶解氧、水温、盐度进行在线监测并自动预警，海上供电受限，需低功耗浮标。',
        ),
        regionCode: '330212',
      });
      const unrelated = await createScenario(
        stack.app,
        owner,
        seaFarm(`海底电缆故障定位${marker}`, '核心需求：海底高压电缆故障的快速定位与修复方案。'),
      );
      await act(owner, unrelated.id, 'submit').expect(200);
      const fresh = await createScenario(
        stack.app,
        owner,
        seaFarm(
          `养殖网箱水质在线监测预警${marker}`,
          '核心需求：深远海养殖网箱溶解氧、水温和盐度在线监测，异常自动预警，浮标需低功耗以适应海上供电受限。',
        ),
      );
      await act(owner, fresh.id, 'submit').expect(200);

      const found = await http().get(`/api/v1/scenarios/${fresh.id}/duplicates`).set(bearer(ningbo)).expect(200);
      const hit = found.body.find((d: { other: { id: string } }) => d.other.id === earlier.id);
      expect(hit).toMatchObject({ status: 'suggested', other: { regionCode: '330212', status: 'published' } });
      expect(hit.similarity).toBeGreaterThanOrEqual(0.3);
      expect(hit.similarity).toBeLessThanOrEqual(1);
      expect(hit.sharedPhrases.length).toBeGreaterThan(0);
      expect(found.body.map((d: { other: { id: string } }) => d.other.id)).not.toContain(unrelated.id);

      await http().get(`/api/v1/scenarios/${fresh.id}/duplicates`).set(bearer(owner)).expect(403);
      await http().get(`/api/v1/scenarios/${fresh.id}/duplicates`).set(bearer(hangzhou)).expect(404);
      await http().post(`/api/v1/scenarios/${fresh.id}/duplicates/${earlier.id}/merge`).set(bearer(hangzhou)).send({}).expect(404);

      const linked = await http()
        .post(`/api/v1/scenarios/${fresh.id}/duplicates/${earlier.id}/link`)
        .set(bearer(ningbo))
        .send({ comment: '同一需求' })
        .expect(200);
      expect(linked.body.find((d: { other: { id: string } }) => d.other.id === earlier.id).status).toBe('linked');

      const merged = await http()
        .post(`/api/v1/scenarios/${fresh.id}/duplicates/${earlier.id}/merge`)
        .set(bearer(ningbo))
        .send({ comment: '与北仑区已发布需求一致' })
        .expect(200);
      expect(merged.body.find((d: { other: { id: string } }) => d.other.id === earlier.id)).toMatchObject({
        status: 'merged',
        mergedIntoId: earlier.id,
      });
      const dropped = await http().get(`/api/v1/scenarios/${fresh.id}`).set(bearer(owner)).expect(200);
      expect(dropped.body).toMatchObject({ status: 'withdrawn', mergedIntoId: earlier.id });
      expect((await http().get(`/api/v1/scenarios/${earlier.id}`).set(bearer(districtOwner)).expect(200)).body.status).toBe('published');
      const trail = await http().get('/api/v1/audit').query({ entityId: fresh.id }).set(bearer(ningbo)).expect(200);
      expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual(
        expect.arrayContaining(['scenario.merge', 'scenario.withdraw', 'scenario.duplicate_link', 'scenario.submit']),
      );
      // The pair is seen from the other side too, and cannot be merged twice.
      const fromKept = await http().get(`/api/v1/scenarios/${earlier.id}/duplicates`).set(bearer(ningbo)).expect(200);
      expect(fromKept.body.find((d: { other: { id: string } }) => d.other.id === fresh.id).status).toBe('merged');
      await http().post(`/api/v1/scenarios/${fresh.id}/duplicates/${earlier.id}/merge`).set(bearer(ningbo)).send({}).expect(409);
    });
  });
});
