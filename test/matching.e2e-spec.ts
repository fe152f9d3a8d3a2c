import { Match, Notification } from '@app/database';
import { CandidateCapabilityLoader, CapabilityProfileStore, MatchingService, SCORING_CONFIG } from '@app/matching';
import { IndexingProducer, MatchingJob, MatchingProducer, stableJobId } from '@app/queue';
import request from 'supertest';
import { TestAccount, bearer, createStaffAccount, registerAccount } from './support/fixtures';
import { editCapability, editScenario, insertPublishedCapability, insertPublishedScenario, setCapabilityStatus, setScenarioStatus } from './support/matching-fixtures';
import { TestStack, eventually, startTestStack } from './support/test-app';

describe('Matching (match-scenario / match-capability jobs, suggestions, actions)', () => {
  let stack: TestStack;
  let owner: TestAccount;
  let supplier: TestAccount;
  let otherSupplier: TestAccount;
  let thirdParty: TestAccount;
  let organizerNingbo: TestAccount;
  let organizerWenzhou: TestAccount;
  let scenarioId: string;
  let robotId: string;
  let infraredId: string;
  let cultureMediumId: string;
  let robotMatchId: string;

  const http = () => request(stack.app.getHttpServer());
  const drain = () => stack.app.get(IndexingProducer).drainOutbox('matching-e2e');
  const scenarioMatches = async (account: TestAccount = owner, query = '') => {
    const res = await http().get(`/api/v1/scenarios/${scenarioId}/matches${query}`).set(bearer(account));
    expect(res.status).toBe(200);
    return res.body.items as Array<{ id: string; score: number; explanation: string; status: string; stale: boolean; capability: { id: string }; breakdown: unknown[] }>;
  };
  /** Both directions' jobs for the current changes have finished (the worker runs them two at a time). */
  const matchingIdle = () =>
    eventually(async () => {
      const counts = await stack.app.get(MatchingProducer).queue.getJobCounts('active', 'waiting', 'delayed', 'prioritized');
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(0);
    }, 30_000);
  const rowsOfScenario = () => stack.dataSource.getRepository(Match).find({ where: { scenarioId }, order: { capabilityId: 'ASC' } });

  beforeAll(async () => {
    // Scores depend on term statistics over the whole published pool, so this file gets a market of its own.
    stack = await startTestStack({ worker: true, isolated: true });
    owner = await registerAccount(stack.app, { role: 'owner', regionCode: '330212', orgType: '国有企业' });
    supplier = await registerAccount(stack.app, { role: 'supplier', regionCode: '330212' });
    otherSupplier = await registerAccount(stack.app, { role: 'supplier', regionCode: '330106' });
    thirdParty = await registerAccount(stack.app, { role: 'owner', regionCode: '330212' });
    organizerNingbo = await createStaffAccount(stack.app, stack.dataSource, { role: 'organizer', jurisdiction: '330200' });
    organizerWenzhou = await createStaffAccount(stack.app, stack.dataSource, { role: 'organizer', jurisdiction: '330300' });
    await stack.dataSource.query(`UPDATE organizations SET qualifications = $2 WHERE id = $1`, [
      supplier.organizationId,
      JSON.stringify([{ name: '高新技术企业' }, { name: '专精特新中小企业' }]),
    ]);

    const robot = await insertPublishedCapability(stack.dataSource, supplier.organizationId, supplier.userId, {
      title: '变电站四足巡检机器人',
      description:
        '四足巡检机器人，搭载红外热像仪和局放检测传感器，支持变电站夜间自主巡检、表计读数识别和异常告警。主要参数：续航4小时，防护等级IP66，爬坡30度。已在宁波、杭州12座变电站落地应用。',
      domains: ['具身智能'],
      kind: '产品',
      trl: 8,
      regionCode: '330212',
      priceMinWan: 60,
      priceMaxWan: 120,
    });
    const infrared = await insertPublishedCapability(stack.dataSource, otherSupplier.organizationId, otherSupplier.userId, {
      title: '电力设备红外测温在线监测系统',
      description: '固定式红外测温装置，对开关柜、变压器接头温度进行在线监测和越限告警，支持变电站综合监控平台接入。',
      domains: ['具身智能'],
      kind: '解决方案',
      trl: 9,
      regionCode: '330106',
      priceMinWan: 20,
      priceMaxWan: 60,
    });
    const culture = await insertPublishedCapability(stack.dataSource, otherSupplier.organizationId, otherSupplier.userId, {
      title: '无血清细胞培养基',
      description: '用于CHO细胞和干细胞培养的化学成分确定培养基，批间差小于5%，支持GMP生产。',
      domains: ['生物制造'],
      kind: '产品',
    });
    robotId = robot.id;
    infraredId = infrared.id;
    cultureMediumId = culture.id;
    const scenario = await insertPublishedScenario(stack.dataSource, owner.organizationId, owner.userId, {
      title: '变电站夜间无人巡检',
      description:
        '我单位运维的110千伏变电站夜间依靠人工巡检，效率低、存在安全风险。核心需求：引入巡检机器人实现夜间自主巡检，完成红外测温、表计读数识别和异常告警，结果接入现有监控平台。落地条件：可提供试点变电站；预算80–150万元，2026年底前上线。',
      domains: ['具身智能'],
      regionCode: '330212',
      budgetMinWan: 80,
      budgetMaxWan: 150,
      minTrl: 6,
      anonymous: true,
      contact: { name: '王工', phone: '0574-87000001', email: 'wang.substation@test.scenario-exchange.cn' },
    });
    scenarioId = scenario.id;
    await drain();
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('stores ranked, explained suggestions for a published scenario', async () => {
    // The capability side's job may store the pair first; wait for the scenario's own job to list it.
    const items = await eventually(async () => {
      const list = await scenarioMatches();
      expect(list.map((item) => item.capability.id)).toContain(robotId);
      const row = await stack.dataSource.getRepository(Match).findOneByOrFail({ scenarioId, capabilityId: robotId });
      expect(row.listedForScenario).toBe(true);
      return scenarioMatches();
    }, 30_000);
    const top = items[0];
    expect(top.capability.id).toBe(robotId);
    robotMatchId = top.id;
    expect(top.score).toBeGreaterThan(0.6);
    expect(top.explanation).toContain('同属具身智能领域');
    expect(top.explanation).toContain('TRL 8 ≥ 要求 6');
    expect(top.explanation).toContain('在预算内');
    expect(top.breakdown).toHaveLength(8);
    for (const feature of top.breakdown as Array<{ name: string; value: number | null; weight: number; contribution: number; label: string }>) {
      expect(typeof feature.weight).toBe('number');
      expect(typeof feature.contribution).toBe('number');
      expect(feature.label).toBeTruthy();
    }
    const sum = (top.breakdown as Array<{ contribution: number }>).reduce((total, feature) => total + feature.contribution, 0);
    expect(sum).toBeCloseTo(top.score, 3);
    // The unrelated culture medium is either not suggested at all or far below the robot.
    const culture = items.find((item) => item.capability.id === cultureMediumId);
    if (culture) expect(culture.score).toBeLessThan(top.score - 0.2);

    const stored = await stack.dataSource.getRepository(Match).findOneByOrFail({ id: robotMatchId });
    expect(stored.scoringVersion).toBe(SCORING_CONFIG.version);
    expect(stored.scenarioVersion).toBe(1);
    expect(stored.listedForScenario).toBe(true);
  });

  it('keeps each published capability\'s segmented text for scoring, recomputed when the text changes', async () => {
    const profileRow = async (): Promise<{ source_key: string; profile: { titleTerms: string[]; terms: Array<[string, number]> }; statistics_terms: string[]; term_hashes: Buffer } | undefined> =>
      (
        await stack.dataSource.query(`SELECT source_key, profile, statistics_terms, term_hashes FROM capability_match_profiles WHERE capability_id = $1`, [
          cultureMediumId,
        ])
      )[0];
    const before = await eventually(async () => {
      const row = await profileRow();
      expect(row?.profile.titleTerms.length).toBeGreaterThan(0);
      return row as NonNullable<typeof row>;
    }, 30_000);
    expect(before.statistics_terms.length).toBeGreaterThan(0);
    // One float64 hash per distinct term: what candidates load for scoring.
    expect(before.term_hashes.length).toBe(8 * before.profile.terms.length);
    await editCapability(stack.dataSource, cultureMediumId, { title: '无血清细胞培养基冻干配方' });
    await drain();
    await eventually(async () => {
      const row = await profileRow();
      expect(row?.source_key).not.toBe(before.source_key);
      expect(row?.profile.titleTerms).toContain('冻干');
    }, 30_000);
  });

  it('fills in profiles stored without term hashes (as before the column existed), and only those', async () => {
    const store = stack.worker!.get(CapabilityProfileStore);
    await store.backfill({ missingOnly: true });
    await stack.dataSource.query(`UPDATE capability_match_profiles SET term_hashes = NULL WHERE capability_id = $1`, [cultureMediumId]);
    expect(await store.backfill({ missingOnly: true })).toBe(1);
    const [row] = await stack.dataSource.query(`SELECT term_hashes FROM capability_match_profiles WHERE capability_id = $1`, [cultureMediumId]);
    expect(row.term_hashes.length).toBeGreaterThan(0);
    expect(await store.backfill({ missingOnly: true })).toBe(0);
  });

  it('shows the supplier its suggested scenario with the anonymous owner label, and matches the reverse direction', async () => {
    const res = await eventually(async () => {
      const response = await http().get(`/api/v1/capabilities/${robotId}/matches`).set(bearer(supplier));
      expect(response.status).toBe(200);
      expect(response.body.items.map((item: { scenario: { id: string } }) => item.scenario.id)).toContain(scenarioId);
      return response;
    }, 30_000);
    const item = res.body.items.find((entry: { scenario: { id: string } }) => entry.scenario.id === scenarioId);
    expect(item.viewerSide).toBe('supplier');
    expect(item.scenario.ownerDisplayName).not.toContain('测试单位');
    const listed = await stack.dataSource.getRepository(Match).findOneByOrFail({ id: robotMatchId });
    expect(listed.listedForCapability).toBe(true);
  });

  it('notifies both parties of a strong match exactly once, and a rerun stores the same rows', async () => {
    const countFor = (userId: string) =>
      stack.dataSource.getRepository(Notification).count({ where: { userId, kind: 'match.suggested', dedupeKey: `match-strong:${robotMatchId}` } });
    await eventually(async () => {
      expect(await countFor(owner.userId)).toBe(1);
      expect(await countFor(supplier.userId)).toBe(1);
    });
    await matchingIdle();
    const before = await rowsOfScenario();
    const service = stack.worker!.get(MatchingService);
    // Two runs at once, as a retried job racing its first attempt would.
    await Promise.all([service.matchScenario(scenarioId), service.matchScenario(scenarioId)]);
    // And the job enqueued again under a fresh id.
    const jobId = stableJobId(MatchingJob.MatchScenario, scenarioId, 1, 'rerun');
    await stack.app.get(MatchingProducer).add(MatchingJob.MatchScenario, { scenarioId, version: 1 }, { jobId });
    await eventually(async () => {
      const job = await stack.app.get(MatchingProducer).queue.getJob(jobId);
      expect(await job?.getState()).toBe('completed');
    });
    const after = await rowsOfScenario();
    expect(after.map((row) => [row.capabilityId, row.score, row.explanation, row.updatedAt.getTime()])).toEqual(
      before.map((row) => [row.capabilityId, row.score, row.explanation, row.updatedAt.getTime()]),
    );
    expect(await countFor(owner.userId)).toBe(1);
    expect(await countFor(supplier.userId)).toBe(1);
  });

  it('a match job that fails part-way is retried and stores one complete result, not two', async () => {
    const title = '港区堆场夜间巡检机器人（失败重试）';
    // A real failure inside the job's write transaction, on its first attempt only (a sequence is not rolled back).
    await stack.dataSource.query(`CREATE SEQUENCE IF NOT EXISTS match_failure_probe`);
    await stack.dataSource.query(`
      CREATE OR REPLACE FUNCTION fail_first_match_write() RETURNS trigger AS $$
      BEGIN
        IF NEW.scenario_id IN (SELECT id FROM scenarios WHERE title = '${title}') THEN
          IF nextval('match_failure_probe') = 1 THEN RAISE EXCEPTION 'injected failure'; END IF;
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await stack.dataSource.query(`CREATE TRIGGER fail_first_match_write BEFORE INSERT ON matches FOR EACH ROW EXECUTE FUNCTION fail_first_match_write()`);
    try {
      const scenario = await insertPublishedScenario(stack.dataSource, owner.organizationId, owner.userId, {
        title,
        description: '港区堆场需要夜间自主巡检，四足巡检机器人识别设备发热和表计读数，异常自动告警。',
        domains: ['具身智能'],
        minTrl: 6,
      });
      await drain();
      const jobId = stableJobId(MatchingJob.MatchScenario, scenario.id, scenario.version, 'published');
      const job = await eventually(async () => {
        const found = await stack.app.get(MatchingProducer).queue.getJob(jobId);
        expect(await found?.getState()).toBe('completed');
        return found!;
      }, 30_000);
      expect(job.attemptsMade).toBe(2);
      const rows: Array<{ capability_id: string }> = await stack.dataSource.query(`SELECT capability_id FROM matches WHERE scenario_id = $1`, [scenario.id]);
      expect(rows.map((row) => row.capability_id)).toContain(robotId);
      // The retry left nothing half-done: matching again changes nothing, and each strong match was announced once.
      const again = await stack.worker!.get(MatchingService).matchScenario(scenario.id);
      expect(again.stored).toBe(0);
      const strong: Array<{ id: string }> = await stack.dataSource.query(
        `SELECT id FROM matches WHERE scenario_id = $1 AND listed_for_scenario AND score >= $2 AND notified_at IS NOT NULL`,
        [scenario.id, SCORING_CONFIG.strongMatchThreshold],
      );
      expect(strong.length).toBeGreaterThan(0);
      const [{ count }] = await stack.dataSource.query(`SELECT count(*)::int AS count FROM notifications WHERE user_id = $1 AND dedupe_key = ANY($2::text[])`, [
        owner.userId,
        strong.map((row) => `match-strong:${row.id}`),
      ]);
      expect(count).toBe(strong.length);
    } finally {
      await stack.dataSource.query(`DROP TRIGGER IF EXISTS fail_first_match_write ON matches`);
      await stack.dataSource.query(`DROP FUNCTION IF EXISTS fail_first_match_write()`);
      await stack.dataSource.query(`DROP SEQUENCE IF EXISTS match_failure_probe`);
    }
  });

  it('hides a match from third parties and from organizers of another region', async () => {
    for (const account of [thirdParty, otherSupplier, organizerWenzhou]) {
      expect((await http().get(`/api/v1/matches/${robotMatchId}`).set(bearer(account))).status).toBe(404);
      expect((await http().post(`/api/v1/matches/${robotMatchId}/interest`).set(bearer(account))).status).toBe(404);
      expect((await http().post(`/api/v1/matches/${robotMatchId}/contact`).set(bearer(account))).status).toBe(404);
    }
    expect((await http().get(`/api/v1/scenarios/${scenarioId}/matches`).set(bearer(thirdParty))).status).toBe(404);
    expect((await http().get(`/api/v1/scenarios/${scenarioId}/matches`).set(bearer(supplier))).status).toBe(404);
    expect((await http().get(`/api/v1/capabilities/${robotId}/matches`).set(bearer(owner))).status).toBe(404);
    expect((await http().get(`/api/v1/capabilities/${robotId}/matches`).set(bearer(otherSupplier))).status).toBe(404);
    const seen = await http().get(`/api/v1/matches/${robotMatchId}`).set(bearer(organizerNingbo));
    expect(seen.status).toBe(200);
    expect(seen.body.viewerSide).toBe('organizer');
    expect((await http().get('/api/v1/matches/not-a-uuid').set(bearer(owner))).status).toBe(400);
  });

  it('reveals contacts only after mutual interest', async () => {
    expect((await http().post(`/api/v1/matches/${robotMatchId}/interest`).set(bearer(organizerNingbo))).status).toBe(403);
    const first = await http().post(`/api/v1/matches/${robotMatchId}/interest`).set(bearer(owner));
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('interested_owner');
    expect((await http().post(`/api/v1/matches/${robotMatchId}/interest`).set(bearer(owner))).status).toBe(409);
    for (const account of [owner, supplier]) {
      const locked = await http().post(`/api/v1/matches/${robotMatchId}/contact`).set(bearer(account));
      expect(locked.status).toBe(409);
      expect(JSON.stringify(locked.body)).not.toContain('0574-87000001');
      expect(JSON.stringify(locked.body)).not.toContain(supplier.email);
    }
    const second = await http().post(`/api/v1/matches/${robotMatchId}/interest`).set(bearer(supplier));
    expect(second.status).toBe(200);
    expect(second.body.status).toBe('mutual');
    expect(second.body.allowedActions).toContain('contact');
    for (const account of [owner, supplier]) {
      const contacts = await http().post(`/api/v1/matches/${robotMatchId}/contact`).set(bearer(account));
      expect(contacts.status).toBe(200);
      expect(contacts.body.owner.phone).toBe('0574-87000001');
      expect(contacts.body.supplier.people.map((p: { email: string }) => p.email)).toContain(supplier.email);
    }
    const feedback: Array<{ action: string; side: string }> = await stack.dataSource.query(
      `SELECT action, side FROM match_feedback WHERE match_id = $1 ORDER BY created_at`,
      [robotMatchId],
    );
    expect(feedback.filter((row) => row.action === 'interest').map((row) => row.side)).toEqual(['owner', 'supplier']);
    expect(feedback.filter((row) => row.action === 'contact')).toHaveLength(2);
    const mutualNotes = await stack.dataSource.getRepository(Notification).count({ where: { kind: 'match.mutual', dedupeKey: `match-mutual:${robotMatchId}` } });
    expect(mutualNotes).toBe(2);
  });

  it('dismisses with a reason from the list and records outcomes through the state machine', async () => {
    const infraredMatch = (await scenarioMatches()).find((item) => item.capability.id === infraredId);
    expect(infraredMatch).toBeDefined();
    const id = infraredMatch!.id;
    expect((await http().post(`/api/v1/matches/${id}/dismiss`).set(bearer(owner)).send({ reason: '不喜欢' })).status).toBe(400);
    const dismissed = await http().post(`/api/v1/matches/${id}/dismiss`).set(bearer(owner)).send({ reason: '技术不匹配', comment: '需要移动巡检' });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body.status).toBe('dismissed');
    expect(dismissed.body.dismissReason).toBe('技术不匹配');
    expect((await http().post(`/api/v1/matches/${id}/dismiss`).set(bearer(owner)).send({ reason: '其他' })).status).toBe(409);
    expect((await scenarioMatches()).map((item) => item.id)).not.toContain(id);
    expect((await scenarioMatches(owner, '?includeDismissed=true')).map((item) => item.id)).toContain(id);

    expect((await http().post(`/api/v1/matches/${robotMatchId}/outcome`).set(bearer(owner)).send({ result: 'maybe' })).status).toBe(400);
    const landed = await http().post(`/api/v1/matches/${robotMatchId}/outcome`).set(bearer(owner)).send({ result: 'landed', note: '签订试点合同' });
    expect(landed.status).toBe(200);
    expect(landed.body.status).toBe('landed');
    expect((await http().post(`/api/v1/matches/${robotMatchId}/dismiss`).set(bearer(owner)).send({ reason: '其他' })).status).toBe(409);
    const audit: Array<{ action: string }> = await stack.dataSource.query(`SELECT action FROM audit_entries WHERE entity_type = 'match' AND entity_id = $1`, [robotMatchId]);
    expect(audit.map((row) => row.action).sort()).toEqual(['match.land', 'match.ownerInterest', 'match.supplierConfirm']);
  });

  it('rematch-all (admin only) re-scores from the stored candidates, with progress, and changes nothing when nothing changed', async () => {
    const admin = await createStaffAccount(stack.app, stack.dataSource, { role: 'admin' });
    const [candidates] = await stack.dataSource.query(`SELECT scenario_version, capability_ids FROM scenario_match_candidates WHERE scenario_id = $1`, [scenarioId]);
    expect(candidates.capability_ids).toContain(robotId);
    await matchingIdle();
    const before = (await rowsOfScenario()).map((row) => [row.capabilityId, row.score, row.status, row.explanation]);

    await http().post('/api/v1/matches/rematch').set(bearer(owner)).send({}).expect(403);
    const bad = await http().post('/api/v1/matches/rematch').set(bearer(admin)).send({ retrieve: '是' }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('retrieve');
    const started = await http().post('/api/v1/matches/rematch').set(bearer(admin)).send({}).expect(202);
    expect(started.body.retrieve).toBe(false);
    const done = await eventually(async () => {
      const res = await http().get(`/api/v1/matches/rematch/${started.body.jobId}`).set(bearer(admin)).expect(200);
      expect(res.body.state).toBe('completed');
      return res.body;
    }, 30_000);
    expect(done.result).toMatchObject({ failed: 0, retrieved: false });
    expect(done.result.scenarios).toBeGreaterThanOrEqual(1);
    expect(done.progress).toEqual({ done: done.result.scenarios, total: done.result.scenarios });
    expect((await rowsOfScenario()).map((row) => [row.capabilityId, row.score, row.status, row.explanation])).toEqual(before);
    await http().get('/api/v1/matches/rematch/no-such-job').set(bearer(admin)).expect(404);
  });

  it('matching scenarios in one batch (as rematch-all does) stores exactly what matching them one at a time stores', async () => {
    const second = await insertPublishedScenario(stack.dataSource, thirdParty.organizationId, thirdParty.userId, {
      title: '配电房红外测温与巡检',
      description: '需要对配电房开关柜进行红外测温和日常巡检，发现接头过热及时告警，替代人工夜间巡视。',
      domains: ['具身智能'],
      minTrl: 6,
      budgetMinWan: 10,
      budgetMaxWan: 80,
    });
    const third = await insertPublishedScenario(stack.dataSource, owner.organizationId, owner.userId, {
      title: '干细胞扩增用培养基国产替代',
      description: '细胞治疗产线需要无血清、成分明确的培养基，支持GMP生产，批间差小。',
      domains: ['生物制造'],
    });
    await drain();
    const ids = [scenarioId, second.id, third.id];
    // Their own match-scenario jobs (enqueued once indexed) must be done, or they would write alongside this test.
    await eventually(async () => {
      const [{ count }] = await stack.dataSource.query(`SELECT count(*)::int AS count FROM scenario_match_candidates WHERE scenario_id = ANY($1::uuid[])`, [ids]);
      expect(count).toBe(3);
    }, 30_000);
    await matchingIdle();
    const service = stack.worker!.get(MatchingService);
    const snapshot = async () =>
      (
        await stack.dataSource.query(
          `SELECT scenario_id, capability_id, score, breakdown, explanation, status, listed_for_scenario, stale_at IS NULL AS live
             FROM matches WHERE scenario_id = ANY($1::uuid[]) ORDER BY scenario_id, capability_id`,
          [ids],
        )
      ).map((row: Record<string, unknown>) => JSON.stringify(row));
    const untouched = `DELETE FROM matches WHERE scenario_id = ANY($1::uuid[]) AND status = 'suggested'`;

    await stack.dataSource.query(untouched, [ids]);
    const missing = '00000000-0000-4000-8000-000000000000';
    // Retrieving afresh here; the one-at-a-time runs below re-score what this retrieval stored.
    const results = await service.matchScenarios([...ids, missing]);
    expect(results.get(missing)?.skipped).toBe('missing');
    const batched = await snapshot();
    expect(batched.length).toBeGreaterThan(2);
    for (const id of ids) {
      const [{ count }] = await stack.dataSource.query(`SELECT count(*)::int AS count FROM matches WHERE scenario_id = $1 AND status = 'suggested'`, [id]);
      // Counts are per scenario, not for the whole batch.
      expect(results.get(id)?.stored).toBe(count);
    }
    expect(results.get(third.id)?.ranked[0]?.capabilityId).toBe(cultureMediumId);

    await stack.dataSource.query(untouched, [ids]);
    for (const id of ids) await service.matchScenario(id, { reuseRetrieval: true });
    expect(await snapshot()).toEqual(batched);
  });

  it('warms the candidate cache with what published scenarios last retrieved, as the worker does at start', async () => {
    await matchingIdle();
    const loader = stack.worker!.get(CandidateCapabilityLoader);
    loader.clear();
    expect(loader.cached).toBe(0);
    const loaded = await stack.worker!.get(MatchingService).warmCandidateCache();
    const [{ count }] = await stack.dataSource.query(
      `SELECT count(DISTINCT c.id)::int AS count
         FROM scenario_match_candidates m JOIN scenarios s ON s.id = m.scenario_id AND s.version = m.scenario_version AND s.status = 'published',
              unnest(m.capability_ids) AS u(id) JOIN capabilities c ON c.id = u.id AND c.status = 'published'`,
    );
    expect(count).toBeGreaterThan(0);
    expect(loaded).toBe(count);
    expect(loader.cached).toBe(count);
  });

  it('indexing can wait for match jobs to settle, bounded: pending jobs hold it until the timeout, finished or unknown ones do not', async () => {
    const producer = stack.app.get(MatchingProducer);
    const missing = '00000000-0000-4000-8000-00000000beef';
    const jobId = await producer.add(MatchingJob.MatchScenario, { scenarioId: missing, version: 1 }, { jobId: `settled-probe-${Date.now()}`, delay: 60_000 });
    try {
      const started = Date.now();
      expect(await producer.settled([jobId], 150)).toBe(false);
      expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    } finally {
      await producer.cancel(jobId);
    }
    expect(await producer.settled([jobId, 'no-such-job'], 5_000)).toBe(true);
  });

  it("rescores a supplier's capabilities when its profile (qualifications) changes", async () => {
    const strength = async (): Promise<number | null> => {
      const row = await stack.dataSource.getRepository(Match).findOneByOrFail({ id: robotMatchId });
      return (row.breakdown as Array<{ name: string; value: number | null }>).find((feature) => feature.name === 'supplierStrength')?.value ?? null;
    };
    const before = await strength();
    expect(before).not.toBeNull();
    await http().patch(`/api/v1/organizations/${supplier.organizationId}`).set(bearer(supplier)).send({ qualifications: [] }).expect(200);
    await eventually(async () => expect(await strength()).toBeLessThan(before as number), 30_000);
  });

  it('re-scores on a new version and retires suggestions of withdrawn capabilities and scenarios', async () => {
    await editScenario(stack.dataSource, scenarioId, {
      description:
        '我单位运维的110千伏变电站夜间依靠人工巡检。核心需求：巡检机器人夜间自主巡检，完成红外测温、表计读数识别、局放检测和异常告警。落地条件：预算80–150万元。',
    });
    await drain();
    await eventually(async () => {
      const row = await stack.dataSource.getRepository(Match).findOneByOrFail({ id: robotMatchId });
      expect(row.scenarioVersion).toBe(2);
    }, 30_000);

    await setCapabilityStatus(stack.dataSource, infraredId, 'archived');
    await drain();
    await eventually(async () => {
      const rows = await stack.dataSource.getRepository(Match).find({ where: { capabilityId: infraredId } });
      // The dismissed one is history and stays, marked stale; nothing about it is suggested any more.
      expect(rows.every((row) => row.staleAt !== null && row.status !== 'suggested')).toBe(true);
    }, 30_000);

    await setScenarioStatus(stack.dataSource, scenarioId, 'withdrawn');
    await drain();
    await eventually(async () => {
      const rows = await rowsOfScenario();
      expect(rows.filter((row) => row.status === 'suggested')).toHaveLength(0);
      const landed = rows.find((row) => row.id === robotMatchId);
      expect(landed?.status).toBe('landed');
      expect(landed?.staleAt).not.toBeNull();
    }, 30_000);
    const list = await scenarioMatches(owner);
    expect(list.find((item) => item.id === robotMatchId)?.stale).toBe(true);
  });
});
