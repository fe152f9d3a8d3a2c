import { Organization } from '@app/database';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { bearer, TestAccount, uniqueSuffix } from './fixtures';

/** A demand that passes every readiness item; override what a test is about. */
export function scenarioBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: `变电站人形机器人智能巡检${uniqueSuffix().slice(-4)}`,
    description:
      '现状：220kV 变电站夜间巡检依赖人工，人手紧张、风险高。核心需求：人形机器人自主巡检，识别表计读数和设备发热缺陷，巡检结果接入生产管理系统。',
    domains: ['具身智能'],
    regionCode: '330206',
    tier: '小切口高价值场景',
    stage: '早期验证场景',
    budgetMinWan: 100,
    budgetMaxWan: 300,
    minTrl: 6,
    deadline: '2099-06-30',
    tags: ['巡检机器人'],
    landingConditions: '提供 2 座变电站作为试点，开放历史巡检数据和站内网络接入。',
    contact: { name: '张工', phone: '0574-87000000', email: 'zhang.gong@example.cn' },
    attachments: [{ name: '巡检点位清单.xlsx', size: 20480 }],
    ...overrides,
  };
}

export async function createScenario(
  app: INestApplication,
  owner: TestAccount,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; [key: string]: unknown }> {
  const res = await request(app.getHttpServer()).post('/api/v1/scenarios').set(bearer(owner)).send(scenarioBody(overrides));
  if (res.status !== 201) throw new Error(`create scenario failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function act(
  app: INestApplication,
  account: TestAccount,
  id: string,
  action: string,
  body: Record<string, unknown> = {},
): Promise<void> {
  const res = await request(app.getHttpServer()).post(`/api/v1/scenarios/${id}/${action}`).set(bearer(account)).send(body);
  if (res.status !== 200) throw new Error(`${action} scenario failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/**
 * Create → submit → approve → publish through the API, as the owner and an organizer whose jurisdiction
 * contains `regionCode` (default 330206, 宁波市北仑区: use an organizer of 330200 or 330206).
 */
export async function publishScenarioViaApi(
  app: INestApplication,
  owner: TestAccount,
  organizer: TestAccount,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; [key: string]: unknown }> {
  const created = await createScenario(app, owner, overrides);
  await act(app, owner, created.id, 'submit');
  await act(app, organizer, created.id, 'approve');
  await act(app, organizer, created.id, 'publish');
  const res = await request(app.getHttpServer()).get(`/api/v1/scenarios/${created.id}`).set(bearer(owner)).expect(200);
  return res.body;
}

/** Marks an organization as checked by an organizer (精准画像 verified) directly in the database. */
export async function markOrganizationVerified(dataSource: DataSource, organizationId: string): Promise<void> {
  await dataSource.getRepository(Organization).update({ id: organizationId }, { verifiedAt: new Date() });
}
