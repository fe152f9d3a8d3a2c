import request from 'supertest';
import { createStaffAccount, registerAccount, TestAccount, uniqueSuffix, bearer } from '../support/fixtures';
import { browserAvailable, confirmDialog, eventuallyVisible, expectText as expectTextWithin, formItem, loginAs, newUserPage, pageErrors, pickOption, pickRegion, shot, startWebStack, WebStack } from '../support/web-fixtures';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findWebRoot } from '../../apps/api/src/web-portal/web-portal.module';

/**
 * The "Done when" flow, driven in Chromium through the web portal only (setup of the staff
 * account and of the supplier's published capability goes through the API, as an admin would):
 * owner submits → organizer returns with a comment → owner fixes and resubmits → organizer approves
 * and publishes it in a batch → supplier finds it by a Chinese search, sees suggestions, responds →
 * owner shortlists.
 */
// Browser tests need Debian's Chromium (apt-get install chromium fonts-noto-cjk). CI installs it and
// always runs them; elsewhere they are skipped, loudly, when the browser is absent.
const describeInBrowser = browserAvailable() || process.env.CI ? describe : describe.skip;
if (!browserAvailable() && !process.env.CI) process.stderr.write('[web tests] Chromium not found: browser tests skipped (apt-get install chromium fonts-noto-cjk)\n');

describeInBrowser('web portal: scenario from submission to shortlist (browser)', () => {
  let web: WebStack;
  let organizer: TestAccount;
  let supplier: TestAccount;
  const suffix = uniqueSuffix().slice(-6);
  const title = `港区夜间智能巡检机器人应用场景${suffix}`;
  const ownerEmail = `owner.web.${suffix}@test.scenario-exchange.cn`;

  beforeAll(async () => {
    step('starting stack');
    web = await startWebStack();
    step('stack up');
    const { app, dataSource } = web.stack;
    organizer = await createStaffAccount(app, dataSource, { role: 'organizer', jurisdiction: '330200' });
    supplier = await registerAccount(app, { role: 'supplier', regionCode: '330212', orgName: `甬江智能装备有限公司${suffix}` });
    const http = request(app.getHttpServer());
    await http.post(`/api/v1/organizations/${supplier.organizationId}/verify`).set(bearer(organizer)).send({ comment: '已核对营业执照' }).expect(200);
    const cap = await http
      .post('/api/v1/capabilities')
      .set(bearer(supplier))
      .send({ title: `四足巡检机器人${suffix}`, description: '面向港口、变电站的夜间自主巡检机器人，支持红外测温与表计识别。', domains: ['具身智能'], kind: '产品', trl: 7, priceMinWan: 80, priceMaxWan: 150 })
      .expect(201);
    for (const [who, action] of [[supplier, 'submit'], [organizer, 'verify'], [supplier, 'publish']] as const) {
      await http.post(`/api/v1/capabilities/${cap.body.id}/${action}`).set(bearer(who)).send({}).expect(200);
    }
  }, 120_000);

  afterAll(async () => {
    await web?.close();
  });

  const open = () => newUserPage(web);

  it('serves the SPA for client routes and keeps problem bodies for unknown API routes', async () => {
    const spa = await fetch(`${web.baseUrl}/owner/scenarios/new`, { headers: { Accept: 'text/html' } });
    expect(spa.status).toBe(200);
    expect(await spa.text()).toContain('<div id="root">');
    const api = await fetch(`${web.baseUrl}/api/v1/no-such-route`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    expect(((await api.json()) as { title: string }).title).toBe('资源不存在');
    expect((await fetch(`${web.baseUrl}/assets/missing-bundle.js`)).status).toBe(404);
    expect((await fetch(`${web.baseUrl}/health`)).headers.get('content-type')).toContain('json');
  });

  it('caches hashed chunks for a year and makes the shell revalidate, so a deploy is picked up at once', async () => {
    const shell = await fetch(`${web.baseUrl}/`, { headers: { Accept: 'text/html' } });
    expect(shell.headers.get('cache-control')).toBe('no-cache');
    const html = await shell.text();
    const initial = [...html.matchAll(/\/assets\/[\w.-]+\.js/g)].map(([path]) => path);
    expect(initial.some((path) => path.includes('vendor-react-'))).toBe(true);
    // Page chunks are loaded later by the router, not listed in the shell.
    const lazy = readdirSync(join(findWebRoot()!, 'assets')).filter((f) => f.startsWith('challenges-') && f.endsWith('.js'));
    expect(lazy).toHaveLength(1);
    for (const path of [...initial, `/assets/${lazy[0]}`]) {
      const res = await fetch(`${web.baseUrl}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('javascript');
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
    expect((await fetch(`${web.baseUrl}/console/events`, { headers: { Accept: 'text/html' } })).headers.get('cache-control')).toBe('no-cache');
  });

  it('reloads once when a page chunk of an earlier deploy is gone, then shows the page', async () => {
    const page = await open();
    await page.goto('/');
    await expectText(page.locator('body'), '常态化征集场景需求');
    // The first request for the challenges chunk answers 404, as after a deploy that replaced it.
    let requests = 0;
    await page.route(/\/assets\/challenges-[\w-]+\.js$/, (route) => (requests++ === 0 ? route.fulfill({ status: 404, body: '' }) : route.continue()));
    await page.evaluate(() => Object.assign(globalThis, { beforeReload: true }));
    await page.locator('.ant-menu').getByText('揭榜挂帅', { exact: true }).click();
    await expectText(page.locator('body'), '发榜 · 揭榜 · 评审');
    expect(page.url()).toMatch(/\/challenges$/);
    expect(requests).toBe(2);
    expect(await page.evaluate(() => 'beforeReload' in globalThis)).toBe(false);
    expect(pageErrors(page)).toEqual([]);
  });

  it('runs the whole flow in the browser with readable Chinese pages', async () => {
    // Owner registers through the form, with the organization and the region cascader.
    step('Owner registers through the form, with the organization and the region cascader.');
    const owner = await open();
    await owner.goto('/register');
    await owner.getByLabel('姓名').fill('王业主');
    await owner.getByLabel('邮箱（登录账号）').fill(ownerEmail);
    await owner.getByLabel('密码', { exact: true }).fill('Owner2026pass');
    await owner.getByLabel('确认密码').fill('Owner2026pass');
    await owner.getByLabel('单位名称').fill(`宁波港区运营集团${suffix}`);
    await pickOption(owner, '单位类型', '国有企业');
    // Wrong check character: the server rejects it and the message lands under the field, values kept.
    step('Wrong check character: the server rejects it and the message lands under the field, values kept.');
    await owner.getByLabel('统一社会信用代码').fill('91330212MA2H000010');
    await pickRegion(owner, '所在地区', ['浙江省', '宁波市', '鄞州区']);
    await owner.getByRole('button', { name: '注册并登录' }).click();
    await expectText(formItem(owner, '统一社会信用代码'), /信用代码/);
    expect(await owner.getByLabel('单位名称').inputValue()).toBe(`宁波港区运营集团${suffix}`);
    await shot(owner, '01-register-validation');
    const { randomCreditCode } = await import('../support/fixtures');
    await owner.getByLabel('统一社会信用代码').fill(randomCreditCode('330212'));
    await owner.getByRole('button', { name: '注册并登录' }).click();
    await owner.waitForURL('**/owner/scenarios');

    // Owner fills the scenario form and submits it.
    step('Owner fills the scenario form and submits it.');
    await owner.goto('/owner/scenarios/new');
    await owner.getByLabel('场景名称').fill(title);
    await pickOption(owner, '所属领域', '具身智能');
    await pickRegion(owner, '场景所在地区', ['浙江省', '宁波市', '北仑区']);
    await owner.getByLabel('需求描述（现状、问题、核心需求）').fill('现状：港区夜间巡检依赖人工。核心需求：巡检机器人自主巡检堆场与设备，识别表计读数和设备发热缺陷。');
    await owner.getByLabel('预算下限（万元）').fill('100');
    await owner.getByLabel('预算上限（万元）').fill('300');
    await shot(owner, '02-owner-scenario-form');
    await owner.getByRole('button', { name: '保存并提交审核' }).click();
    await owner.waitForURL(/\/owner\/scenarios\/[0-9a-f-]{36}$/);
    const scenarioId = owner.url().split('/').pop()!;
    await expectText(owner.locator('body'), '待审核');

    // Organizer returns it with a comment.
    step('Organizer returns it with a comment.');
    const org = await open();
    await loginAs(org, organizer.email);
    await org.goto('/console/review');
    await org.getByRole('link', { name: title }).first().click();
    await org.getByRole('button', { name: '退回修改' }).click();
    await org.getByLabel('退回意见').fill('请补充落地条件：可开放的试点堆场数量与历史巡检数据范围。');
    await org.getByRole('button', { name: '确认退回' }).click();
    await expectText(org.locator('.ant-page-header, body'), '已退回');

    // Owner sees the comment, edits, resubmits; the diff shows what changed.
    step('Owner sees the comment, edits, resubmits; the diff shows what changed.');
    await owner.goto(`/owner/scenarios/${scenarioId}`);
    await expectText(owner.locator('body'), '主办方已退回此需求');
    await owner.getByRole('button', { name: /^修\s*改$/ }).first().click();
    await owner.getByLabel('落地条件（场地、数据、配套）').fill('提供 2 个试点堆场，开放近一年巡检记录与设备台账。');
    await owner.getByRole('button', { name: '保存并提交审核' }).click();
    await owner.waitForURL(new RegExp(`/owner/scenarios/${scenarioId}$`));
    await owner.getByRole('tab', { name: '凝练打磨' }).click();
    await expectText(owner.locator('[data-testid="comment"]').first(), '请补充落地条件');
    await expectText(owner.locator('[data-testid="diff"]').first(), /试点堆场/);
    await shot(owner, '03-owner-refinement-diff');

    // Organizer approves and publishes it in a batch.
    step('Organizer approves and publishes it in a batch.');
    await org.goto(`/console/review/scenario/${scenarioId}`);
    await org.getByRole('button', { name: '审核通过' }).click();
    await expectText(org.locator('body'), '已通过');
    await org.goto('/console/batches');
    await org.getByRole('button', { name: '新建清单' }).click();
    const dialog = org.locator('.ant-modal:visible');
    await dialog.getByLabel('清单名称').fill(`2026年第一批场景机会清单${suffix}`);
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    await org.waitForURL(/\/console\/batches\/[0-9a-f-]{36}$/);
    await org.locator('tr', { hasText: title }).locator('input[type="checkbox"]').check();
    await org.getByRole('button', { name: /添加所选/ }).click();
    await expectText(org.locator('.ant-card', { hasText: '清单条目' }), title);
    await shot(org, '04-organizer-batch-compose');
    await org.getByRole('button', { name: '发布清单' }).click();
    await confirmDialog(org, /发\s*布/);
    await expectText(org.locator('body'), '已发布');

    // Supplier finds it by a Chinese search (the worker indexes it asynchronously).
    step('Supplier finds it by a Chinese search (the worker indexes it asynchronously).');
    const sup = await open();
    await loginAs(sup, supplier.email);
    const hit = sup.locator('[data-testid="search-hit"]', { hasText: title });
    await sup.goto(`/search?q=${encodeURIComponent('巡检机器人')}`);
    await eventuallyVisible(sup, hit, () => sup.reload());
    await expect(hit.locator('mark.sx-hl').count()).resolves.toBeGreaterThan(0);
    await shot(sup, '05-supplier-search');

    // Suggested scenarios (matching) for the supplier's published capability.
    step("Suggested scenarios (matching) for the supplier's published capability.");
    await sup.goto('/supplier/suggestions');
    await eventuallyVisible(sup, sup.locator('tr', { hasText: title }), () => sup.reload());
    await expectText(sup.locator('tr', { hasText: title }), /同属具身智能领域/);
    await shot(sup, '06-supplier-suggestions');

    // Supplier responds.
    step('Supplier responds.');
    await sup.goto(`/scenarios/${scenarioId}`);
    await sup.getByRole('button', { name: '响应此场景需求' }).click();
    await sup.getByLabel('实施方案').fill('部署 4 台四足巡检机器人，分两期覆盖 2 个试点堆场，一期完成表计识别联调。');
    await sup.getByLabel('报价（万元，不填为面议）').fill('260');
    await sup.getByLabel('进度安排').fill('签约后 3 个月完成一期部署');
    await shot(sup, '07-supplier-respond');
    await sup.getByRole('button', { name: '提交响应' }).click();
    await sup.waitForURL('**/supplier/responses');
    await expectText(sup.locator('.ant-table'), title);

    // Owner shortlists it.
    step('Owner shortlists it.');
    await owner.goto(`/owner/scenarios/${scenarioId}`);
    await owner.getByRole('tab', { name: '收到的响应' }).click();
    const row = owner.locator('tr', { hasText: `甬江智能装备有限公司${suffix}` });
    await row.getByRole('button', { name: /入\s*围/ }).click();
    await confirmDialog(owner, /确\s*认/);
    await expectText(row, '已入围');
    await shot(owner, '08-owner-responses-shortlisted');

    // The organizer's dashboard counts the suggestion in its funnel (推荐 → 有意向 → 洽谈 → 已落地).
    step('Organizer dashboard.');
    await org.goto('/console');
    await expectText(org.locator('[data-testid="funnel-notes"]'), '逐级转化');
    await org.locator('.echarts-for-react svg text', { hasText: '推荐' }).first().waitFor();
    await shot(org, '09-organizer-dashboard');

    // The public sees the published batch and the scenario summary, without logging in.
    step('The public sees the published batch and the scenario summary, without logging in.');
    const visitor = await open();
    await visitor.goto('/');
    await expectText(visitor.locator('.sx-content'), title);
    await shot(visitor, '00-home');

    for (const p of web.pages) expect(pageErrors(p)).toEqual([]);
  }, 180_000);
});

/** Progress lines for debugging a hung browser run: WEB_TEST_DEBUG=1. */
function step(text: string): void {
  if (process.env.WEB_TEST_DEBUG) process.stderr.write(`[web] ${new Date().toISOString()} ${text}\n`);
}

/** This flow's steps get 15 s each, not the shared default. */
const expectText = (locator: import('playwright-core').Locator, text: string | RegExp): Promise<void> => expectTextWithin(locator, text, 15_000);
