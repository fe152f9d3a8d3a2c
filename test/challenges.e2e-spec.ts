import { INestApplicationContext } from '@nestjs/common';
import ExcelJS from 'exceljs';
import request from 'supertest';
import {
  applicationBody,
  bootWorker,
  ChallengeParty,
  challengeBody,
  challengesQueue,
  createExpert,
  createSupplier,
  inSeconds,
  notificationsOf,
  VALID_HNTE,
} from './support/challenges-fixtures';
import { bearer, createStaffAccount, TestAccount } from './support/fixtures';
import { eventually, startTestStack, TestStack } from './support/test-app';

jest.setTimeout(90_000);

describe('揭榜挂帅 challenge calls (e2e)', () => {
  let stack: TestStack;
  let worker: INestApplicationContext | undefined;
  const http = () => request(stack.app.getHttpServer());
  const base = '/api/v1/challenges';

  let cityOrganizer: TestAccount; // runs call A (宁波市)
  let provinceOrganizer: TestAccount; // runs call B, province-tier recommending body
  let countyBody: TestAccount; // 鄞州区
  let cityBody: TestAccount; // 宁波市 (recommending role in call B)
  let hangzhouOrganizer: TestAccount;
  let s1: ChallengeParty; // solo, winner
  let s2: ChallengeParty; // consortium lead
  let s3: ChallengeParty; // consortium member (高校)
  let s4: ChallengeParty; // solo
  let s5: ChallengeParty; // solo, fails the formal check
  let experts: TestAccount[]; // e[0..4] independent, e[5] from s1's org, e[6] from s3's org, e[7] declares a conflict with s2
  const applicants = () => [s1, s2, s3, s4, s5];

  let challengeA: string;
  const apps: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startTestStack({ worker: true });
    worker = stack.worker;
    cityOrganizer = await createStaffAccount(stack.app, stack.dataSource, { role: 'organizer', jurisdiction: '330200' });
    provinceOrganizer = await createStaffAccount(stack.app, stack.dataSource, { role: 'organizer', jurisdiction: '330000' });
    countyBody = await createStaffAccount(stack.app, stack.dataSource, { role: 'organizer', jurisdiction: '330212' });
    cityBody = await createStaffAccount(stack.app, stack.dataSource, { role: 'organizer', jurisdiction: '330200' });
    hangzhouOrganizer = await createStaffAccount(stack.app, stack.dataSource, { role: 'organizer', jurisdiction: '330100' });
    s1 = await createSupplier(stack, { regionCode: '330212', qualifications: VALID_HNTE, label: '甲' });
    s2 = await createSupplier(stack, { regionCode: '330206', qualifications: VALID_HNTE, label: '乙' });
    s3 = await createSupplier(stack, { regionCode: '330100', orgType: '高校', label: '丙' });
    s4 = await createSupplier(stack, { regionCode: '330203', qualifications: VALID_HNTE, label: '丁' });
    s5 = await createSupplier(stack, { regionCode: '330205', qualifications: VALID_HNTE, label: '戊' });
    experts = [];
    for (let i = 0; i < 5; i++) experts.push(await createExpert(stack, { domains: i < 3 ? ['具身智能'] : ['量子科技'] }));
    experts.push(await createExpert(stack, { domains: ['具身智能'], organizationId: s1.organizationId }));
    experts.push(await createExpert(stack, { domains: ['具身智能'], organizationId: s3.organizationId }));
    experts.push(await createExpert(stack, { domains: ['具身智能'] }));
  });

  afterAll(async () => {
    await worker?.close();
    await stack.app.close();
  });

  it('lets only organizers create calls and hides drafts outside the jurisdiction', async () => {
    await http().post(base).set(bearer(s1)).send(challengeBody()).expect(403);
    const bad = await http()
      .post(base)
      .set(bearer(cityOrganizer))
      .send(challengeBody({ rubric: [], opensAt: 'tomorrow' }))
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['rubric', 'opensAt']));
    const created = await http().post(base).set(bearer(cityOrganizer)).send(challengeBody()).expect(201);
    challengeA = created.body.id;
    expect(created.body).toMatchObject({ status: 'draft', regionCode: '330200' });
    await http().get(`${base}/${challengeA}`).set(bearer(hangzhouOrganizer)).expect(404);
    await http().get(`${base}/${challengeA}`).set(bearer(s1)).expect(404);
    await http().get(`${base}/${challengeA}`).expect(404);
    expect((await http().get(base).expect(200)).body.items.map((c: { id: string }) => c.id)).not.toContain(challengeA);
    await http().post(`${base}/${challengeA}/publish`).set(bearer(hangzhouOrganizer)).expect(404);
    const illegal = await http().post(`${base}/${challengeA}/award`).set(bearer(cityOrganizer)).send({}).expect(409);
    expect(illegal.body.allowed).toEqual(expect.arrayContaining(['publish（发榜）', 'cancel（取消榜单）']));
  });

  it('schedules window jobs on publish and replaces them when the dates change', async () => {
    const published = await http().post(`${base}/${challengeA}/publish`).set(bearer(cityOrganizer)).expect(200);
    expect(published.body.status).toBe('published');
    const queue = challengesQueue(stack);
    const oldOpen = `challenge-open__${challengeA}__${Date.parse(published.body.opensAt)}`;
    const oldClose = `challenge-close__${challengeA}__${Date.parse(published.body.closesAt)}`;
    const openJob = await queue.getJob(oldOpen);
    expect(await openJob?.getState()).toBe('delayed');
    expect(openJob!.delay).toBeGreaterThan(50_000);

    const opensAt = inSeconds(4);
    const closesAt = inSeconds(12);
    const changed = await http().put(`${base}/${challengeA}/window`).set(bearer(cityOrganizer)).send({ opensAt, closesAt }).expect(200);
    expect(changed.body.opensAt).toBe(opensAt);
    expect(await queue.getJob(oldOpen)).toBeUndefined();
    expect(await queue.getJob(oldClose)).toBeUndefined();
    const newOpen = await queue.getJob(`challenge-open__${challengeA}__${Date.parse(opensAt)}`);
    const newClose = await queue.getJob(`challenge-close__${challengeA}__${Date.parse(closesAt)}`);
    expect(await newOpen?.getState()).toBe('delayed');
    expect(newOpen!.delay).toBeLessThanOrEqual(4_000);
    expect(newClose!.delay).toBeGreaterThan(8_000);
    expect(newClose!.delay).toBeLessThanOrEqual(12_000);
  });

  it('prepares drafts (solo and consortium) before the window opens, one live application per organization', async () => {
    const a1 = await http().post(`${base}/${challengeA}/applications`).set(bearer(s1)).send(applicationBody()).expect(201);
    apps.s1 = a1.body.id;
    expect(a1.body).toMatchObject({ code: 'A-001', status: 'draft' });
    const a2 = await http()
      .post(`${base}/${challengeA}/applications`)
      .set(bearer(s2))
      .send(applicationBody({ members: [{ creditCode: s3.creditCode }] }))
      .expect(201);
    apps.s2 = a2.body.id;
    expect(a2.body.organizations).toEqual([
      expect.objectContaining({ organizationId: s2.organizationId, role: 'lead', status: 'confirmed' }),
      expect.objectContaining({ organizationId: s3.organizationId, role: 'member', status: 'invited' }),
    ]);
    apps.s4 = (await http().post(`${base}/${challengeA}/applications`).set(bearer(s4)).send(applicationBody()).expect(201)).body.id;
    apps.s5 = (await http().post(`${base}/${challengeA}/applications`).set(bearer(s5)).send(applicationBody()).expect(201)).body.id;

    // A consortium member cannot also lead its own application; a lead cannot file twice (partial unique index).
    const twice = await http().post(`${base}/${challengeA}/applications`).set(bearer(s3)).send(applicationBody()).expect(409);
    expect(twice.body.detail).toContain('只能参与一份申报');
    await http().post(`${base}/${challengeA}/applications`).set(bearer(s4)).send(applicationBody()).expect(409);
    const early = await http().post(`${base}/${challengeA}/applications/${apps.s1}/submit`).set(bearer(s1)).expect(409);
    expect(early.body.detail).toContain('尚未开放');
    // Others' drafts are private.
    await http().get(`${base}/${challengeA}/applications/${apps.s1}`).set(bearer(s4)).expect(404);
    await http().get(`${base}/${challengeA}/applications/${apps.s1}`).set(bearer(cityOrganizer)).expect(404);
  });

  it('keeps the delayed open job across a worker restart', async () => {
    await worker!.close();
    worker = undefined;
    const queue = challengesQueue(stack);
    const [{ opens_at }] = await stack.dataSource.query(`SELECT opens_at FROM challenges WHERE id = $1`, [challengeA]);
    const job = await queue.getJob(`challenge-open__${challengeA}__${new Date(opens_at).getTime()}`);
    expect(await job?.getState()).toBe('delayed');
    worker = await bootWorker(stack);
    await eventually(
      async () => {
        const res = await http().get(`${base}/${challengeA}`).set(bearer(s1)).expect(200);
        expect(res.body.status).toBe('open');
      },
      15_000,
      200,
    );
  });

  it('checks eligibility on submit and names the failed rule', async () => {
    const unconfirmed = await http().post(`${base}/${challengeA}/applications/${apps.s2}/submit`).set(bearer(s2)).expect(422);
    expect(unconfirmed.body.detail).toContain('联合体成员确认');
    await http().post(`${base}/${challengeA}/applications/${apps.s2}/confirm`).set(bearer(s4)).expect(404);
    await http().post(`${base}/${challengeA}/applications/${apps.s2}/confirm`).set(bearer(s3)).expect(200);
    const submitted = await http().post(`${base}/${challengeA}/applications/${apps.s2}/submit`).set(bearer(s2)).expect(200);
    expect(submitted.body.status).toBe('submitted');

    const outsider = await createSupplier(stack, { regionCode: '330106', qualifications: VALID_HNTE, label: '杭州' });
    const draft = await http().post(`${base}/${challengeA}/applications`).set(bearer(outsider)).send(applicationBody()).expect(201);
    const region = await http().post(`${base}/${challengeA}/applications/${draft.body.id}/submit`).set(bearer(outsider)).expect(422);
    expect(region.body.detail).toContain('不符合申报条件「注册地区」');
    expect(region.body.details).toEqual({ rule: 'region' });

    const expired = await createSupplier(stack, {
      regionCode: '330212',
      qualifications: [{ name: '高新技术企业', validFrom: '2019-01-01', validTo: '2022-12-31' }],
      label: '过期',
    });
    const d2 = await http()
      .post(`${base}/${challengeA}/applications`)
      .set(bearer(expired))
      .send(applicationBody({ indicatorResponses: [] }))
      .expect(201);
    const qual = await http().post(`${base}/${challengeA}/applications/${d2.body.id}/submit`).set(bearer(expired)).expect(422);
    expect(qual.body.detail).toContain('「资质要求」');
    await http()
      .patch(`${base}/${challengeA}/applications/${d2.body.id}`)
      .set(bearer(expired))
      .send({ indicatorResponses: [] })
      .expect(200);
    const refusedAudit = await stack.dataSource.query(
      `SELECT comment FROM audit_entries WHERE entity_id = $1 AND action = 'challenge_application.submit_refused'`,
      [d2.body.id],
    );
    expect(refusedAudit[0].comment).toContain('资质要求');

    for (const [who, id] of [
      [s1, apps.s1],
      [s4, apps.s4],
      [s5, apps.s5],
    ] as const) {
      await http().post(`${base}/${challengeA}/applications/${id}/submit`).set(bearer(who)).expect(200);
    }
  });

  it('lets an applicant withdraw before the deadline, which frees the organization for a new application', async () => {
    const s6 = await createSupplier(stack, { regionCode: '330211', qualifications: VALID_HNTE, label: '己' });
    const first = await http().post(`${base}/${challengeA}/applications`).set(bearer(s6)).send(applicationBody()).expect(201);
    await http().post(`${base}/${challengeA}/applications/${first.body.id}/submit`).set(bearer(s6)).expect(200);
    await http().post(`${base}/${challengeA}/applications/${first.body.id}/withdraw`).set(bearer(s4)).expect(404);
    const withdrawn = await http().post(`${base}/${challengeA}/applications/${first.body.id}/withdraw`).set(bearer(s6)).expect(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    await http().post(`${base}/${challengeA}/applications`).set(bearer(s6)).send(applicationBody()).expect(201);
  });

  it('closes the window on time by the delayed job; afterwards nothing can be withdrawn', async () => {
    await eventually(
      async () => {
        const res = await http().get(`${base}/${challengeA}`).set(bearer(s1)).expect(200);
        expect(res.body.status).toBe('closed');
      },
      20_000,
      200,
    );
    const late = await http().post(`${base}/${challengeA}/applications/${apps.s4}/withdraw`).set(bearer(s4)).expect(409);
    expect(late.body.detail).toContain('申报已截止');
  });

  it("lists an organization's own applications across calls in one request, never another organization's", async () => {
    const url = `${base}/applications/mine`;
    const mine = async (who: TestAccount) => (await http().get(url).set(bearer(who)).expect(200)).body;
    const ids = async (who: TestAccount) => (await mine(who)).items.map((x: { application: { id: string } }) => x.application.id);
    expect(await ids(s1)).toEqual([apps.s1]);
    expect(await ids(s2)).toEqual([apps.s2]);
    expect(await ids(s3)).toEqual([apps.s2]); // the consortium member sees the application it joined
    expect(await ids(s4)).toEqual([apps.s4]);
    const member = await mine(s3);
    expect(member).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    expect(member.items[0].challenge).toMatchObject({ id: challengeA, status: 'closed', statusLabel: expect.any(String), winnerApplicationId: null });
    // The same content as the per-call route, which stays the authority.
    const perCall = await http().get(`${base}/${challengeA}/applications`).set(bearer(s3)).expect(200);
    expect(member.items.map((x: { application: unknown }) => x.application)).toEqual(perCall.body.items);
    expect(JSON.stringify(await mine(s4))).not.toContain(s1.organizationName);
    await http().get(url).expect(401);
    await http().get(url).set(bearer(experts[0])).expect(403);
    await http().get(url).set(bearer(cityOrganizer)).expect(403);
  });

  it('runs the formal check; the applicant sees the reason', async () => {
    const list = await http().get(`${base}/${challengeA}/applications`).set(bearer(cityOrganizer)).expect(200);
    expect(list.body.items.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining([apps.s1, apps.s2, apps.s4, apps.s5]));
    expect(list.body.items.every((a: { status: string }) => a.status !== 'draft')).toBe(true);
    await http()
      .post(`${base}/${challengeA}/applications/${apps.s1}/formal-check`)
      .set(bearer(hangzhouOrganizer))
      .send({ passed: true })
      .expect(404);
    await http().post(`${base}/${challengeA}/applications/${apps.s1}/formal-check`).set(bearer(s1)).send({ passed: true }).expect(403);
    await http()
      .post(`${base}/${challengeA}/applications/${apps.s5}/formal-check`)
      .set(bearer(cityOrganizer))
      .send({ passed: false })
      .expect(400);
    await http()
      .post(`${base}/${challengeA}/applications/${apps.s5}/formal-check`)
      .set(bearer(cityOrganizer))
      .send({ passed: false, reason: '缺少法人授权书' })
      .expect(200);
    const notYet = await http().post(`${base}/${challengeA}/start-review`).set(bearer(cityOrganizer)).expect(409);
    expect(notYet.body.detail).toContain('未完成形式审查');
    for (const id of [apps.s1, apps.s2, apps.s4]) {
      await http()
        .post(`${base}/${challengeA}/applications/${id}/formal-check`)
        .set(bearer(cityOrganizer))
        .send({ passed: true })
        .expect(200);
    }
    const mine = await http().get(`${base}/${challengeA}/applications/${apps.s5}`).set(bearer(s5)).expect(200);
    expect(mine.body).toMatchObject({ status: 'rejected', formalCheckReason: '缺少法人授权书' });
    expect(await notificationsOf(stack, s5.userId, 'challenge.formal_check')).toEqual([
      expect.objectContaining({ body: expect.stringContaining('缺少法人授权书') }),
    ]);
  });

  it('assigns experts automatically, never with a conflict of interest', async () => {
    await http()
      .post(`${base}/${challengeA}/reviews/conflicts`)
      .set(bearer(s1))
      .send({ organizationId: s2.organizationId, reason: 'x' })
      .expect(403);
    await http()
      .post(`${base}/${challengeA}/reviews/conflicts`)
      .set(bearer(experts[7]))
      .send({ organizationId: s2.organizationId, reason: '近三年有合作项目' })
      .expect(201);
    const started = await http().post(`${base}/${challengeA}/start-review`).set(bearer(cityOrganizer)).expect(200);
    expect(started.body.status).toBe('reviewing');

    const overview = await http().get(`${base}/${challengeA}/reviews`).set(bearer(cityOrganizer)).expect(200);
    const on = (appId: string) =>
      overview.body.assignments
        .filter((a: { applicationId: string }) => a.applicationId === appId)
        .map((a: { expertUserId: string }) => a.expertUserId);
    for (const id of [apps.s1, apps.s2, apps.s4]) expect(on(id)).toHaveLength(5);
    expect(on(apps.s5)).toHaveLength(0);
    expect(on(apps.s1)).not.toContain(experts[5].userId); // same organization as the applicant
    expect(on(apps.s2)).not.toContain(experts[6].userId); // same organization as a consortium member
    expect(on(apps.s2)).not.toContain(experts[7].userId); // declared conflict with the lead
    const loads = experts.map((e) => overview.body.assignments.filter((a: { expertUserId: string }) => a.expertUserId === e.userId).length);
    expect(Math.max(...loads)).toBeLessThanOrEqual(3);

    // A conflict declared during the review removes the seat and a replacement is found.
    // Not experts[7]: they already declared an organization-wide conflict, checked separately below.
    const victim = on(apps.s4).find((id: string) => id !== experts[7].userId) as string;
    const victimAccount = experts.find((e) => e.userId === victim)!;
    const declared = await http()
      .post(`${base}/${challengeA}/reviews/conflicts`)
      .set(bearer(victimAccount))
      .send({ applicationId: apps.s4, reason: '亲属在该单位任职' })
      .expect(201);
    expect(declared.body.removedAssignments).toBe(1);
    // The declared application leaves the expert's task list; their declarations list keeps it (by code only).
    const victimTasks = await http().get(`${base}/${challengeA}/reviews/mine`).set(bearer(victimAccount)).expect(200);
    expect(victimTasks.body.items.map((a: { applicationId: string }) => a.applicationId)).not.toContain(apps.s4);
    const declarations = await http().get(`${base}/${challengeA}/reviews/conflicts`).set(bearer(victimAccount)).expect(200);
    expect(declarations.body.items).toEqual([
      expect.objectContaining({ applicationId: apps.s4, applicationCode: expect.stringMatching(/^A-\d+$/), reason: '亲属在该单位任职' }),
    ]);
    const byOrganization = await http().get(`${base}/${challengeA}/reviews/conflicts`).set(bearer(experts[7])).expect(200);
    expect(byOrganization.body.items).toEqual([expect.objectContaining({ applicationId: null, applicationCode: null, organizationId: s2.organizationId })]);
    await http().get(`${base}/${challengeA}/reviews/conflicts`).set(bearer(cityOrganizer)).expect(403);
    await http().get(`${base}/${challengeA}/reviews/conflicts`).set(bearer(s4)).expect(403);
    const after = await http().get(`${base}/${challengeA}/reviews`).set(bearer(cityOrganizer)).expect(200);
    const s4Experts = after.body.assignments
      .filter((a: { applicationId: string }) => a.applicationId === apps.s4)
      .map((a: { expertUserId: string }) => a.expertUserId);
    expect(s4Experts).toHaveLength(5);
    expect(s4Experts).not.toContain(victim);
    await http().get(`${base}/${challengeA}/reviews`).set(bearer(experts[0])).expect(403);
  });

  it("lists each expert's review tasks across calls in one request, never another expert's", async () => {
    const url = `${base}/reviews/mine`;
    const overview = await http().get(`${base}/${challengeA}/reviews`).set(bearer(cityOrganizer)).expect(200);
    for (const expert of experts) {
      const perCall = await http().get(`${base}/${challengeA}/reviews/mine`).set(bearer(expert)).expect(200);
      const declared = await http().get(`${base}/${challengeA}/reviews/conflicts`).set(bearer(expert)).expect(200);
      const tasks = await http().get(url).query({ status: 'reviewing' }).set(bearer(expert)).expect(200);
      if (!perCall.body.items.length && !declared.body.items.length) {
        expect(tasks.body).toMatchObject({ items: [], total: 0 });
        continue;
      }
      expect(tasks.body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
      expect(tasks.body.items[0].challenge).toMatchObject({ id: challengeA, status: 'reviewing', blindReview: true });
      expect(tasks.body.items[0].assignments).toEqual(perCall.body.items);
      expect(tasks.body.items[0].conflicts).toEqual(declared.body.items);
      const own = overview.body.assignments
        .filter((a: { expertUserId: string }) => a.expertUserId === expert.userId)
        .map((a: { assignmentId: string }) => a.assignmentId);
      expect(tasks.body.items[0].assignments.map((a: { assignmentId: string }) => a.assignmentId).sort()).toEqual(own.sort());
    }
    expect((await http().get(url).query({ status: 'awarded' }).set(bearer(experts[0])).expect(200)).body).toMatchObject({ items: [], total: 0 });
    await http().get(url).query({ status: 'nope' }).set(bearer(experts[0])).expect(400);
    await http().get(url).expect(401);
    await http().get(url).set(bearer(s1)).expect(403);
    await http().get(url).set(bearer(cityOrganizer)).expect(403);
  });

  it('blind review: no expert-facing response carries applicant identity', async () => {
    const [{ names }] = await stack.dataSource.query(`SELECT array_agg(display_name) AS names FROM users WHERE organization_id = ANY($1)`, [
      applicants().map((s) => s.organizationId),
    ]);
    const secrets = [...applicants().flatMap((s) => [s.organizationName, s.creditCode, s.organizationId, s.email]), ...(names as string[])];
    const leaks = (body: unknown) => secrets.filter((secret) => JSON.stringify(body).includes(secret));
    for (const expert of experts) {
      const mine = await http().get(`${base}/${challengeA}/reviews/mine`).set(bearer(expert)).expect(200);
      expect(leaks(mine.body)).toEqual([]);
      for (const item of mine.body.items) expect(item.applicant).toBeNull();
      const tasks = await http().get(`${base}/reviews/mine`).set(bearer(expert)).expect(200);
      // Their own declarations name the organization they declared; everything else must stay blind.
      expect(leaks(tasks.body.items.map((t: { conflicts?: unknown }) => ({ ...t, conflicts: undefined })))).toEqual([]);
      for (const task of tasks.body.items) for (const item of task.assignments) expect(item.applicant).toBeNull();
      expect(leaks((await http().get(`${base}/${challengeA}`).set(bearer(expert)).expect(200)).body)).toEqual([]);
      expect(leaks((await http().get(`${base}/${challengeA}/applications`).set(bearer(expert)).expect(403)).body)).toEqual([]);
      expect(leaks((await http().get(`${base}/${challengeA}/applications/${apps.s1}`).set(bearer(expert)).expect(404)).body)).toEqual([]);
      expect(leaks((await http().get(`${base}/${challengeA}/ranking`).set(bearer(expert)).expect(404)).body)).toEqual([]);
    }
    // Score responses are expert-facing too; checked in the next test.
    (global as unknown as { __challengeSecrets: string[] }).__challengeSecrets = secrets;
  });

  it('aggregates scores as computed by hand and ranks with the stated tie-break', async () => {
    const secrets = (global as unknown as { __challengeSecrets: string[] }).__challengeSecrets;
    // Application s1, five experts: weighted totals (tech 60 %, team 40 %) 86, 66, 84, 100, 56 →
    // drop 100 and 56 → (86 + 66 + 84) / 3 = 78.6667. s4: all 76; s2: all 70.
    const s1Sheets = [
      [90, 80],
      [70, 60],
      [80, 90],
      [100, 100],
      [60, 50],
    ];
    let s1Index = 0;
    const overview = await http().get(`${base}/${challengeA}/reviews`).set(bearer(cityOrganizer)).expect(200);
    let first = true;
    for (const a of overview.body.assignments as Array<{ assignmentId: string; applicationId: string; expertUserId: string }>) {
      const [tech, team] = a.applicationId === apps.s1 ? s1Sheets[s1Index++] : a.applicationId === apps.s4 ? [80, 70] : [70, 70];
      const expert = experts.find((e) => e.userId === a.expertUserId)!;
      const other = experts.find((e) => e.userId !== a.expertUserId)!;
      const payload = {
        scores: [
          { criterionKey: 'tech', score: tech, comment: '方案可行' },
          { criterionKey: 'team', score: team, comment: '团队较强' },
        ],
      };
      await http().post(`${base}/${challengeA}/reviews/${a.assignmentId}/scores`).set(bearer(other)).send(payload).expect(404);
      if (first) {
        await http()
          .post(`${base}/${challengeA}/reviews/${a.assignmentId}/scores`)
          .set(bearer(expert))
          .send({ scores: [payload.scores[0]] })
          .expect(400);
      }
      const res = await http().post(`${base}/${challengeA}/reviews/${a.assignmentId}/scores`).set(bearer(expert)).send(payload).expect(200);
      expect(res.body.weightedTotal).toBeCloseTo(tech * 0.6 + team * 0.4, 4);
      expect(secrets.filter((s) => JSON.stringify(res.body).includes(s))).toEqual([]);
      if (first) {
        await http().post(`${base}/${challengeA}/reviews/${a.assignmentId}/scores`).set(bearer(expert)).send(payload).expect(409);
        const early = await http().post(`${base}/${challengeA}/publish-notice`).set(bearer(cityOrganizer)).expect(409);
        expect(early.body.detail).toContain('评分尚未全部提交');
        first = false;
      }
    }
    const ranking = await http().get(`${base}/${challengeA}/ranking`).set(bearer(cityOrganizer)).expect(200);
    expect(ranking.body.items.map((r: { applicationId: string }) => r.applicationId)).toEqual([apps.s1, apps.s4, apps.s2]);
    expect(ranking.body.items[0]).toMatchObject({
      rank: 1,
      finalScore: 78.6667,
      expertCount: 5,
      droppedExtremes: true,
      proposedWinner: true,
      applicantName: s1.organizationName,
    });
    expect([...ranking.body.items[0].expertTotals].sort((a: number, b: number) => a - b)).toEqual([56, 66, 84, 86, 100]);
    expect(ranking.body.items[1]).toMatchObject({ finalScore: 76, tieBreakScore: 80 });
    expect(ranking.body.items[2]).toMatchObject({ finalScore: 70, memberOrganizationNames: [s3.organizationName] });
    expect(ranking.body.tieBreakRule).toContain('权重最高评分项');
  });

  it('publishes the notice, takes objections, and blocks the award until the notice ended and every objection is answered', async () => {
    const notice = await http().post(`${base}/${challengeA}/publish-notice`).set(bearer(cityOrganizer)).expect(200);
    expect(notice.body.status).toBe('notice');
    const endsAt = Date.parse(notice.body.noticeEndsAt);
    expect(endsAt - Date.now()).toBeGreaterThan(5 * 86_400_000 - 60_000);
    const job = await challengesQueue(stack).getJob(`challenge-notice-end__${challengeA}__${endsAt}`);
    expect(await job?.getState()).toBe('delayed');

    const publicRanking = await http().get(`${base}/${challengeA}/ranking`).set(bearer(s4)).expect(200);
    expect(publicRanking.body.items[0]).toMatchObject({ applicantName: s1.organizationName, proposedWinner: true });
    expect(publicRanking.body.items[0].expertTotals).toBeUndefined();
    // 公示 is public: anyone, logged in or not, sees the ranking and the proposed winner.
    const anonymousRanking = await http().get(`${base}/${challengeA}/ranking`).expect(200);
    expect(anonymousRanking.body.items[0]).toMatchObject({ applicantName: s1.organizationName, proposedWinner: true });
    expect(anonymousRanking.body.items[0].expertTotals).toBeUndefined();
    expect((await http().get(`${base}/${challengeA}`).expect(200)).body.status).toBe('notice');

    const objection = await http()
      .post(`${base}/${challengeA}/objections`)
      .set(bearer(s4))
      .send({ content: '第一名的检测报告是否在有效期内？' })
      .expect(201);
    await http()
      .get(`${base}/${challengeA}/objections`)
      .set(bearer(s2))
      .expect(200)
      .expect((res) => expect(res.body.items).toEqual([]));
    const tooEarly = await http().post(`${base}/${challengeA}/award`).set(bearer(cityOrganizer)).send({}).expect(409);
    expect(tooEarly.body.detail).toContain('公示期尚未结束');

    // Fast-forward the delayed job (the real worker runs it); it re-checks the date in PostgreSQL.
    await job!.promote();
    await eventually(async () => {
      const res = await http().get(`${base}/${challengeA}`).set(bearer(s4)).expect(200);
      expect(res.body.noticeEndedAt).not.toBeNull();
    });
    await http().post(`${base}/${challengeA}/objections`).set(bearer(s4)).send({ content: '再提一条' }).expect(409);
    const blocked = await http().post(`${base}/${challengeA}/award`).set(bearer(cityOrganizer)).send({}).expect(409);
    expect(blocked.body.detail).toContain('1 条异议未答复');

    await http().post(`${base}/${challengeA}/objections/${objection.body.id}/answer`).set(bearer(s1)).send({ answer: '不' }).expect(403);
    await http()
      .post(`${base}/${challengeA}/objections/${objection.body.id}/answer`)
      .set(bearer(cityOrganizer))
      .send({ answer: '经核查，报告在有效期内，异议不成立' })
      .expect(200);
    const seen = await http().get(`${base}/${challengeA}/objections`).set(bearer(s4)).expect(200);
    expect(seen.body.items[0]).toMatchObject({ answer: '经核查，报告在有效期内，异议不成立', mine: true });

    const awarded = await http()
      .post(`${base}/${challengeA}/award`)
      .set(bearer(cityOrganizer))
      .send({ comment: '按公示结果确定' })
      .expect(200);
    expect(awarded.body).toMatchObject({ status: 'awarded', winnerApplicationId: apps.s1 });
  });

  it('turns the winner plan into milestones with reminders and overdue escalation', async () => {
    await http().post(`${base}/${challengeA}/start-work`).set(bearer(s4)).expect(403);
    expect((await http().post(`${base}/${challengeA}/start-work`).set(bearer(s1)).expect(200)).body.status).toBe('in_progress');
    await http().get(`${base}/${challengeA}/milestones`).set(bearer(s4)).expect(404);
    const list = await http().get(`${base}/${challengeA}/milestones`).set(bearer(s1)).expect(200);
    expect(list.body.items.map((x: { title: string }) => x.title)).toEqual(['完成样机研制', '完成现场验证']);
    const [m1, m2] = list.body.items;

    const queue = challengesQueue(stack);
    expect(await queue.getJob(`milestone-overdue__${m1.id}__${Date.parse(m1.dueAt)}`)).toBeDefined();
    const dueAt = inSeconds(3);
    await http().put(`${base}/${challengeA}/milestones/${m1.id}/due-date`).set(bearer(cityOrganizer)).send({ dueAt }).expect(200);
    expect(await queue.getJob(`milestone-overdue__${m1.id}__${Date.parse(m1.dueAt)}`)).toBeUndefined();
    expect(await queue.getJob(`milestone-reminder__${m1.id}__${Date.parse(dueAt)}`)).toBeDefined();

    await http()
      .post(`${base}/${challengeA}/milestones/${m2.id}/progress`)
      .set(bearer(s1))
      .send({ percent: 50, note: '样机装配中' })
      .expect(200);
    await eventually(
      async () => {
        expect(await notificationsOf(stack, s1.userId, 'challenge.milestone_reminder')).toHaveLength(1);
      },
      15_000,
      200,
    );
    await eventually(
      async () => {
        const escalations = await notificationsOf(stack, cityOrganizer.userId, 'challenge.milestone_overdue');
        expect(escalations).toEqual([expect.objectContaining({ title: expect.stringContaining('逾期督办') })]);
      },
      15_000,
      200,
    );
    const overdue = await http().get(`${base}/${challengeA}/milestones`).set(bearer(cityOrganizer)).expect(200);
    expect(overdue.body.items[0]).toMatchObject({ overdue: true, escalatedAt: expect.any(String), remindedAt: expect.any(String) });

    const accEarly = await http().post(`${base}/${challengeA}/acceptance`).set(bearer(cityOrganizer)).expect(409);
    expect(accEarly.body.detail).toContain('里程碑未完成');
    for (const m of [m1, m2])
      await http()
        .post(`${base}/${challengeA}/milestones/${m.id}/progress`)
        .set(bearer(s1))
        .send({ percent: 100, note: '已交付' })
        .expect(200);
  });

  it('accepts the work by expert verdicts, exports the file and audits every step', async () => {
    const started = await http().post(`${base}/${challengeA}/acceptance`).set(bearer(cityOrganizer)).expect(200);
    const reviewers = started.body.reviews.map((r: { expertUserId: string }) => r.expertUserId);
    expect(reviewers).toHaveLength(5);
    expect(reviewers).not.toContain(experts[5].userId);
    const verdicts = reviewers.map((id: string, i: number) => ({ expert: experts.find((e) => e.userId === id)!, passed: i !== 0 }));
    const outsider = experts.find((e) => !reviewers.includes(e.userId))!;
    const acceptanceUrl = `${base}/acceptance/mine`;
    for (const id of reviewers) {
      const mine = await http().get(acceptanceUrl).set(bearer(experts.find((e) => e.userId === id)!)).expect(200);
      expect(mine.body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
      expect(mine.body.items).toEqual([
        { challenge: expect.objectContaining({ id: challengeA, status: 'in_progress' }), review: { expertUserId: id, passed: null, comment: null, submittedAt: null } },
      ]);
    }
    expect((await http().get(acceptanceUrl).set(bearer(outsider)).expect(200)).body).toMatchObject({ items: [], total: 0 });
    await http().get(acceptanceUrl).expect(401);
    await http().get(acceptanceUrl).set(bearer(s1)).expect(403);
    await http().post(`${base}/${challengeA}/acceptance/verdict`).set(bearer(outsider)).send({ passed: true }).expect(404);
    let last;
    for (const v of verdicts)
      last = await http()
        .post(`${base}/${challengeA}/acceptance/verdict`)
        .set(bearer(v.expert))
        .send({ passed: v.passed, comment: '意见' })
        .expect(200);
    expect(last!.body).toMatchObject({ challengeStatus: 'accepted', outcome: true });
    const judged = await http().get(acceptanceUrl).set(bearer(verdicts[0].expert)).expect(200);
    expect(judged.body.items[0]).toMatchObject({ challenge: { status: 'accepted' }, review: { passed: false, comment: '意见', submittedAt: expect.any(String) } });

    const file = await http()
      .get(`${base}/${challengeA}/export`)
      .set(bearer(cityOrganizer))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['榜单信息', '申报单位', '专家评分', '评审结果']);
    expect(wb.getWorksheet('评审结果')!.getRow(2).values).toEqual(expect.arrayContaining([1, 'A-001', s1.organizationName, 78.6667]));
    expect(wb.getWorksheet('专家评分')!.rowCount).toBe(16);
    await http().get(`${base}/${challengeA}/export`).set(bearer(s1)).expect(403);

    const actions: Array<{ action: string }> = await stack.dataSource.query(
      `SELECT action FROM audit_entries WHERE entity_id = $1 ORDER BY id`,
      [challengeA],
    );
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'challenge.create',
        'challenge.publish',
        'challenge.change_window',
        'challenge.open',
        'challenge.close',
        'challenge.startReview',
        'challenge.assign_experts',
        'challenge.aggregate',
        'challenge.publishNotice',
        'challenge.notice_end',
        'challenge.award',
        'challenge.startWork',
        'challenge.acceptance_start',
        'challenge.accept',
        'challenge.export',
      ]),
    );
  });

  it('refuses a submission one second after the deadline even before the close job ran', async () => {
    const created = await http()
      .post(base)
      .set(bearer(cityOrganizer))
      .send(challengeBody({ opensAt: inSeconds(1), closesAt: inSeconds(3600) }))
      .expect(201);
    const id = created.body.id;
    await http().post(`${base}/${id}/publish`).set(bearer(cityOrganizer)).expect(200);
    const onTime = await createSupplier(stack, { regionCode: '330212', qualifications: VALID_HNTE, label: '准时' });
    const late = await createSupplier(stack, { regionCode: '330212', qualifications: VALID_HNTE, label: '迟到' });
    const a = await http().post(`${base}/${id}/applications`).set(bearer(onTime)).send(applicationBody()).expect(201);
    const b = await http().post(`${base}/${id}/applications`).set(bearer(late)).send(applicationBody()).expect(201);
    await eventually(async () => expect((await http().get(`${base}/${id}`).set(bearer(late)).expect(200)).body.status).toBe('open'));
    await http().post(`${base}/${id}/applications/${a.body.id}/submit`).set(bearer(onTime)).expect(200);
    // The deadline passed a second ago; the close job (scheduled for the original date) has not run.
    await stack.dataSource.query(
      `UPDATE challenges SET opens_at = now() - interval '1 minute', closes_at = now() - interval '1 second' WHERE id = $1`,
      [id],
    );
    const refused = await http().post(`${base}/${id}/applications/${b.body.id}/submit`).set(bearer(late)).expect(409);
    expect(refused.body.detail).toContain('申报已截止');
    const still = await http().get(`${base}/${id}`).set(bearer(late)).expect(200);
    expect(still.body.status).toBe('open');
    expect((await http().get(`${base}/${id}/applications/${b.body.id}`).set(bearer(late)).expect(200)).body.status).toBe('draft');
  });

  it('passes recommendations up county → city → province within quotas; each body sees only its region', async () => {
    const recBody = challengeBody({
      eligibility: { regions: ['330000'], organizationTypes: [], qualifications: [], consortiumAllowed: false, maxMembers: 1 },
      recommendation: { required: true, quotas: { county: 1, city: 1, province: 2 } },
      opensAt: inSeconds(1),
      closesAt: inSeconds(600),
    });
    const id = (await http().post(base).set(bearer(provinceOrganizer)).send(recBody).expect(201)).body.id;
    await http().post(`${base}/${id}/publish`).set(bearer(provinceOrganizer)).expect(200);
    const r1 = await createSupplier(stack, { regionCode: '330212', label: '鄞州一' });
    const r2 = await createSupplier(stack, { regionCode: '330212', label: '鄞州二' });
    const r3 = await createSupplier(stack, { regionCode: '330203', label: '海曙' });
    await eventually(async () => expect((await http().get(`${base}/${id}`).set(bearer(r1)).expect(200)).body.status).toBe('open'));
    const ids: string[] = [];
    for (const r of [r1, r2, r3]) {
      const draft = await http().post(`${base}/${id}/applications`).set(bearer(r)).send(applicationBody()).expect(201);
      await http().post(`${base}/${id}/applications/${draft.body.id}/submit`).set(bearer(r)).expect(200);
      ids.push(draft.body.id);
    }
    const countyList = await http().get(`${base}/${id}/applications`).set(bearer(countyBody)).expect(200);
    expect(countyList.body.items.map((a: { id: string }) => a.id).sort()).toEqual([ids[0], ids[1]].sort());
    await http().get(`${base}/${id}/applications/${ids[2]}`).set(bearer(countyBody)).expect(404);
    await http().post(`${base}/${id}/applications/${ids[2]}/recommend`).set(bearer(countyBody)).send({}).expect(404);
    expect((await http().get(`${base}/${id}/applications`).set(bearer(cityBody)).expect(200)).body.total).toBe(3);

    const skip = await http().post(`${base}/${id}/applications/${ids[0]}/recommend`).set(bearer(cityBody)).send({}).expect(409);
    expect(skip.body.detail).toContain('须先经区县级推荐');
    await http().post(`${base}/${id}/applications/${ids[0]}/recommend`).set(bearer(countyBody)).send({ comment: '同意推荐' }).expect(200);
    const quota = await http().post(`${base}/${id}/applications/${ids[1]}/recommend`).set(bearer(countyBody)).send({}).expect(409);
    expect(quota.body.detail).toContain('推荐名额已用完');
    await http().post(`${base}/${id}/applications/${ids[0]}/recommend`).set(bearer(cityBody)).send({}).expect(200);
    const done = await http().post(`${base}/${id}/applications/${ids[0]}/recommend`).set(bearer(provinceOrganizer)).send({}).expect(200);
    expect(done.body.recommendations.map((r: { level: string }) => r.level)).toEqual(['county', 'city', 'province']);
    await http().post(`${base}/${id}/applications/${ids[2]}/recommend`).set(bearer(s1)).send({}).expect(403);

    await http()
      .put(`${base}/${id}/window`)
      .set(bearer(provinceOrganizer))
      .send({ opensAt: recBody.opensAt, closesAt: inSeconds(1) })
      .expect(200);
    await eventually(async () => expect((await http().get(`${base}/${id}`).set(bearer(r1)).expect(200)).body.status).toBe('closed'));
    const unendorsed = await http()
      .post(`${base}/${id}/applications/${ids[1]}/formal-check`)
      .set(bearer(provinceOrganizer))
      .send({ passed: true })
      .expect(409);
    expect(unendorsed.body.detail).toContain('尚未获得省级推荐');
    await http()
      .post(`${base}/${id}/applications/${ids[0]}/formal-check`)
      .set(bearer(provinceOrganizer))
      .send({ passed: true })
      .expect(200);
  });

  it('cancels a published call and removes its window jobs', async () => {
    const created = await http().post(base).set(bearer(cityOrganizer)).send(challengeBody()).expect(201);
    const id = created.body.id;
    const published = await http().post(`${base}/${id}/publish`).set(bearer(cityOrganizer)).expect(200);
    const jobId = `challenge-close__${id}__${Date.parse(published.body.closesAt)}`;
    expect(await challengesQueue(stack).getJob(jobId)).toBeDefined();
    expect(
      (await http().post(`${base}/${id}/cancel`).set(bearer(cityOrganizer)).send({ comment: '预算调整' }).expect(200)).body.status,
    ).toBe('cancelled');
    expect(await challengesQueue(stack).getJob(jobId)).toBeUndefined();
    const again = await http().post(`${base}/${id}/cancel`).set(bearer(cityOrganizer)).send({}).expect(409);
    expect(again.body.allowed).toEqual([]);
    await http().get(`${base}/${id}`).set(bearer(s1)).expect(404);
  });
});
