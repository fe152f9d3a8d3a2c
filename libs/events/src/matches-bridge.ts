import { EntityManager } from 'typeorm';

/**
 * The `matches` table belongs to the matching feature and may not exist yet in a given deployment;
 * everything here checks for it first and degrades to "no matches".
 */
export async function matchesTableExists(manager: EntityManager): Promise<boolean> {
  const rows: Array<{ t: string | null }> = await manager.query(`SELECT to_regclass('public.matches')::text AS t`);
  return !!rows[0]?.t;
}

export interface OrganizationPairScore {
  ownerOrganizationId: string;
  supplierOrganizationId: string;
  /** Best match score between any scenario of the owner and any capability of the supplier, in [0, 1]. */
  score: number;
}

/** Scores may be stored as 0–1 or 0–100; the scheduler wants 0–1. */
const normalizeScore = (raw: number): number => Math.max(0, Math.min(1, raw > 1 ? raw / 100 : raw));

/** Owner ↔ supplier organization pairs linked by at least one match, with the best score. */
export async function matchedOrganizationPairs(manager: EntityManager, ownerOrganizationIds: string[], supplierOrganizationIds: string[]): Promise<OrganizationPairScore[]> {
  if (!ownerOrganizationIds.length || !supplierOrganizationIds.length) return [];
  if (!(await matchesTableExists(manager))) return [];
  try {
    const rows: Array<{ owner_org: string; supplier_org: string; score: string | number | null }> = await manager.query(
      `SELECT s.organization_id AS owner_org, c.organization_id AS supplier_org, max(m.score)::float8 AS score
         FROM matches m
         JOIN scenarios s ON s.id = m.scenario_id
         JOIN capabilities c ON c.id = m.capability_id
        WHERE s.organization_id = ANY($1::uuid[]) AND c.organization_id = ANY($2::uuid[])
        GROUP BY 1, 2`,
      [ownerOrganizationIds, supplierOrganizationIds],
    );
    return rows.map((r) => ({ ownerOrganizationId: r.owner_org, supplierOrganizationId: r.supplier_org, score: normalizeScore(Number(r.score ?? 0)) }));
  } catch {
    // A matches table of another shape (still being built) must not break events.
    return [];
  }
}

/**
 * A meeting between the two organizations happened: matches linking them move to `meeting`.
 * `landed` and closed states are the matching feature's to set, so they are left alone. Runs in a
 * savepoint so an unexpected matches schema cannot abort the caller's transaction.
 */
export async function markMatchesMet(manager: EntityManager, ownerOrganizationId: string, supplierOrganizationId: string): Promise<number> {
  if (!(await matchesTableExists(manager))) return 0;
  await manager.query('SAVEPOINT events_match_status');
  try {
    const result: [unknown[], number] = await manager.query(
      // Meeting in person shows interest on both sides, which the matches table requires of `meeting`.
      `UPDATE matches m SET status = 'meeting',
              owner_interested_at = coalesce(m.owner_interested_at, now()),
              supplier_interested_at = coalesce(m.supplier_interested_at, now()),
              updated_at = now()
         FROM scenarios s, capabilities c
        WHERE s.id = m.scenario_id AND c.id = m.capability_id
          AND s.organization_id = $1 AND c.organization_id = $2
          AND m.status IN ('suggested', 'interested_owner', 'interested_supplier', 'mutual')`,
      [ownerOrganizationId, supplierOrganizationId],
    );
    await manager.query('RELEASE SAVEPOINT events_match_status');
    return Array.isArray(result) ? Number(result[1] ?? 0) : 0;
  } catch {
    await manager.query('ROLLBACK TO SAVEPOINT events_match_status');
    return 0;
  }
}
