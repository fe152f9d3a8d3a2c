import { DOMAINS, NINGBO_DIRECTION_NAMES, type Domain, type DomainSystem } from './domains.data';

/** Width- and case-insensitive, so "ＡＩ＋", "ai+" and " AI+ " all find AI+. */
function normalizeDomainName(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase();
}

const domainsByNormalizedName: ReadonlyMap<string, Domain> = (() => {
  const index = new Map<string, Domain>();
  for (const domain of DOMAINS) {
    for (const name of [domain.name, ...domain.aliases]) index.set(normalizeDomainName(name), domain);
  }
  return index;
})();

const domainsByCode: ReadonlyMap<string, Domain> = new Map(DOMAINS.map((domain) => [domain.code, domain]));

/** Canonical names, in taxonomy order; aliases are not included. */
export const ALL_DOMAIN_NAMES: readonly string[] = DOMAINS.map((domain) => domain.name);

export function findDomainByName(name: string): Domain | undefined {
  // Stored names are mostly already canonical: matching scores look them up for every pair.
  return domainsByNormalizedName.get(name) ?? domainsByNormalizedName.get(normalizeDomainName(name));
}

export function findDomainByCode(code: string): Domain | undefined {
  return domainsByCode.get(code);
}

/** Accepts canonical names and aliases. */
export function isKnownDomainName(name: unknown): name is string {
  return typeof name === 'string' && findDomainByName(name) !== undefined;
}

export function domainsOfSystem(system: DomainSystem): Domain[] {
  return DOMAINS.filter((domain) => domain.system === system);
}

export function isNingboDirection(name: string): boolean {
  const domain = findDomainByName(name);
  return domain !== undefined && NINGBO_DIRECTION_NAMES.includes(domain.name);
}

function domainsMappingTo(name: string): Domain[] {
  return DOMAINS.filter((domain) => domain.mapsTo.includes(name));
}

/**
 * One step along `mapsTo`, in both directions: 未来智能 → 具身智能, 类脑智能, 6G, AI+, and
 * 核医疗 → 原创新药, 未来诊疗. Not transitive, so 未来诊疗 does not pull in 原创新药 through 核医疗;
 * a chain would soon cover every medical domain and make the expansion useless as a filter.
 * Known names come back canonical (aliases resolved); unknown names are kept as given (trimmed)
 * so free text is not silently lost. Input order is kept, each name followed by its expansions, no duplicates.
 */
export function expandDomainNames(names: readonly string[]): string[] {
  const expanded = new Set<string>();
  for (const raw of names) {
    const domain = findDomainByName(raw);
    if (!domain) {
      const trimmed = raw.trim();
      if (trimmed !== '') expanded.add(trimmed);
      continue;
    }
    expanded.add(domain.name);
    for (const target of domain.mapsTo) expanded.add(target);
    for (const source of domainsMappingTo(domain.name)) expanded.add(source.name);
  }
  return [...expanded];
}

export type DomainDistance = 0 | 1 | 2;

/**
 * 0: the same domain (names and aliases resolved; 宁波 前沿新材料 is Zhejiang's 前沿新材料).
 * 1: linked by one mapping edge or by a shared endpoint of mapping edges:
 *    - one maps to the other (未来海洋 ↔ 深海科技, 量子+ ↔ 量子科技);
 *    - both are mapped from one shared parent (具身智能 and 类脑智能, both under 未来智能);
 *    - both map to one shared domain (原创新药 and 未来诊疗, both covering 核医疗).
 * 2: anything else, including when either name is unknown.
 */
export function domainDistance(a: string, b: string): DomainDistance {
  const domainA = findDomainByName(a);
  const domainB = findDomainByName(b);
  if (!domainA || !domainB) return 2;
  if (domainA === domainB) return 0;
  if (domainA.mapsTo.includes(domainB.name) || domainB.mapsTo.includes(domainA.name)) return 1;
  const sharedParent = DOMAINS.some(
    (parent) => parent.mapsTo.includes(domainA.name) && parent.mapsTo.includes(domainB.name),
  );
  if (sharedParent) return 1;
  if (domainA.mapsTo.some((target) => domainB.mapsTo.includes(target))) return 1;
  return 2;
}
