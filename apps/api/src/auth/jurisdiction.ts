import { REGIONS, isWithinRegion, regionAncestors } from '@app/taxonomy';
import { EntityManager } from 'typeorm';
import { AuthenticatedUser } from './current-user';

/**
 * The one definition of jurisdiction used by every feature.
 * Admins oversee everything; organizers the regions within their jurisdiction; nobody else anything. */
export function oversees(user: AuthenticatedUser | undefined, regionCode: string | null | undefined): boolean {
  if (!user) return false;
  if (user.role === 'admin') return true;
  if (user.role !== 'organizer' || !user.jurisdictionRegionCode || !regionCode) return false;
  return isWithinRegion(regionCode, user.jurisdictionRegionCode);
}

/** Every known region code inside a jurisdiction (itself included), for `region_code IN (…)` filters. */
export function regionCodesWithin(ancestorCode: string): string[] {
  return REGIONS.filter((region) => isWithinRegion(region.code, ancestorCode)).map((region) => region.code);
}

export function isMemberOf(user: AuthenticatedUser | undefined, organizationId: string): boolean {
  return !!user && user.organizationId === organizationId;
}

/** Organizer accounts whose jurisdiction contains the region (city and province organizers alike). */
export async function organizersOverseeing(manager: EntityManager, regionCode: string | null | undefined): Promise<string[]> {
  const codes = regionCode ? regionAncestors(regionCode).map((region) => region.code) : [];
  if (codes.length === 0) return [];
  const rows: Array<{ id: string }> = await manager.query(
    `SELECT id FROM users WHERE role = 'organizer' AND jurisdiction_region_code = ANY($1::varchar[])`,
    [codes],
  );
  return rows.map((row) => row.id);
}
