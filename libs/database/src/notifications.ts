import { EntityManager } from 'typeorm';
import { User } from './entities/user.entity';

export interface NotificationDraft {
  kind: string;
  title: string;
  body?: string;
  link?: string | null;
  /** Same key + same user = one notification, however often the producer runs. */
  dedupeKey?: string | null;
}

/** Records in-app notifications inside the caller's transaction; returns the ids actually created. */
export async function recordNotifications(manager: EntityManager, userIds: string[], draft: NotificationDraft): Promise<string[]> {
  return recordNotificationBatch(manager, [...new Set(userIds)].map((userId) => ({ userId, draft })));
}

/** Everyone in an organization holding one of the roles (e.g. all owner accounts of a hospital). */
export async function usersOfOrganization(manager: EntityManager, organizationId: string, roles?: string[]): Promise<string[]> {
  const query = manager.createQueryBuilder(User, 'u').select('u.id', 'id').where('u.organization_id = :organizationId', { organizationId });
  if (roles?.length) query.andWhere('u.role IN (:...roles)', { roles });
  return (await query.getRawMany<{ id: string }>()).map((r) => r.id);
}



/**
 * Many notifications in one statement, each recipient with its own draft (same key + same user is recorded
 * once). Returns the ids actually created.
 */
export async function recordNotificationBatch(manager: EntityManager, entries: ReadonlyArray<{ userId: string; draft: NotificationDraft }>): Promise<string[]> {
  if (entries.length === 0) return [];
  const rows: Array<{ id: string }> = await manager.query(
    `INSERT INTO notifications (user_id, kind, title, body, link, dedupe_key)
     SELECT x.user_id, x.kind, x.title, x.body, x.link, x.dedupe_key
       FROM jsonb_to_recordset($1::jsonb) AS x(user_id uuid, kind text, title text, body text, link text, dedupe_key text)
     ON CONFLICT (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
     RETURNING id`,
    [
      JSON.stringify(
        entries.map(({ userId, draft }) => ({
          user_id: userId,
          kind: draft.kind,
          title: draft.title,
          body: draft.body ?? '',
          link: draft.link ?? null,
          dedupe_key: draft.dedupeKey ?? null,
        })),
      ),
    ],
  );
  return rows.map((row) => row.id);
}
