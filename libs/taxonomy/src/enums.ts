/** Stored values are the Chinese labels themselves: they appear verbatim in policy texts and exports. */
export const ORGANIZATION_TYPES = [
  '政府部门',
  '国有企业',
  '民营企业',
  '高校',
  '科研院所',
  '医院',
  '园区',
  '投资机构',
] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

export const SCENARIO_TIERS = ['小切口高价值场景', '行业领域集成式场景', '综合性重大场景'] as const;
export type ScenarioTier = (typeof SCENARIO_TIERS)[number];

/** Ningbo's stages, ordered from first proof to wide roll-out. */
export const SCENARIO_STAGES = ['早期验证场景', '融合试验场景', '综合推广场景'] as const;
export type ScenarioStage = (typeof SCENARIO_STAGES)[number];

export const CAPABILITY_KINDS = ['技术', '产品', '解决方案', '服务'] as const;
export type CapabilityKind = (typeof CAPABILITY_KINDS)[number];

export const QUALIFICATIONS = [
  '科技型中小企业',
  '高新技术企业',
  '专精特新中小企业',
  '专精特新“小巨人”',
  '独角兽',
  '链主企业',
  '首台（套）',
  '首批次',
  '首版次',
] as const;
export type Qualification = (typeof QUALIFICATIONS)[number];

/** TRL bounds (GB/T 22900-2022 uses the same nine levels). */
export const TRL_MIN = 1;
export const TRL_MAX = 9;

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

export const isOrganizationType = (value: unknown): value is OrganizationType => isOneOf(ORGANIZATION_TYPES, value);
export const isScenarioTier = (value: unknown): value is ScenarioTier => isOneOf(SCENARIO_TIERS, value);
export const isScenarioStage = (value: unknown): value is ScenarioStage => isOneOf(SCENARIO_STAGES, value);
export const isCapabilityKind = (value: unknown): value is CapabilityKind => isOneOf(CAPABILITY_KINDS, value);
export const isQualification = (value: unknown): value is Qualification => isOneOf(QUALIFICATIONS, value);

/** Shown instead of the owner's name on an anonymously published scenario, e.g. "某国有企业". */
export function anonymousOwnerLabel(type: OrganizationType): string {
  return `某${type}`;
}
