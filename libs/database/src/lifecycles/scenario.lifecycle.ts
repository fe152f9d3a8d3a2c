import { StateMachine } from '@app/common';
import { EntityManager } from 'typeorm';
import { AuditActor, recordAudit } from '../audit-trail';
import { Scenario, ScenarioStatus } from '../entities/scenario.entity';
import { UserRole } from '../entities/user.entity';
import { recordOutboxEvent } from '../outbox';

export type ScenarioAction = 'submit' | 'return' | 'approve' | 'publish' | 'close' | 'withdraw';

export const SCENARIO_STATUS_LABELS: Record<ScenarioStatus, string> = {
  draft: '草稿',
  submitted: '已提交待审核',
  returned: '已退回修改',
  approved: '已审核通过',
  published: '已发布',
  closed: '已关闭',
  withdrawn: '已撤回',
};

/** 场景需求 lifecycle: draft → submitted → (returned ↺ | approved) → published → closed | withdrawn. */
export const SCENARIO_LIFECYCLE = new StateMachine<ScenarioStatus, ScenarioAction, UserRole>(
  '场景需求',
  {
    submit: { from: ['draft', 'returned'], to: 'submitted', roles: ['owner'], label: '提交审核' },
    return: { from: ['submitted'], to: 'returned', roles: ['organizer'], label: '退回修改' },
    approve: { from: ['submitted'], to: 'approved', roles: ['organizer'], label: '审核通过' },
    publish: { from: ['approved'], to: 'published', roles: ['organizer'], label: '发布' },
    close: { from: ['published'], to: 'closed', roles: ['owner', 'organizer'], label: '关闭（登记落地结果）' },
    withdraw: { from: ['draft', 'submitted', 'returned', 'approved', 'published'], to: 'withdrawn', roles: ['owner', 'organizer'], label: '撤回' },
  },
  SCENARIO_STATUS_LABELS,
);

/** Statuses whose scenario is visible in the public index; changes into or out of them must reach search. */
export const PUBLIC_SCENARIO_STATUSES: readonly ScenarioStatus[] = ['published'];

/**
 * The one way a scenario changes state: checks the transition, stamps times, writes the audit row and,
 * when public visibility may change, the outbox row — all in the caller's transaction. Role checks
 * (who may act on which scenario) stay with the caller, which knows ownership and jurisdiction.
 */
export async function transitionScenario(
  manager: EntityManager,
  scenario: Scenario,
  action: ScenarioAction,
  actor: AuditActor,
  options: { comment?: string | null; at?: Date; extra?: Partial<Scenario> } = {},
): Promise<Scenario> {
  const before = { status: scenario.status };
  const to = SCENARIO_LIFECYCLE.next(scenario.status, action);
  const at = options.at ?? new Date();
  const changes: Partial<Scenario> = { status: to, ...options.extra };
  if (action === 'submit') changes.submittedAt = at;
  if (action === 'publish') changes.publishedAt = at;
  if (action === 'close' || action === 'withdraw') changes.closedAt = at;
  await manager.update(Scenario, { id: scenario.id }, changes);
  Object.assign(scenario, changes);
  await recordAudit(manager, actor, {
    action: `scenario.${action}`,
    entityType: 'scenario',
    entityId: scenario.id,
    regionCode: scenario.regionCode,
    before,
    after: { status: to, ...(options.extra ?? {}) },
    comment: options.comment ?? null,
  });
  if (PUBLIC_SCENARIO_STATUSES.includes(to) || PUBLIC_SCENARIO_STATUSES.includes(before.status)) {
    await recordOutboxEvent(manager, 'scenario', scenario.id, action === 'publish' ? 'published' : action);
  }
  return scenario;
}
