import { MUNICIPALITY_CODES, REGIONS, type Region } from './regions.data';

export type RegionProximity = 'same_district' | 'same_city' | 'same_province' | 'other';

const regionsByCode: ReadonlyMap<string, Region> = new Map(REGIONS.map((region) => [region.code, region]));
const municipalityCodes: ReadonlySet<string> = new Set(MUNICIPALITY_CODES);

export function findRegion(code: string): Region | undefined {
  return regionsByCode.get(code);
}

export function isKnownRegionCode(code: unknown): code is string {
  return typeof code === 'string' && regionsByCode.has(code);
}

export function isMunicipality(code: string): boolean {
  return municipalityCodes.has(code);
}

/** Self first, then parent, grandparent...; empty for an unknown code. */
export function regionAncestors(code: string): Region[] {
  const chain: Region[] = [];
  let current = regionsByCode.get(code);
  while (current) {
    chain.push(current);
    current = current.parentCode === null ? undefined : regionsByCode.get(current.parentCode);
  }
  return chain;
}

/**
 * Reflexive: a region is within itself, so a filter on 宁波市 also keeps items tagged with 330200 only.
 * Unknown codes are within nothing.
 */
export function isWithinRegion(code: string, ancestorCode: string): boolean {
  return regionAncestors(code).some((region) => region.code === ancestorCode);
}

/** The city-level code containing `code` (itself for a city or municipality); null for other provinces and unknown codes. */
export function cityOf(code: string): string | null {
  for (const region of regionAncestors(code)) {
    if (region.level === 'city' || municipalityCodes.has(region.code)) return region.code;
  }
  return null;
}

export function provinceOf(code: string): string | null {
  return regionAncestors(code).find((region) => region.level === 'province')?.code ?? null;
}

/**
 * District → "宁波市鄞州区"; city → "浙江省宁波市" (the province disambiguates cities outside Zhejiang);
 * province or municipality → its own name; unknown → the code itself, so a stale key still renders.
 */
export function regionDisplayName(code: string): string {
  const region = regionsByCode.get(code);
  if (!region) return code;
  if (region.level === 'province') return region.name;
  const parent = region.parentCode === null ? undefined : regionsByCode.get(region.parentCode);
  return parent ? `${parent.name}${region.name}` : region.name;
}

/**
 * How close two places are, judged by the finest level both codes share:
 * same_district only when both are the same district; same_city when both lie in one city
 * (a city code and one of its districts, or two districts of it, or two codes of one municipality);
 * same_province when they share only the province; other for different provinces or any unknown code.
 */
export function regionProximity(a: string, b: string): RegionProximity {
  const regionA = regionsByCode.get(a);
  const regionB = regionsByCode.get(b);
  if (!regionA || !regionB) return 'other';
  if (a === b && regionA.level === 'district') return 'same_district';
  const cityA = cityOf(a);
  if (cityA !== null && cityA === cityOf(b)) return 'same_city';
  const provinceA = provinceOf(a);
  if (provinceA !== null && provinceA === provinceOf(b)) return 'same_province';
  return 'other';
}
