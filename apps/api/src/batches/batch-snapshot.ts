import { Capability, ListBatchDiff, ListBatchFieldChange, ListBatchKind, ListBatchSnapshotItem, Organization, Scenario } from '@app/database';
import { ownerDisplayName, summarize, validQualificationNames } from '@app/search';

export function snapshotOfScenario(scenario: Scenario, owner: Organization): ListBatchSnapshotItem {
  return {
    id: scenario.id,
    title: scenario.title,
    summary: summarize(scenario.description),
    description: scenario.description,
    domains: [...scenario.domains],
    regionCode: scenario.regionCode ?? owner.regionCode,
    tags: [...scenario.tags],
    organizationId: owner.id,
    organizationName: owner.name,
    organizationType: owner.type,
    organizationCreditCode: owner.creditCode,
    displayName: ownerDisplayName(scenario, owner),
    anonymous: scenario.anonymous,
    tier: scenario.tier,
    stage: scenario.stage,
    budgetMinWan: scenario.budgetMinWan,
    budgetMaxWan: scenario.budgetMaxWan,
    minTrl: scenario.minTrl,
    deadline: scenario.deadline,
    landingConditions: scenario.landingConditions,
  };
}

export function snapshotOfCapability(capability: Capability, supplier: Organization): ListBatchSnapshotItem {
  return {
    id: capability.id,
    title: capability.title,
    summary: summarize(capability.description),
    description: capability.description,
    domains: [...capability.domains],
    regionCode: capability.regionCode ?? supplier.regionCode,
    tags: [...capability.tags],
    organizationId: supplier.id,
    organizationName: supplier.name,
    organizationType: supplier.type,
    organizationCreditCode: supplier.creditCode,
    displayName: supplier.name,
    anonymous: false,
    kind: capability.kind,
    trl: capability.trl,
    priceMinWan: capability.priceMinWan,
    priceMaxWan: capability.priceMaxWan,
    qualifications: validQualificationNames(supplier),
  };
}

/** Fields the public may see, per kind; everything a diff compares comes from here. */
const PUBLIC_FIELDS: Record<ListBatchKind, ReadonlyArray<keyof ListBatchSnapshotItem>> = {
  scenario: ['title', 'summary', 'domains', 'regionCode', 'tags', 'displayName', 'tier', 'stage', 'budgetMinWan', 'budgetMaxWan', 'minTrl', 'deadline'],
  capability: ['title', 'description', 'domains', 'regionCode', 'tags', 'displayName', 'kind', 'trl', 'priceMinWan', 'priceMaxWan', 'qualifications'],
};

/** Scenario descriptions and landing conditions are tiered-confidential; credit codes and real names of anonymous owners are the organizers'. */
export function isRestrictedField(kind: ListBatchKind, field: keyof ListBatchSnapshotItem): boolean {
  if (field === 'organizationCreditCode' || field === 'organizationName' || field === 'landingConditions') return true;
  return kind === 'scenario' && field === 'description';
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function fieldChanges(kind: ListBatchKind, before: ListBatchSnapshotItem, after: ListBatchSnapshotItem): ListBatchFieldChange[] {
  return PUBLIC_FIELDS[kind]
    .filter((field) => !same(before[field], after[field]))
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
}

/** Added, removed and changed items (public fields, field by field) against the previous published batch. */
export function diffSnapshots(
  kind: ListBatchKind,
  previous: { id: string; title: string; snapshot: ListBatchSnapshotItem[] } | null,
  current: ListBatchSnapshotItem[],
): ListBatchDiff {
  const before = new Map((previous?.snapshot ?? []).map((item) => [item.id, item]));
  const after = new Map(current.map((item) => [item.id, item]));
  const diff: ListBatchDiff = { previousBatchId: previous?.id ?? null, previousTitle: previous?.title ?? null, added: [], removed: [], changed: [], unchanged: 0 };
  for (const item of current) {
    const old = before.get(item.id);
    if (!old) {
      diff.added.push({ id: item.id, title: item.title });
      continue;
    }
    const changes = fieldChanges(kind, old, item);
    if (changes.length) diff.changed.push({ id: item.id, title: item.title, changes });
    else diff.unchanged += 1;
  }
  for (const old of previous?.snapshot ?? []) {
    if (!after.has(old.id)) diff.removed.push({ id: old.id, title: old.title });
  }
  return diff;
}
