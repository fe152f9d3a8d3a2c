import type { Capability, Organization, OrganizationQualification, Scenario } from '@app/database';
import type { MatchCapability, MatchScenario, WanRange } from './matching.types';
import type { ProfiledText } from './text-profile';

function rangeOf(min: number | null, max: number | null): WanRange | null {
  if (min === null && max === null) return null;
  const low = min ?? 0;
  const high = max ?? min ?? 0;
  return high >= low ? [low, high] : null;
}

/** What the engine reads of a capability row (a TypeORM entity, or a row loaded by plain SQL). */
export type CapabilityFacts = Pick<
  Capability,
  'id' | 'title' | 'domains' | 'kind' | 'trl' | 'regionCode' | 'priceMinWan' | 'priceMaxWan' | 'tags'
> & { description: string | null; publishedAt: Date | string | null };

/** What the engine reads of a supplier: its profile, and how many landed cases it records (not the cases). */
export interface SupplierFacts {
  name: string;
  type: string;
  regionCode: string | null;
  qualifications: readonly OrganizationQualification[] | null;
  caseCount: number;
}

export function supplierFacts(organization: Organization | undefined): SupplierFacts | undefined {
  if (!organization) return undefined;
  const { name, type, regionCode, qualifications, cases } = organization;
  return { name, type, regionCode, qualifications, caseCount: cases?.length ?? 0 };
}

/** Still-valid qualification names; an empty list is "unknown", not "none", so it neither helps nor hurts. */
function qualificationNames(supplier: SupplierFacts | undefined, today: string): string[] | null {
  const names = [...new Set((supplier?.qualifications ?? []).filter((q) => !q.validTo || q.validTo >= today).map((q) => q.name))];
  return names.length > 0 ? names : null;
}

function isoOrNull(value: Date | string | null | undefined): string | null {
  if (!value) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isFinite(date.getTime()) ? date.toISOString() : null;
}

/** The engine's view of a stored scenario (full description: matching runs in the worker, never in public). */
export function toMatchScenario(scenario: Scenario): MatchScenario {
  return {
    id: scenario.id,
    title: scenario.title,
    description: [scenario.description, scenario.landingConditions].filter((part): part is string => !!part && part.trim() !== '').join('\n'),
    domains: scenario.domains?.length ? scenario.domains : null,
    regionCode: scenario.regionCode ?? scenario.organization?.regionCode ?? null,
    tier: scenario.tier,
    stage: scenario.stage,
    budgetWan: rangeOf(scenario.budgetMinWan, scenario.budgetMaxWan),
    minTrl: scenario.minTrl,
    deadline: scenario.deadline,
    ownerType: scenario.organization?.type ?? null,
    tags: scenario.tags?.length ? scenario.tags : null,
  };
}

/** The engine's view of a stored capability together with its supplier's profile (精准画像). */
export function toMatchCapability(capability: CapabilityFacts, supplier: SupplierFacts | undefined, today = new Date()): MatchCapability {
  const day = today.toISOString().slice(0, 10);
  const cases = supplier?.caseCount ?? 0;
  return {
    id: capability.id,
    ...capabilityText(capability),
    domains: capability.domains?.length ? capability.domains : null,
    kind: capability.kind,
    trl: capability.trl,
    regionCode: capability.regionCode ?? supplier?.regionCode ?? null,
    supplierName: supplier?.name ?? null,
    supplierType: supplier?.type ?? null,
    qualifications: qualificationNames(supplier, day),
    priceWan: rangeOf(capability.priceMinWan, capability.priceMaxWan),
    // No recorded case is "not known", not "none": the description may still report deployments.
    caseCount: cases > 0 ? cases : null,
    publishedAt: isoOrNull(capability.publishedAt),
  };
}

/**
 * A capability's text as the engine profiles it. Stored profiles are keyed by this text (`profileSourceKey`),
 * so every place that checks a stored profile against a row must read the row through here.
 */
export function capabilityText(capability: { title: string; description: string | null; tags: string[] | null }): ProfiledText {
  return { title: capability.title, description: capability.description ?? '', tags: capability.tags?.length ? capability.tags : null };
}

/** The text a capability contributes to the pool's term statistics. */
export function capabilityStatisticsText(capability: Pick<Capability, 'title' | 'description'>): string {
  return `${capability.title}。${capability.description ?? ''}`;
}
