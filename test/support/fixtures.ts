import { Organization, User, UserRole } from '@app/database';
import { CREDIT_CODE_CHARSET, makeCreditCode, OrganizationType } from '@app/taxonomy';
import { INestApplication } from '@nestjs/common';
import { hash } from 'bcryptjs';
import { randomBytes, randomInt } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';

export const TEST_PASSWORD = 'Test@2026pass';

export interface TestAccount {
  token: string;
  refreshToken: string;
  userId: string;
  organizationId: string;
  email: string;
  role: UserRole;
}

let counter = 0;
export function uniqueSuffix(): string {
  counter += 1;
  return `${Date.now().toString(36)}${counter}${randomBytes(2).toString('hex')}`;
}

/** A valid 统一社会信用代码 for an enterprise registered in the given region (unique per call). */
export function randomCreditCode(regionCode = '330212', prefix = '91'): string {
  let tail = '';
  for (let i = 0; i < 9; i++) tail += CREDIT_CODE_CHARSET[randomInt(CREDIT_CODE_CHARSET.length)];
  return makeCreditCode(`${prefix}${regionCode}${tail}`);
}

/** Self-service registration through the API, as a real owner or supplier would do it. */
export async function registerAccount(
  app: INestApplication,
  options: { role: 'owner' | 'supplier'; regionCode?: string; orgType?: OrganizationType; orgName?: string } ,
): Promise<TestAccount> {
  const suffix = uniqueSuffix();
  const email = `${options.role}.${suffix}@test.scenario-exchange.cn`;
  const res = await request(app.getHttpServer())
    .post('/api/v1/auth/register')
    .send({
      email,
      password: TEST_PASSWORD,
      displayName: `测试${options.role === 'owner' ? '业主' : '供给方'}${suffix.slice(-4)}`,
      role: options.role,
      organization: {
        name: options.orgName ?? `测试单位${suffix}`,
        type: options.orgType ?? (options.role === 'owner' ? '国有企业' : '民营企业'),
        creditCode: randomCreditCode(options.regionCode ?? '330212'),
        regionCode: options.regionCode ?? '330212',
      },
    });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { token: res.body.accessToken, refreshToken: res.body.refreshToken, userId: res.body.user.id, organizationId: res.body.user.organizationId, email, role: options.role };
}

/** Organizers, experts and admins are provisioned, not self-registered; tests create them directly. */
export async function createStaffAccount(
  app: INestApplication,
  dataSource: DataSource,
  options: { role: 'organizer' | 'expert' | 'admin' | 'owner' | 'supplier'; jurisdiction?: string; organizationId?: string; orgType?: OrganizationType; regionCode?: string },
): Promise<TestAccount> {
  const suffix = uniqueSuffix();
  let organizationId = options.organizationId;
  if (!organizationId) {
    const regionCode = options.regionCode ?? options.jurisdiction ?? '330100';
    const org = await dataSource.getRepository(Organization).save({
      name: `测试机构${suffix}`,
      type: options.orgType ?? (options.role === 'expert' ? '高校' : '政府部门'),
      creditCode: randomCreditCode(regionCode, options.role === 'expert' ? '12' : '11'),
      regionCode,
      roles: [options.role === 'organizer' || options.role === 'admin' ? 'organizer' : options.role === 'expert' ? 'expert' : options.role],
    });
    organizationId = org.id;
  }
  const email = `${options.role}.${suffix}@test.scenario-exchange.cn`;
  await dataSource.getRepository(User).save({
    organizationId,
    email,
    displayName: `测试${options.role}${suffix.slice(-4)}`,
    passwordHash: await hash(TEST_PASSWORD, 4),
    role: options.role,
    jurisdictionRegionCode: options.jurisdiction ?? null,
  });
  return login(app, email, options.role);
}

export async function login(app: INestApplication, email: string, role: UserRole = 'owner'): Promise<TestAccount> {
  const res = await request(app.getHttpServer()).post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { token: res.body.accessToken, refreshToken: res.body.refreshToken, userId: res.body.user.id, organizationId: res.body.user.organizationId, email, role };
}

export const bearer = (account: TestAccount) => ({ Authorization: `Bearer ${account.token}` });
