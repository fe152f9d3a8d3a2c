/** The response shapes the SPA reads (a subset of the API's response DTOs). */
export interface OrgSummary {
  id: string;
  name: string;
  type: string;
  regionCode: string;
  regionName: string;
  qualifications: string[];
  casesCount: number;
  verified: boolean;
}

export interface Scenario {
  id: string;
  detailLevel: 'summary' | 'full' | 'private';
  title: string;
  summary: string;
  domains: string[];
  regionCode: string | null;
  regionName: string | null;
  tier: string | null;
  stage: string | null;
  budgetMinWan: number | null;
  budgetMaxWan: number | null;
  budgetNegotiable: boolean;
  minTrl: number | null;
  deadline: string | null;
  tags: string[];
  status: string;
  statusLabel: string;
  owner: { name: string; type: string | null; anonymous: boolean; organizationId: string | null };
  anonymous: boolean;
  version: number;
  publishedAt: string | null;
  description: string | null;
  landingConditions: string | null;
  contact: { name?: string | null; phone?: string | null; email?: string | null } | null;
  outcome: { result: string; resultLabel: string; supplierOrganizationId: string | null; reason: string | null } | null;
  readiness: { key: string; label: string; ok: boolean; hint: string | null }[] | null;
  allowedActions: string[];
  confidentiality: { termsVersion: string; terms: string; accepted: boolean; acceptedAt: string | null; organizationVerified: boolean } | null;
  submittedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Capability {
  id: string;
  title: string;
  description: string;
  domains: string[];
  kind: string | null;
  trl: number | null;
  regionCode: string;
  regionName: string;
  priceMinWan: number | null;
  priceMaxWan: number | null;
  priceNegotiable: boolean;
  tags: string[];
  status: string;
  statusLabel: string;
  version: number;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  organization: OrgSummary;
  allowedActions: string[];
}

export interface OrganizationProfile {
  id: string;
  name: string;
  type: string;
  creditCode: string | null;
  regionCode: string;
  regionName: string;
  roles: string[];
  domains: string[];
  qualifications: { name: string; validFrom: string | null; validTo: string | null; expired: boolean }[];
  cases: { title: string; client: string | null; year: number | null; summary: string | null }[];
  casesCount: number;
  size: string | null;
  description: string | null;
  verified: boolean;
  verifiedAt: string | null;
  publishedCapabilities: { id: string; title: string; kind: string | null; trl: number | null; domains: string[]; publishedAt: string | null }[];
}

export interface BatchItem {
  id: string;
  title: string;
  summary: string;
  description: string | null;
  domains: string[];
  regionName: string | null;
  organizationDisplayName: string;
  organizationId: string | null;
  tier?: string | null;
  stage?: string | null;
  budgetMinWan?: number | null;
  budgetMaxWan?: number | null;
  minTrl?: number | null;
  trl?: number | null;
  kind?: string | null;
  currentStatus?: string;
}

export interface Batch {
  id: string;
  kind: 'scenario' | 'capability';
  kindLabel: string;
  title: string;
  description: string | null;
  regionCode: string;
  regionName: string;
  status: string;
  statusLabel: string;
  noticeDays: number | null;
  noticeEndsAt: string | null;
  publishedAt: string | null;
  itemCount: number;
  createdAt: string;
  items?: BatchItem[];
  diff?: {
    previousTitle: string | null;
    added: { id: string; title: string }[];
    removed: { id: string; title: string }[];
    changed: { id: string; title: string; changes: { field: string }[] }[];
    unchanged: number;
  } | null;
}

export interface ResponseView {
  id: string;
  scenario: { id: string; title: string; status: string };
  organization: OrgSummary;
  approach: string;
  priceWan: number | null;
  priceNegotiable: boolean;
  schedule: string;
  capabilities: { id: string; title: string }[];
  status: string;
  statusLabel: string;
  decisionComment: string | null;
  submittedAt: string;
  allowedActions: string[];
  editable: boolean;
}

export interface Comment {
  id: string;
  kind: string;
  body: string;
  items: string[];
  itemLabels: string[];
  authorName: string | null;
  authorRole: string;
  scenarioVersion: number;
  createdAt: string;
}

export interface VersionInfo {
  version: number;
  changedFields: string[];
  editedBy: string | null;
  editorRole: string | null;
  createdAt: string;
}

export interface VersionDiff {
  from: number;
  to: number;
  changes: { field: string; label: string; before: unknown; after: unknown; textDiff: { op: string; text: string }[] | null }[];
}
