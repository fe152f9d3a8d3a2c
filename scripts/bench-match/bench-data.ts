import { Capability, Organization, OutboxEvent, Scenario } from '@app/database';
import { isKnownRegionCode, isOrganizationType } from '@app/taxonomy';
import { readFileSync } from 'node:fs';
import { DataSource, EntityManager } from 'typeorm';

/** A scenario line of `scenarios.jsonl` (see ../shared/bench/matching-dev/README.md); only id, title, description are sure. */
export interface BenchScenario {
  id: string;
  title: string;
  description: string;
  domains?: string[] | null;
  region?: string | null;
  tier?: string | null;
  stage?: string | null;
  budgetWan?: [number, number] | null;
  minTrl?: number | null;
  ownerType?: string | null;
  ownerName?: string | null;
  deadline?: string | null;
  tags?: string[] | null;
}

/** A capability line of `capabilities.jsonl`. */
export interface BenchCapability {
  id: string;
  title: string;
  description: string;
  domains?: string[] | null;
  kind?: string | null;
  trl?: number | null;
  region?: string | null;
  supplierName?: string | null;
  supplierType?: string | null;
  qualifications?: string[] | null;
  priceWan?: [number, number] | null;
  tags?: string[] | null;
  publishedAt?: string | null;
}

type Json = Record<string, unknown>;

export function readJsonl(path: string): Json[] {
  const rows: Json[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') return;
      try {
        const value: unknown = JSON.parse(line);
        if (value && typeof value === 'object' && !Array.isArray(value)) rows.push(value as Json);
      } catch {
        console.warn(`${path}:${index + 1}: not JSON, skipped`);
      }
    });
  return rows;
}

const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const strings = (value: unknown): string[] | null =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item.trim() !== '') : null;
function range(value: unknown): [number, number] | null {
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [a, b] = value.map((item) => (typeof item === 'number' && Number.isFinite(item) && item >= 0 ? item : null));
  if (a === null && b === null) return null;
  const low = a ?? b ?? 0;
  const high = b ?? a ?? 0;
  return low <= high ? [low, high] : [high, low];
}

export function parseScenario(row: Json): BenchScenario {
  return {
    id: String(row.id),
    title: str(row.title) ?? String(row.id),
    description: typeof row.description === 'string' ? row.description : '',
    domains: strings(row.domains),
    region: str(row.region) ?? str(row.regionCode),
    tier: str(row.tier),
    stage: str(row.stage),
    budgetWan: range(row.budgetWan),
    minTrl: num(row.minTrl),
    ownerType: str(row.ownerType),
    ownerName: str(row.ownerName),
    deadline: str(row.deadline),
    tags: strings(row.tags),
  };
}

export function parseCapability(row: Json): BenchCapability {
  return {
    id: String(row.id),
    title: str(row.title) ?? String(row.id),
    description: typeof row.description === 'string' ? row.description : '',
    domains: strings(row.domains),
    kind: str(row.kind),
    trl: num(row.trl),
    region: str(row.region) ?? str(row.regionCode),
    supplierName: str(row.supplierName),
    supplierType: str(row.supplierType),
    qualifications: strings(row.qualifications),
    priceWan: range(row.priceWan),
    tags: strings(row.tags),
    publishedAt: str(row.publishedAt),
  };
}

/** The database's own limits (title ≤ 80, TRL 1–9, known codes): what does not fit is dropped, never fatal. */
const title80 = (title: string): string => Array.from(title).slice(0, 80).join('') || '（无标题）';
const knownRegion = (code: string | null | undefined): string | null => (code && isKnownRegionCode(code) ? code : null);
const trlOf = (value: number | null | undefined): number | null =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 9 ? value : null;
const KINDS = new Set(['技术', '产品', '解决方案', '服务']);
const TIERS = new Set(['小切口高价值场景', '行业领域集成式场景', '综合性重大场景']);
const STAGES = new Set(['早期验证场景', '融合试验场景', '综合推广场景']);
const dateOf = (value: string | null | undefined): string | null => (value && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null);
const CHUNK = 1000;

function dedupe<T extends { id: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(item.id) ? false : (seen.add(item.id), true)));
}

async function insertOrganizations(manager: EntityManager, orgs: Map<string, Partial<Organization>>): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const entries = [...orgs.entries()];
  for (let i = 0; i < entries.length; i += CHUNK) {
    const slice = entries.slice(i, i + CHUNK);
    const result = await manager.insert(
      Organization,
      slice.map(([, org]) => org),
    );
    slice.forEach(([key], index) => ids.set(key, (result.identifiers[index] as { id: string }).id));
  }
  return ids;
}

/**
 * Loads capabilities as published rows with their suppliers, through the entities the platform uses, and
 * writes an outbox row per capability in the same transaction (exactly what publishing does). The file's
 * id is kept in `external_key`. Returns file id → row id.
 */
export async function importCapabilities(dataSource: DataSource, items: readonly BenchCapability[], publishedAt: Date): Promise<Map<string, string>> {
  const capabilities = dedupe(items);
  return dataSource.transaction(async (manager) => {
    const orgs = new Map<string, Partial<Organization>>();
    const orgKeyOf = (item: BenchCapability): string => `bench:supplier:${item.supplierName ?? item.id}`;
    for (const item of capabilities) {
      const key = orgKeyOf(item);
      if (orgs.has(key)) continue;
      orgs.set(key, {
        name: (item.supplierName ?? `供给方${item.id}`).slice(0, 100).padEnd(2, '方'),
        type: item.supplierType && isOrganizationType(item.supplierType) ? item.supplierType : '民营企业',
        regionCode: knownRegion(item.region) ?? '330000',
        roles: ['supplier'],
        qualifications: (item.qualifications ?? []).map((name) => ({ name })),
        cases: [],
        verifiedAt: publishedAt,
        externalKey: key,
      });
    }
    const orgIds = await insertOrganizations(manager, orgs);
    const ids = new Map<string, string>();
    for (let i = 0; i < capabilities.length; i += CHUNK) {
      const slice = capabilities.slice(i, i + CHUNK);
      const result = await manager.insert(
        Capability,
        slice.map((item) => ({
          organizationId: orgIds.get(orgKeyOf(item)) as string,
          title: title80(item.title),
          description: item.description ?? '',
          domains: item.domains ?? [],
          kind: item.kind && KINDS.has(item.kind) ? item.kind : null,
          trl: trlOf(item.trl),
          regionCode: knownRegion(item.region),
          priceMinWan: item.priceWan?.[0] ?? null,
          priceMaxWan: item.priceWan?.[1] ?? null,
          tags: item.tags ?? [],
          status: 'published' as const,
          externalKey: item.id,
          submittedAt: publishedAt,
          publishedAt: item.publishedAt && Number.isFinite(Date.parse(item.publishedAt)) ? new Date(item.publishedAt) : publishedAt,
        })),
      );
      const rowIds = result.identifiers.map((identifier) => (identifier as { id: string }).id);
      slice.forEach((item, index) => ids.set(item.id, rowIds[index]));
      await manager.insert(
        OutboxEvent,
        rowIds.map((aggregateId) => ({ aggregate: 'capability' as const, aggregateId, event: 'published' })),
      );
    }
    return ids;
  });
}

/** Loads scenarios with their owners, in the given status (published ones get their outbox row). Returns file id → row id. */
export async function importScenarios(
  dataSource: DataSource,
  items: readonly BenchScenario[],
  status: 'published' | 'approved',
  publishedAt: Date,
): Promise<Map<string, string>> {
  const scenarios = dedupe(items);
  return dataSource.transaction(async (manager) => {
    const orgs = new Map<string, Partial<Organization>>();
    const orgKeyOf = (item: BenchScenario): string => `bench:owner:${item.ownerName ?? item.id}`;
    for (const item of scenarios) {
      const key = orgKeyOf(item);
      if (orgs.has(key)) continue;
      orgs.set(key, {
        name: (item.ownerName ?? `业主${item.id}`).slice(0, 100).padEnd(2, '方'),
        type: item.ownerType && isOrganizationType(item.ownerType) ? item.ownerType : '政府部门',
        regionCode: knownRegion(item.region) ?? '330000',
        roles: ['owner'],
        externalKey: key,
      });
    }
    const orgIds = await insertOrganizations(manager, orgs);
    const ids = new Map<string, string>();
    for (let i = 0; i < scenarios.length; i += CHUNK) {
      const slice = scenarios.slice(i, i + CHUNK);
      const result = await manager.insert(
        Scenario,
        slice.map((item) => ({
          organizationId: orgIds.get(orgKeyOf(item)) as string,
          title: title80(item.title),
          description: item.description ?? '',
          domains: item.domains ?? [],
          regionCode: knownRegion(item.region),
          tier: item.tier && TIERS.has(item.tier) ? item.tier : null,
          stage: item.stage && STAGES.has(item.stage) ? item.stage : null,
          budgetMinWan: item.budgetWan?.[0] ?? null,
          budgetMaxWan: item.budgetWan?.[1] ?? null,
          minTrl: trlOf(item.minTrl),
          deadline: dateOf(item.deadline),
          tags: item.tags ?? [],
          status,
          externalKey: item.id,
          submittedAt: publishedAt,
          publishedAt: status === 'published' ? publishedAt : null,
        })),
      );
      const rowIds = result.identifiers.map((identifier) => (identifier as { id: string }).id);
      slice.forEach((item, index) => ids.set(item.id, rowIds[index]));
      if (status === 'published') {
        await manager.insert(
          OutboxEvent,
          rowIds.map((aggregateId) => ({ aggregate: 'scenario' as const, aggregateId, event: 'published' })),
        );
      }
    }
    return ids;
  });
}
