import { Capability, Organization, Scenario } from '@app/database';
import { anonymousOwnerLabel, expandDomainNames, isOrganizationType, regionAncestors } from '@app/taxonomy';

/**
 * Public documents only. Contacts, drafts, bids and the full scenario description (visible only to
 * verified suppliers who accepted the owner's terms) are never mapped here, so they cannot leak
 * through search results, highlights or facets.
 */
export interface ScenarioDocument {
  id: string;
  title: string;
  summary: string;
  domains: string[];
  domainsExpanded: string[];
  regionCode: string | null;
  regionCodes: string[];
  tier: string | null;
  stage: string | null;
  budgetMinWan: number | null;
  budgetMaxWan: number | null;
  budgetNegotiable: boolean;
  minTrl: number | null;
  deadline: number | null;
  tags: string[];
  ownerDisplayName: string;
  ownerType: string | null;
  anonymous: boolean;
  status: string;
  batchIds: string[];
  publishedAt: number | null;
}

export interface CapabilityDocument {
  id: string;
  title: string;
  description: string;
  domains: string[];
  domainsExpanded: string[];
  kind: string | null;
  trl: number | null;
  regionCode: string | null;
  regionCodes: string[];
  priceMinWan: number | null;
  priceMaxWan: number | null;
  tags: string[];
  organizationId: string;
  supplierName: string;
  supplierType: string | null;
  qualifications: string[];
  caseCount: number;
  status: string;
  batchIds: string[];
  publishedAt: number | null;
}

export interface OrganizationDocument {
  id: string;
  name: string;
  type: string;
  regionCode: string;
  regionCodes: string[];
  domains: string[];
  qualifications: string[];
  description: string;
  caseCount: number;
}

export const SCENARIO_SUMMARY_LENGTH = 120;

const epochSeconds = (date: Date | string | null | undefined): number | null =>
  date ? Math.floor(new Date(date).getTime() / 1000) : null;

function regionCodesOf(code: string | null | undefined): string[] {
  if (!code) return [];
  const chain = regionAncestors(code).map((r) => r.code);
  return chain.length ? chain : [code];
}

/** Qualification names still valid today; an expired 高新技术企业 certificate no longer counts. */
export function validQualificationNames(org: Pick<Organization, 'qualifications'>, today = new Date()): string[] {
  const day = today.toISOString().slice(0, 10);
  return [...new Set(org.qualifications.filter((q) => !q.validTo || q.validTo >= day).map((q) => q.name))];
}

export function summarize(text: string, length = SCENARIO_SUMMARY_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= length ? flat : flat.slice(0, length) + '…';
}

export function ownerDisplayName(scenario: Pick<Scenario, 'anonymous'>, owner: Pick<Organization, 'name' | 'type'>): string {
  if (!scenario.anonymous) return owner.name;
  return isOrganizationType(owner.type) ? anonymousOwnerLabel(owner.type) : '某单位';
}

export function toScenarioDocument(scenario: Scenario, owner: Organization, batchIds: string[] = []): ScenarioDocument {
  return {
    id: scenario.id,
    title: scenario.title,
    summary: summarize(scenario.description),
    domains: scenario.domains,
    domainsExpanded: expandDomainNames(scenario.domains),
    regionCode: scenario.regionCode,
    regionCodes: regionCodesOf(scenario.regionCode),
    tier: scenario.tier,
    stage: scenario.stage,
    budgetMinWan: scenario.budgetMinWan,
    budgetMaxWan: scenario.budgetMaxWan,
    budgetNegotiable: scenario.budgetMinWan === null && scenario.budgetMaxWan === null,
    minTrl: scenario.minTrl,
    deadline: epochSeconds(scenario.deadline),
    tags: scenario.tags,
    ownerDisplayName: ownerDisplayName(scenario, owner),
    ownerType: owner.type,
    anonymous: scenario.anonymous,
    status: scenario.status,
    batchIds,
    publishedAt: epochSeconds(scenario.publishedAt),
  };
}

export function toCapabilityDocument(capability: Capability, supplier: Organization, batchIds: string[] = []): CapabilityDocument {
  const regionCode = capability.regionCode ?? supplier.regionCode;
  return {
    id: capability.id,
    title: capability.title,
    description: capability.description,
    domains: capability.domains,
    domainsExpanded: expandDomainNames(capability.domains),
    kind: capability.kind,
    trl: capability.trl,
    regionCode,
    regionCodes: regionCodesOf(regionCode),
    priceMinWan: capability.priceMinWan,
    priceMaxWan: capability.priceMaxWan,
    tags: capability.tags,
    organizationId: supplier.id,
    supplierName: supplier.name,
    supplierType: supplier.type,
    qualifications: validQualificationNames(supplier),
    caseCount: supplier.cases.length,
    status: capability.status,
    batchIds,
    publishedAt: epochSeconds(capability.publishedAt),
  };
}

export function toOrganizationDocument(org: Organization): OrganizationDocument {
  return {
    id: org.id,
    name: org.name,
    type: org.type,
    regionCode: org.regionCode,
    regionCodes: regionCodesOf(org.regionCode),
    domains: org.domains,
    qualifications: validQualificationNames(org),
    description: org.description ?? '',
    caseCount: org.cases.length,
  };
}
