import request from 'supertest';
import { challengesQueue, createExpert, createSupplier, ChallengeParty, VALID_HNTE } from '../support/challenges-fixtures';
import { bearer, createStaffAccount, TestAccount } from '../support/fixtures';
import { eventually } from '../support/test-app';
import { browserAvailable, confirmDialog, chooseOption, expectText, formItem, openAs, pageErrors, shot, startWebStack, WebStack, webStep } from '../support/web-fixtures';

/**
 * 揭榜挂帅 from publish to award in Chromium. The key screens go through the portal (organizer creates,
 * publishes, runs the formal check, starts the review, publishes the notice and awards; the supplier
 * applies; the expert scores blind). Time is moved through the API, as the scheduler would: the
 * application window is shortened with PUT /window and the notice-end job is promoted.
 */
const describeInBrowser = browserAvailable() || process.env.CI ? describe : describe.skip;
if (!browserAvailable() && !process.env.CI) process.stderr.write('[web tests] Chromium not found: browser tests skipped (apt-get install chromium fonts-noto-cjk)\n');

// A domain no other test's expert works in, so the one-expert assignment lands on ours (domain fit wins).
const DOMAIN = '可控核聚变';

describeInBrowser('web portal: challenge from publish to award (browser)', () => {
  let web: WebStack;
  let organizer: TestAccount;
  let supplier: ChallengeParty;
  let expert: TestAccount;
  const title = `聚变装置第一壁材料高热负荷测试攻关${Date.now().toString(36).slice(-5)}`;
  const http = () => request(web.stack.app.getHttpServer());

  beforeAll(async () => {
    web = await startWebStack();
    organizer = await createStaffAccount(web.stack.app, web.stack.dataSource, { role: 'organizer', jurisdiction: '330200' });
    supplier = await createSupplier(web.stack, { regionCode: '330212', label: '甬江聚能', qualifications: VALID_HNTE });
    expert = await createExpert(web.stack, { domains: [DOMAIN] });
  }, 120_000);

  afterAll(async () => {
    await web?.close();
  });

  it('publishes, takes an application, reviews it blind, publishes the notice and awards', async () => {
    webStep('organizer creates and publishes the call');
    const org = await openAs(web, organizer);
    webStep('organizer logged in');
    await org.goto('/console/challenges/new');
    await org.getByLabel('榜单名称').fill(title);
    await org.getByLabel('榜单背景与需求').fill('聚变装置第一壁需承受 10 MW/m² 以上热负荷，现有材料寿命不足，亟需国产化测试能力。');
    // The domain list is long and virtualized: type to filter, then pick.
    await chooseOption(org, formItem(org, '领域'), DOMAIN, { search: true });
    await expectText(formItem(org, '领域'), DOMAIN);
    await org.getByLabel('指标名称').fill('热负荷耐受');
    await org.getByLabel('目标值').fill('≥10');
    await org.getByLabel('单位', { exact: true }).fill('MW/m²');
    await org.getByLabel('每份申报专家数').fill('1');
    await shot(org, 'challenges-01-organizer-form');
    await org.getByRole('button', { name: '保存为草稿' }).click();
    await org.waitForURL(/\/console\/challenges\/[0-9a-f-]{36}$/);
    const id = org.url().split('/').pop()!;
    await org.getByRole('button', { name: /^发\s*榜$/ }).click();
    await confirmDialog(org, /确\s*定/);
    await expectText(org.locator('.sx-content'), '已发榜');

    webStep('opening the window');
    // Open the window now (the default starts tomorrow); the worker's open job does the transition.
    const window = await http().put(`/api/v1/challenges/${id}/window`).set(bearer(organizer)).send({ opensAt: new Date(Date.now() + 1000).toISOString(), closesAt: new Date(Date.now() + 600_000).toISOString() }).expect(200);
    await eventually(async () => expect((await http().get(`/api/v1/challenges/${id}`).set(bearer(supplier)).expect(200)).body.status).toBe('open'));

    webStep('supplier applies');
    const sup = await openAs(web, supplier);
    await sup.goto('/supplier/applications');
    await sup.locator('tr', { hasText: title }).getByRole('button', { name: '我要揭榜' }).click();
    await sup.waitForURL(`**/supplier/challenges/${id}`);
    await sup.getByLabel('技术方案摘要').fill('采用钨铜梯度复合材料与电子束热负荷试验台，已完成 8 MW/m² 试验。');
    await sup.getByLabel('热负荷耐受 拟达到').fill('12');
    await sup.getByLabel('热负荷耐受 佐证材料').fill('检测报告 JC-2026-031');
    await sup.getByLabel('阶段名称').fill('完成材料试制与热负荷试验');
    await sup.getByLabel('阶段成果').fill('试样 20 件及试验报告');
    await shot(sup, 'challenges-02-supplier-application');
    await sup.getByRole('button', { name: '提交申报' }).click();
    await expectText(sup.locator('.sx-content'), '已提交');

    webStep('closing the window');
    // Close the window now.
    await http().put(`/api/v1/challenges/${id}/window`).set(bearer(organizer)).send({ opensAt: window.body.opensAt, closesAt: new Date(Date.now() + 1500).toISOString() }).expect(200);
    await eventually(async () => expect((await http().get(`/api/v1/challenges/${id}`).set(bearer(organizer)).expect(200)).body.status).toBe('closed'));

    webStep('organizer: formal check and review');
    await org.reload();
    await org.getByRole('tab', { name: '申报与形式审查' }).click();
    const row = org.locator('tr', { hasText: supplier.organizationName });
    await row.getByRole('button', { name: /^通\s*过$/ }).click();
    await expectText(row, '形式审查通过');
    await org.getByRole('button', { name: '启动专家评审' }).click();
    await confirmDialog(org, /确\s*定/);
    await expectText(org.locator('.sx-content'), '专家评审中');

    webStep('expert scores blind');
    const exp = await openAs(web, expert);
    await exp.goto('/expert/reviews');
    const task = exp.locator('tr', { hasText: 'A-' });
    await expectText(task, '盲审，不显示');
    expect(await exp.locator('.sx-content').innerText()).not.toContain(supplier.organizationName);
    await task.getByRole('button', { name: /评\s*分/ }).click();
    const dialog = exp.locator('.ant-modal:visible');
    for (const [name, score] of [['技术方案先进性', '88'], ['指标可达性', '82'], ['团队与实施能力', '80']]) {
      await dialog.getByLabel(`${name} 分数`).fill(score);
      await dialog.getByLabel(`${name} 评语`).fill('方案可行，试验数据充分。');
    }
    await expectText(dialog, '加权总分（预览）：83.80');
    await shot(exp, 'challenges-03-expert-scoring');
    await dialog.getByRole('button', { name: '提交评分' }).click();
    await expectText(task, '已提交');

    webStep('organizer publishes the notice and awards');
    await org.reload();
    await org.getByRole('tab', { name: '专家评审' }).click();
    await expectText(org.locator('[data-testid="ranking"]'), '83.80');
    await org.getByRole('button', { name: '发布公示' }).click();
    await confirmDialog(org, /确\s*定/);
    await expectText(org.locator('.sx-content'), '公示中');

    await sup.goto(`/challenges/${id}`);
    await expectText(sup.locator('[data-testid="ranking"]'), '拟揭榜方');
    await shot(sup, 'challenges-04-public-notice-ranking');

    // The notice period ends when its delayed job runs; promote it instead of waiting days.
    const c = (await http().get(`/api/v1/challenges/${id}`).set(bearer(organizer)).expect(200)).body as { noticeEndsAt: string };
    const job = await challengesQueue(web.stack).getJob(`challenge-notice-end__${id}__${Date.parse(c.noticeEndsAt)}`);
    await job!.promote();
    await eventually(async () => expect((await http().get(`/api/v1/challenges/${id}`).set(bearer(organizer)).expect(200)).body.noticeEndedAt).not.toBeNull());

    await org.reload();
    await org.getByRole('button', { name: '确定揭榜方' }).click();
    await confirmDialog(org, /确\s*定/);
    await expectText(org.locator('.sx-content'), '已确定揭榜方');
    await org.getByRole('tab', { name: '里程碑与验收' }).click();
    await expectText(org.locator('.ant-table'), '完成材料试制与热负荷试验');
    await shot(org, 'challenges-05-organizer-awarded');

    webStep('supplier sees the award');
    await sup.goto(`/supplier/challenges/${id}`);
    await expectText(sup.locator('.sx-content'), '贵单位已被确定为揭榜方');

    for (const p of web.pages) expect(pageErrors(p)).toEqual([]);
  }, 180_000);
});
