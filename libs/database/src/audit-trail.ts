import { EntityManager } from 'typeorm';
import { AuditEntry } from './entities/audit-entry.entity';

export interface AuditActor {
  userId: string | null;
  role: string | null;
}

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId: string;
  regionCode?: string | null;
  before?: object | null;
  after?: object | null;
  comment?: string | null;
}

/** Written inside the caller's transaction, so an action and its audit row land together or not at all. */
export async function recordAudit(manager: EntityManager, actor: AuditActor | null, record: AuditRecord): Promise<void> {
  const entry = manager.create(AuditEntry, {
    actorUserId: actor?.userId ?? null,
    actorRole: actor?.role ?? null,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId,
    regionCode: record.regionCode ?? null,
    before: (record.before as Record<string, unknown>) ?? null,
    after: (record.after as Record<string, unknown>) ?? null,
    comment: record.comment ?? null,
  });
  await manager.save(entry);
}
