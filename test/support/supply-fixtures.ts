import { Organization, Scenario, ScenarioStatus } from '@app/database';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { bearer, TestAccount } from './fixtures';

/** The scenario API belongs to another feature; supply tests put scenarios straight into the table. */
export async function createScenarioRow(
  dataSource: DataSource,
  organizationId: string,
  overrides: Partial<Scenario> & { status?: ScenarioStatus } = {},
): Promise<Scenario> {
  const org = await dataSource.getRepository(Organization).findOneByOrFail({ id: organizationId });
  const status = overrides.status ?? 'published';
  return dataSource.getRepository(Scenario).save(
    dataSource.getRepository(Scenario).create({
      organizationId,
      title: '港口重载运输无人化改造',
      description: '梅山港区集装箱水平运输需要重载AGV集群与调度系统。',
      domains: ['具身智能'],
      regionCode: org.regionCode,
      tier: '小切口高价值场景',
      stage: '融合试验场景',
      budgetMinWan: 100,
      budgetMaxWan: 500,
      minTrl: 6,
      contact: { name: '李工', phone: '13800000001', email: 'li@example.cn' },
      publishedAt: status === 'published' || status === 'closed' ? new Date() : null,
      ...overrides,
      status,
    }),
  );
}

export function capabilityBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '重载AGV自动导引车集群调度系统',
    description: '面向港口与工厂的重载自动导引车及多车协同调度。',
    domains: ['具身智能'],
    kind: '产品',
    trl: 7,
    priceMinWan: 50,
    priceMaxWan: 300,
    tags: ['AGV', '港口物流'],
    attachments: [{ name: '产品手册.pdf', size: 2048, mimeType: 'application/pdf' }],
    ...overrides,
  };
}

/** Drives a capability through the real API: create → submit → verify (organizer) → publish. */
export async function publishCapability(
  app: INestApplication,
  supplier: TestAccount,
  organizer: TestAccount,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const http = () => request(app.getHttpServer());
  const created = await http().post('/api/v1/capabilities').set(bearer(supplier)).send(capabilityBody(overrides));
  if (created.status !== 201) throw new Error(`create capability failed: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  for (const [who, action] of [
    [supplier, 'submit'],
    [organizer, 'verify'],
    [supplier, 'publish'],
  ] as const) {
    const res = await http().post(`/api/v1/capabilities/${id}/${action}`).set(bearer(who)).send({});
    if (res.status !== 200) throw new Error(`${action} failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return id;
}
