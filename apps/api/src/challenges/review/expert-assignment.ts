import { domainDistance } from '@app/taxonomy';

export interface AssignmentApplication {
  id: string;
  /** Lead and every (non-declined) consortium member. */
  organizationIds: string[];
}

export interface AssignmentExpert {
  userId: string;
  organizationId: string;
  domains: string[];
}

export interface DeclaredConflict {
  expertUserId: string;
  applicationId?: string | null;
  organizationId?: string | null;
}

export interface AssignmentPair {
  applicationId: string;
  expertUserId: string;
}

export interface AssignmentResult {
  /** New pairs only; existing ones are kept as they are. */
  added: AssignmentPair[];
  unfilled: Array<{ applicationId: string; assigned: number; needed: number }>;
}

/** 0..2 per challenge domain: 2 for the same domain, 1 for a related one (see domainDistance). */
export function domainFit(expertDomains: string[], challengeDomains: string[]): number {
  let fit = 0;
  for (const wanted of challengeDomains) {
    let best = 0;
    for (const own of expertDomains) best = Math.max(best, 2 - domainDistance(own, wanted));
    fit += best;
  }
  return fit;
}

export function isConflicted(expert: AssignmentExpert, application: AssignmentApplication, conflicts: DeclaredConflict[]): boolean {
  if (application.organizationIds.includes(expert.organizationId)) return true;
  return conflicts.some(
    (c) =>
      c.expertUserId === expert.userId &&
      ((c.applicationId && c.applicationId === application.id) ||
        (c.organizationId && application.organizationIds.includes(c.organizationId))),
  );
}

/**
 * Tops every application up to `perApplication` experts. Never an expert from an applicant's (or a
 * consortium member's) organization or one who declared a conflict. Applications with the fewest
 * eligible experts are served first so scarce experts go where they are needed. For each seat the
 * expert with the lowest effective load wins, where an expert with no domain fit counts one extra
 * load unit; ties go to the better domain fit, then the user id (deterministic).
 */
export function assignExperts(
  applications: AssignmentApplication[],
  experts: AssignmentExpert[],
  conflicts: DeclaredConflict[],
  existing: AssignmentPair[],
  perApplication: number,
  challengeDomains: string[],
): AssignmentResult {
  const load = new Map<string, number>(experts.map((e) => [e.userId, 0]));
  for (const pair of existing) load.set(pair.expertUserId, (load.get(pair.expertUserId) ?? 0) + 1);
  const fit = new Map(experts.map((e) => [e.userId, domainFit(e.domains, challengeDomains)]));
  const eligible = new Map(applications.map((a) => [a.id, experts.filter((e) => !isConflicted(e, a, conflicts))]));
  const order = [...applications].sort((a, b) => eligible.get(a.id)!.length - eligible.get(b.id)!.length || a.id.localeCompare(b.id));

  const added: AssignmentPair[] = [];
  const unfilled: AssignmentResult['unfilled'] = [];
  for (const application of order) {
    const seated = new Set(existing.filter((p) => p.applicationId === application.id).map((p) => p.expertUserId));
    while (seated.size < perApplication) {
      const candidates = eligible.get(application.id)!.filter((e) => !seated.has(e.userId));
      if (candidates.length === 0) break;
      const cost = (e: AssignmentExpert) => (load.get(e.userId) ?? 0) + (fit.get(e.userId)! > 0 ? 0 : 1);
      candidates.sort((a, b) => cost(a) - cost(b) || fit.get(b.userId)! - fit.get(a.userId)! || a.userId.localeCompare(b.userId));
      const chosen = candidates[0];
      seated.add(chosen.userId);
      load.set(chosen.userId, (load.get(chosen.userId) ?? 0) + 1);
      added.push({ applicationId: application.id, expertUserId: chosen.userId });
    }
    if (seated.size < perApplication) unfilled.push({ applicationId: application.id, assigned: seated.size, needed: perApplication });
  }
  return { added, unfilled };
}
