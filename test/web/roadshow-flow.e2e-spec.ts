import request from 'supertest';
import { createPublishedEvent, registerFor } from '../support/events-fixtures';
import { bearer, createStaffAccount, registerAccount, TestAccount, uniqueSuffix } from '../support/fixtures';
import { browserAvailable, expectText, openAs, pageErrors, shot, startWebStack, WebStack, webStep } from '../support/web-fixtures';

/**
 * 场景路演 in Chromium. The event and the registrations are set up through the API (not what is tested here);
 * in the portal the organizer picks the suggested supplier and another one, reorders them, names a pitch,
 * lengthens the slots and saves; an owner in the audience scores a pitch and sees the score; the organizer
 * sees the ranking with the rubric averages.
 */
const describeInBrowser = browserAvailable() || process.env.CI ? describe : describe.skip;
if (!browserAvailable() && !process.env.CI) process.stderr.write('[web tests] Chromium not found: browser tests skipped (apt-get install chromium fonts-noto-cjk)\n');

describeInBrowser('web portal: roadshow order, audience scoring and ranking (browser)', () => {
  let web: WebStack;
  let organizer: TestAccount;
  let owner: TestAccount;
  let eventId: string;
  const suffix = uniqueSuffix().slice(-6);
  const matchedOrg = `甬江巡检机器人有限公司${suffix}`;
  const otherOrg = `东海新材料科技有限公司${suffix}`;
  const ownerOrg = `宁波石化园区管委会${suffix}`;
  const http = () => request(web.stack.app.getHttpServer());

  beforeAll(async () => {
    web = await startWebStack();
    const { app, dataSource } = web.stack;
    organizer = await createStaffAccount(app, dataSource, { role: 'organizer', jurisdiction: '330200' });
    owner = await registerAccount(app, { role: 'owner', regionCode: '330212', orgName: ownerOrg });
    const other = await registerAccount(app, { role: 'supplier', regionCode: '330212', orgName: otherOrg });
    const matched = await registerAccount(app, { role: 'supplier', regionCode: '330212', orgName: matchedOrg });
    // 09:00–11:00 with a 10:00–10:20 break, 15-minute pitches.
    const event = await createPublishedEvent(web.stack, organizer, { type: 'roadshow', title: `2026 宁波市具身智能场景路演${suffix}`, slotMinutes: 15, tableCount: 1 });
    eventId = event.id;
    for (const account of [other, matched, owner]) await registerFor(web.stack, eventId, account);
    // A match between the owner's demand and the supplier's capability makes it a suggested pitch.
    const [scenario] = await dataSource.query(`INSERT INTO scenarios (organization_id, title, status) VALUES ($1, '化工园区夜间巡检', 'published') RETURNING id`, [owner.organizationId]);
    const [capability] = await dataSource.query(`INSERT INTO capabilities (organization_id, title, status) VALUES ($1, '防爆四足巡检机器人', 'published') RETURNING id`, [matched.organizationId]);
    await dataSource.query(
      `INSERT INTO matches (scenario_id, capability_id, score, breakdown, explanation, scoring_version, scenario_version, capability_version) VALUES ($1, $2, 0.82, '[]', '测试', 't', 1, 1)`,
      [scenario.id, capability.id],
    );
  }, 120_000);

  afterAll(async () => {
    await web?.close();
  });

  it('orders pitches, takes an audience score and ranks them', async () => {
    webStep('organizer composes the running order');
    const org = await openAs(web, organizer);
    await org.goto(`/console/events/${eventId}`);
    await org.getByRole('tab', { name: '路演编排' }).click();
    const candidates = org.locator('[data-testid="pitch-candidates"]');
    const matchedRow = candidates.locator('tr', { hasText: matchedOrg });
    await expectText(matchedRow, '推荐 · 匹配度 82%');
    await expectText(candidates.locator('tbody tr').first(), matchedOrg);
    await matchedRow.getByRole('button', { name: '加入路演' }).click();
    await candidates.locator('tr', { hasText: otherOrg }).getByRole('button', { name: '加入路演' }).click();
    const order = org.locator('[data-testid="pitch-order"]');
    // The suggested pitch came first with its capability as the title; put the other one first instead.
    await expect(org.getByLabel(`${matchedOrg} 路演题目`).inputValue()).resolves.toBe('防爆四足巡检机器人');
    await order.locator('tr', { hasText: otherOrg }).getByRole('button', { name: '上移' }).click();
    await org.getByLabel(`${otherOrg} 路演题目`).fill('石化储罐高性能防腐涂层');
    await org.getByRole('button', { name: '保存路演顺序' }).click();
    await expectText(org.locator('.ant-message'), '已保存路演顺序');
    await expectText(order.locator('tbody tr').first(), otherOrg);
    await expectText(order.locator('tbody tr').nth(1), '09:15–09:30');

    webStep('organizer lengthens the slots');
    await org.getByRole('button', { name: '调整时段' }).click();
    const dialog = org.locator('.ant-modal:visible');
    await dialog.getByLabel('每个路演时长（分钟）').fill('20');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expectText(org.locator('.ant-message'), '出场时间已随之更新');
    await expectText(order.locator('tbody tr').nth(1), '09:20–09:40');
    const saved = await http().get(`/api/v1/events/${eventId}/roadshow/pitches`).expect(200);
    expect(saved.body.items.map((p: { organizationName: string; title: string }) => [p.organizationName, p.title])).toEqual([
      [otherOrg, '石化储罐高性能防腐涂层'],
      [matchedOrg, '防爆四足巡检机器人'],
    ]);
    expect(new Date(saved.body.items[1].startsAt).getTime() - new Date(saved.body.items[0].startsAt).getTime()).toBe(20 * 60_000);
    await org.reload();
    await org.getByRole('tab', { name: '路演编排' }).click();
    await expectText(order.locator('tbody tr').nth(1), matchedOrg);
    await shot(org, 'roadshow-01-organizer-order');

    webStep('an owner in the audience scores a pitch');
    const own = await openAs(web, owner);
    await own.goto(`/my/events/${eventId}`);
    await own.getByRole('tab', { name: '路演安排' }).click();
    const pitchRow = own.locator('[data-testid="roadshow-agenda"] tr', { hasText: matchedOrg });
    await expectText(pitchRow, '09:20–09:40');
    await pitchRow.getByRole('button', { name: /评\s*分/ }).click();
    const scoring = own.locator('.ant-modal:visible');
    for (const [label, value] of [['技术先进性', '9'], ['场景契合度', '9'], ['落地可行性', '8'], ['团队能力', '8']]) await scoring.getByLabel(`${label} 评分`).fill(value);
    await scoring.getByLabel('评语').fill('防爆等级满足园区要求，建议先在一个罐区试点。');
    await scoring.getByRole('button', { name: '提交评分' }).click();
    await expectText(pitchRow, '已评分 · 平均 8.50');
    await expectText(pitchRow, '建议先在一个罐区试点');
    const mine = await http().get(`/api/v1/events/${eventId}/roadshow/scores/mine`).set(bearer(owner)).expect(200);
    expect(mine.body.items).toEqual([expect.objectContaining({ technology: 9, scenarioFit: 9, feasibility: 8, team: 8 })]);

    webStep('organizer sees the ranking');
    await org.getByRole('tab', { name: '路演排名' }).click();
    const ranking = org.locator('[data-testid="roadshow-ranking"]');
    const first = ranking.locator('tbody tr').first();
    await expectText(first, matchedOrg);
    await expectText(first, '8.50');
    await expectText(first, '9.00');
    await expectText(ranking.locator('tr', { hasText: otherOrg }), '—');
    await shot(org, 'roadshow-02-organizer-ranking');

    for (const p of web.pages) expect(pageErrors(p)).toEqual([]);
  }, 120_000);
});
