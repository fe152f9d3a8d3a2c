import { StateMachine } from '@app/common';
import { EntityManager } from 'typeorm';
import { AuditActor, recordAudit } from '../audit-trail';
import { Capability, CapabilityStatus } from '../entities/capability.entity';
import { UserRole } from '../entities/user.entity';
import { recordOutboxEvent } from '../outbox';

export type CapabilityAction = 'submit' | 'return' | 'verify' | 'publish' | 'archive';

export const CAPABILITY_STATUS_LABELS: Record<CapabilityStatus, string> = {
  draft: '草稿',
  submitted: '已提交待核验',
  returned: '已退回修改',
  verified: '已核验',
  published: '已发布',
  archived: '已归档',
};

/** 能力供给 lifecycle: draft → submitted → (returned ↺ | verified) → published → archived. */
export const CAPABILITY_LIFECYCLE = new StateMachine<CapabilityStatus, CapabilityAction, UserRole>(
  '能力供给',
  {
    submit: { from: ['draft', 'returned'], to: 'submitted', roles: ['supplier'], label: '提交核验' },
    return: { from: ['submitted'], to: 'returned', roles: ['organizer'], label: '退回修改' },
    verify: { from: ['submitted'], to: 'verified', roles: ['organizer'], label: '核验通过' },
    publish: { from: ['verified'], to: 'published', roles: ['supplier', 'organizer'], label: '发布' },
    archive: { from: ['draft', 'returned', 'verified', 'published'], to: 'archived', roles: ['supplier', 'organizer'], label: '归档' },
  },
  CAPABILITY_STATUS_LABELS,
);

export const PUBLIC_CAPABILITY_STATUSES: readonly CapabilityStatus[] = ['published'];

/** The one way a capability changes state (see transitionScenario for the contract). */
export async function transitionCapability(
  manager: EntityManager,
  capability: Capability,
  action: CapabilityAction,
  actor: AuditActor,
  options: { comment?: string | null; at?: Date } = {},
): Promise<Capability> {
  const before = { status: capability.status };
  const to = CAPABILITY_LIFECYCLE.next(capability.status, action);
  const at = options.at ?? new Date();
  const changes: Partial<Capability> = { status: to };
  if (action === 'submit') changes.submittedAt = at;
  if (action === 'publish') changes.publishedAt = at;
  await manager.update(Capability, { id: capability.id }, changes);
  Object.assign(capability, changes);
  const owner = await manager.query(`SELECT region_code FROM organizations WHERE id = $1`, [capability.organizationId]);
  await recordAudit(manager, actor, {
    action: `capability.${action}`,
    entityType: 'capability',
    entityId: capability.id,
    regionCode: capability.regionCode ?? owner[0]?.region_code ?? null,
    before,
    after: { status: to },
    comment: options.comment ?? null,
  });
  if (PUBLIC_CAPABILITY_STATUSES.includes(to) || PUBLIC_CAPABILITY_STATUSES.includes(before.status)) {
    await recordOutboxEvent(manager, 'capability', capability.id, action === 'publish' ? 'published' : action);
  }
  return capability;
}
