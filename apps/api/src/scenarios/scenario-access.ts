import { ActionForbidden, ResourceNotFound } from '@app/common';
import { Organization, Scenario, SCENARIO_LIFECYCLE, ScenarioAction, ScenarioStatus, UserRole } from '@app/database';
import { isWithinRegion, regionAncestors } from '@app/taxonomy';
import { EntityManager } from 'typeorm';
import { AuthenticatedUser } from '../auth/current-user';

/**
 * How the caller stands to one scenario:
 * `owner` — an owner account of the posting organization (drafts included);
 * `overseer` — an organizer whose jurisdiction contains the scenario (drafts excluded), or an admin;
 * `public` — anyone else, only once the scenario is public; `none` — must look like it does not exist.
 */
export type ScenarioRelation = 'owner' | 'overseer' | 'public' | 'none';

/** Statuses anyone may look at (as a summary): the list it was published on stays readable after closing. */
export const PUBLICLY_VISIBLE_STATUSES: readonly ScenarioStatus[] = ['published', 'closed'];

export const scenarioRegionOf = (s: Scenario): string | null =>
  s.regionCode ?? (s.organization as Organization | undefined)?.regionCode ?? null;

export function relationOf(user: AuthenticatedUser | undefined, s: Scenario): ScenarioRelation {
  if (user?.role === 'admin') return 'overseer';
  if (user?.role === 'owner' && user.organizationId === s.organizationId) return 'owner';
  if (user?.role === 'organizer' && s.status !== 'draft' && user.jurisdictionRegionCode) {
    const region = scenarioRegionOf(s);
    if (region && isWithinRegion(region, user.jurisdictionRegionCode)) return 'overseer';
  }
  return PUBLICLY_VISIBLE_STATUSES.includes(s.status) ? 'public' : 'none';
}

export const isPrivateRelation = (relation: ScenarioRelation): boolean => relation === 'owner' || relation === 'overseer';

/** The lifecycle role the caller acts in on this scenario; admins act with every role (null = unrestricted). */
export function actingRole(user: AuthenticatedUser, relation: ScenarioRelation): UserRole | null {
  if (user.role === 'admin') return null;
  return relation === 'owner' ? 'owner' : 'organizer';
}

export function allowedActionsFor(user: AuthenticatedUser | undefined, s: Scenario, relation: ScenarioRelation): ScenarioAction[] {
  if (!user || !isPrivateRelation(relation)) return [];
  const role = actingRole(user, relation);
  return SCENARIO_LIFECYCLE.allowedActions(s.status, role ?? undefined);
}

export const regionChain = (code: string | null): string[] => (code ? regionAncestors(code).map((r) => r.code) : []);

export interface LoadedScenario {
  scenario: Scenario;
  relation: ScenarioRelation;
}

/** Loads a scenario as the caller may see it; 404 when they may not know it exists. `lock` takes a row lock first. */
export async function loadScenario(
  manager: EntityManager,
  id: string,
  user: AuthenticatedUser | undefined,
  options: { lock?: boolean; privateOnly?: boolean } = {},
): Promise<LoadedScenario> {
  if (options.lock) await manager.query(`SELECT id FROM scenarios WHERE id = $1 FOR UPDATE`, [id]);
  const scenario = await manager.findOne(Scenario, { where: { id }, relations: { organization: true } });
  if (!scenario) throw new ResourceNotFound('场景需求', id);
  const relation = relationOf(user, scenario);
  if (relation === 'none' || (options.privateOnly && !isPrivateRelation(relation))) throw new ResourceNotFound('场景需求', id);
  return { scenario, relation };
}

/** Organizer-only tools (duplicates, merge): owners see the scenario but may not use them. */
export function requireOverseer(relation: ScenarioRelation, what: string): void {
  if (relation !== 'overseer') throw new ActionForbidden(`${what}仅限主办方操作`);
}
