import { APP_CONFIG } from '@app/config';
import { OrganizationQualification } from '@app/database';
import { QueueName } from '@app/queue';
import { OrganizationType } from '@app/taxonomy';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Queue } from 'bullmq';
import request from 'supertest';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { bearer, createStaffAccount, registerAccount, TestAccount, uniqueSuffix } from './fixtures';
import { TestStack } from './test-app';

export interface ChallengeParty extends TestAccount {
  organizationName: string;
  creditCode: string;
  displayName: string;
}

const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();
export { inSeconds };

/** A complete, valid call; override what the test is about. */
export function challengeBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: `港口无人集卡高精度定位攻关${uniqueSuffix()}`,
    background: '宁波舟山港需要在复杂电磁环境下实现厘米级定位。',
    domains: ['具身智能'],
    indicators: [
      { name: '定位精度', targetValue: '≤5', unit: 'cm', verification: '第三方检测' },
      { name: '连续运行时间', targetValue: '≥720', unit: '小时', verification: '现场试运行记录' },
    ],
    deliverables: ['样机 1 套', '测试报告'],
    awardAmount: 500,
    eligibility: {
      regions: ['330200'],
      organizationTypes: ['民营企业', '高校'],
      qualifications: ['高新技术企业'],
      consortiumAllowed: true,
      maxMembers: 3,
    },
    opensAt: inSeconds(60),
    closesAt: inSeconds(120),
    expertsPerApplication: 5,
    rubric: [
      { key: 'tech', name: '技术方案先进性', weight: 60 },
      { key: 'team', name: '团队与实施能力', weight: 40 },
    ],
    blindReview: true,
    noticeDays: 5,
    milestoneReminderLeadHours: 1 / 3600,
    ...overrides,
  };
}

export function applicationBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    summary: '基于 UWB 与视觉融合的港区定位方案',
    indicatorResponses: [
      { indicatorIndex: 0, proposedValue: '3', evidence: '检测报告 JC-2025-118' },
      { indicatorIndex: 1, proposedValue: '800', evidence: '试运行日志' },
    ],
    plan: [
      { title: '完成样机研制', deliverable: '样机 1 套', dueAt: inSeconds(30 * 86400) },
      { title: '完成现场验证', deliverable: '验证报告', dueAt: inSeconds(60 * 86400) },
    ],
    ...overrides,
  };
}

/** A supplier account whose organization has a known name, type, region and qualifications. */
export async function createSupplier(
  stack: TestStack,
  options: { regionCode: string; orgType?: OrganizationType; qualifications?: OrganizationQualification[]; label: string },
): Promise<ChallengeParty> {
  const organizationName = `${options.label}科技有限公司${uniqueSuffix()}`;
  const account = await registerAccount(stack.app, {
    role: 'supplier',
    regionCode: options.regionCode,
    orgType: options.orgType ?? '民营企业',
    orgName: organizationName,
  });
  await stack.dataSource.query(`UPDATE organizations SET qualifications = $1 WHERE id = $2`, [
    JSON.stringify(options.qualifications ?? []),
    account.organizationId,
  ]);
  const [row] = await stack.dataSource.query(
    `SELECT o.credit_code, u.display_name FROM organizations o JOIN users u ON u.organization_id = o.id WHERE u.id = $1`,
    [account.userId],
  );
  return { ...account, organizationName, creditCode: row.credit_code, displayName: row.display_name };
}

export const VALID_HNTE: OrganizationQualification[] = [{ name: '高新技术企业', validFrom: '2024-01-01', validTo: '2099-12-31' }];

/** An expert in the review pool (profile set through the API). */
export async function createExpert(stack: TestStack, options: { domains: string[]; organizationId?: string }): Promise<TestAccount> {
  const expert = await createStaffAccount(stack.app, stack.dataSource, {
    role: 'expert',
    organizationId: options.organizationId,
    regionCode: '330100',
  });
  const res = await request(stack.app.getHttpServer())
    .put('/api/v1/challenges/expert-profile')
    .set(bearer(expert))
    .send({ domains: options.domains, title: '教授' });
  if (res.status !== 200) throw new Error(`expert profile failed: ${res.status} ${JSON.stringify(res.body)}`);
  return expert;
}

export function challengesQueue(stack: TestStack): Queue {
  return stack.app.get<Queue>(getQueueToken(QueueName.Challenges));
}

/** Boots a fresh worker (a "restart"): the old one must already be closed. */
export async function bootWorker(stack: TestStack): Promise<INestApplicationContext> {
  const ref = await Test.createTestingModule({ imports: [WorkerModule] })
    .overrideProvider(APP_CONFIG)
    .useValue(stack.config)
    .compile();
  return ref.init();
}

export async function notificationsOf(stack: TestStack, userId: string, kind: string): Promise<Array<{ title: string; body: string }>> {
  return stack.dataSource.query(`SELECT title, body FROM notifications WHERE user_id = $1 AND kind = $2 ORDER BY created_at`, [
    userId,
    kind,
  ]);
}
