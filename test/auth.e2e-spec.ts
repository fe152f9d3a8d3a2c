import request from 'supertest';
import { bearer, createStaffAccount, randomCreditCode, registerAccount, TEST_PASSWORD } from './support/fixtures';
import { startTestStack, TestStack } from './support/test-app';

describe('Accounts and roles (e2e)', () => {
  let stack: TestStack;
  const http = () => request(stack.app.getHttpServer());

  beforeAll(async () => {
    stack = await startTestStack();
  });

  afterAll(async () => {
    await stack.close();
  });

  it('registers an owner with their organization and logs in', async () => {
    const owner = await registerAccount(stack.app, { role: 'owner', regionCode: '330206' });
    const me = await http().get('/api/v1/auth/me').set(bearer(owner)).expect(200);
    expect(me.body).toMatchObject({ email: owner.email, role: 'owner', organizationId: owner.organizationId });
    const login = await http().post('/api/v1/auth/login').send({ email: owner.email.toUpperCase(), password: TEST_PASSWORD }).expect(200);
    expect(login.body.accessToken).toEqual(expect.any(String));
  });

  it('gives field-level 400s in Chinese for invalid registration', async () => {
    const res = await http()
      .post('/api/v1/auth/register')
      .send({ email: 'not-an-email', password: 'short', displayName: '', role: 'admin', organization: { name: 'X公司', type: '外星企业', creditCode: '91330212MA2XXXXXX0', regionCode: '999999' }, extra: 1 })
      .expect(400);
    expect(res.body.title).toBe('请求参数校验失败');
    const fields = Object.fromEntries(res.body.errors.map((e: { field: string; messages: string[] }) => [e.field, e.messages.join('；')]));
    expect(Object.keys(fields)).toEqual(
      expect.arrayContaining(['email', 'password', 'displayName', 'role', 'organization.type', 'organization.creditCode', 'organization.regionCode', 'extra']),
    );
    expect(fields.email).toContain('电子邮箱');
    expect(fields['organization.creditCode']).toMatch(/统一社会信用代码/);
    expect(fields.extra).toBe('不允许的字段');
  });

  it('refuses a second account for the same credit code or e-mail with 409', async () => {
    const creditCode = randomCreditCode('330100');
    const body = (email: string) => ({ email, password: TEST_PASSWORD, displayName: '王五', role: 'supplier', organization: { name: '重复单位', type: '民营企业', creditCode, regionCode: '330100' } });
    await http().post('/api/v1/auth/register').send(body('dup1@test.scenario-exchange.cn')).expect(201);
    const again = await http().post('/api/v1/auth/register').send(body('dup2@test.scenario-exchange.cn')).expect(409);
    expect(again.body.detail).toContain('统一社会信用代码');
    const sameMail = await http().post('/api/v1/auth/register').send({ ...body('dup1@test.scenario-exchange.cn'), organization: { ...body('x').organization, creditCode: randomCreditCode('330100') } }).expect(409);
    expect(sameMail.body.detail).toContain('邮箱');
  });

  it('does not reveal whether an account exists on login failure', async () => {
    const owner = await registerAccount(stack.app, { role: 'owner' });
    const wrongPassword = await http().post('/api/v1/auth/login').send({ email: owner.email, password: 'Wrong@12345' }).expect(401);
    const noAccount = await http().post('/api/v1/auth/login').send({ email: 'nobody@test.scenario-exchange.cn', password: 'Wrong@12345' }).expect(401);
    expect(wrongPassword.body.detail).toBe(noAccount.body.detail);
    expect(wrongPassword.body.detail).toBe('邮箱或密码错误');
  });

  it('rotates refresh tokens and revokes them on logout', async () => {
    const supplier = await registerAccount(stack.app, { role: 'supplier' });
    const refreshed = await http().post('/api/v1/auth/refresh').send({ refreshToken: supplier.refreshToken }).expect(200);
    await http().post('/api/v1/auth/refresh').send({ refreshToken: supplier.refreshToken }).expect(401);
    await http().post('/api/v1/auth/logout').set('Authorization', `Bearer ${refreshed.body.accessToken}`).send({ refreshToken: refreshed.body.refreshToken }).expect(204);
    await http().post('/api/v1/auth/refresh').send({ refreshToken: refreshed.body.refreshToken }).expect(401);
  });

  it('requires a valid token on private routes', async () => {
    await http().get('/api/v1/auth/me').expect(401);
    const res = await http().get('/api/v1/auth/me').set('Authorization', 'Bearer forged.token.value').expect(401);
    expect(res.body.detail).toContain('重新登录');
  });

  it('provisions organizers with a jurisdiction', async () => {
    const organizer = await createStaffAccount(stack.app, stack.dataSource, { role: 'organizer', jurisdiction: '330200' });
    const me = await http().get('/api/v1/auth/me').set(bearer(organizer)).expect(200);
    expect(me.body).toMatchObject({ role: 'organizer', jurisdictionRegionCode: '330200' });
  });

  it('lists only my own notifications', async () => {
    const a = await registerAccount(stack.app, { role: 'owner' });
    const b = await registerAccount(stack.app, { role: 'owner' });
    await stack.dataSource.query(`INSERT INTO notifications (user_id, kind, title) VALUES ($1, 'test', '给A的通知')`, [a.userId]);
    const mine = await http().get('/api/v1/notifications').set(bearer(a)).expect(200);
    expect(mine.body).toMatchObject({ total: 1, unread: 1 });
    const theirs = await http().get('/api/v1/notifications').set(bearer(b)).expect(200);
    expect(theirs.body.total).toBe(0);
    await http().post(`/api/v1/notifications/${mine.body.items[0].id}/read`).set(bearer(b)).expect(404);
    await http().post(`/api/v1/notifications/${mine.body.items[0].id}/read`).set(bearer(a)).expect(200);
    await http().post('/api/v1/notifications/not-a-uuid/read').set(bearer(a)).expect(400);
  });
});

describe('Auth rate limits (e2e)', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '3' } });
  });

  afterAll(async () => {
    await stack.close();
  });

  it('answers 429 with a problem body once a client exceeds the per-minute limit on auth routes', async () => {
    const attempt = () => request(stack.app.getHttpServer()).post('/api/v1/auth/login').send({ email: 'nobody@test.scenario-exchange.cn', password: 'Wrong@12345' });
    for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
    const limited = await attempt().expect(429);
    expect(limited.body).toMatchObject({ status: 429, title: '请求过于频繁，请稍后再试' });
    expect(limited.headers['retry-after']).toBeDefined();
    // Other routes are not throttled by the auth limit.
    await request(stack.app.getHttpServer()).get('/api/v1/regions/330200').expect(200);
  });
});
