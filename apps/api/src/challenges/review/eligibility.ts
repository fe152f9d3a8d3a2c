import type { ChallengeEligibility, ChallengeIndicator, IndicatorResponse, OrganizationQualification } from '@app/database';
import { isWithinRegion, regionDisplayName } from '@app/taxonomy';

export interface EligibilityOrganization {
  id: string;
  type: string;
  regionCode: string;
  qualifications: OrganizationQualification[];
  role: 'lead' | 'member';
  memberStatus: 'invited' | 'confirmed' | 'declined';
}

export type EligibilityRule =
  'consortium' | 'maxMembers' | 'membersConfirmed' | 'region' | 'organizationType' | 'qualification' | 'indicatorResponses';

/** Chinese names of the rules, quoted in every refusal so the applicant knows which one failed. */
export const ELIGIBILITY_RULE_NAMES: Record<EligibilityRule, string> = {
  consortium: '联合体申报',
  maxMembers: '联合体成员数上限',
  membersConfirmed: '联合体成员确认',
  region: '注册地区',
  organizationType: '单位类型',
  qualification: '资质要求',
  indicatorResponses: '指标响应',
};

export interface EligibilityFailure {
  rule: EligibilityRule;
  message: string;
}

/** A qualification counts when its validity interval (inclusive, by calendar date) contains today. */
export function qualificationValidOn(q: OrganizationQualification, today: string): boolean {
  if (q.validFrom && q.validFrom.slice(0, 10) > today) return false;
  if (q.validTo && q.validTo.slice(0, 10) < today) return false;
  return true;
}

/**
 * The first rule an application breaks, or null. Checked in a fixed order so the message is stable:
 * consortium shape first (cheap, structural), then the lead's region, every organization's type,
 * the lead's qualifications, and finally the indicator responses.
 */
export function checkEligibility(
  rules: ChallengeEligibility,
  organizations: EligibilityOrganization[],
  indicators: ChallengeIndicator[],
  responses: IndicatorResponse[],
  today: string,
): EligibilityFailure | null {
  const fail = (rule: EligibilityRule, detail: string): EligibilityFailure => ({
    rule,
    message: `不符合申报条件「${ELIGIBILITY_RULE_NAMES[rule]}」：${detail}`,
  });
  const participants = organizations.filter((o) => o.memberStatus !== 'declined');
  const lead = participants.find((o) => o.role === 'lead');
  if (!lead) return fail('consortium', '缺少牵头单位');
  const members = participants.filter((o) => o.role === 'member');

  if (members.length > 0 && !rules.consortiumAllowed) return fail('consortium', '本榜单不接受联合体申报');
  if (rules.maxMembers > 0 && participants.length > rules.maxMembers) {
    return fail('maxMembers', `联合体共 ${participants.length} 家单位，超过上限 ${rules.maxMembers} 家（含牵头单位）`);
  }
  const unconfirmed = members.filter((o) => o.memberStatus !== 'confirmed');
  if (unconfirmed.length > 0) return fail('membersConfirmed', `还有 ${unconfirmed.length} 家联合体成员单位未确认参与`);

  if (rules.regions.length > 0 && !rules.regions.some((code) => isWithinRegion(lead.regionCode, code))) {
    return fail(
      'region',
      `牵头单位注册地（${regionDisplayName(lead.regionCode)}）不在 ${rules.regions.map(regionDisplayName).join('、')} 范围内`,
    );
  }
  if (rules.organizationTypes.length > 0) {
    const wrong = participants.find((o) => !rules.organizationTypes.includes(o.type));
    if (wrong) {
      const who = wrong.role === 'lead' ? '牵头单位' : '联合体成员单位';
      return fail('organizationType', `${who}类型为「${wrong.type}」，本榜单仅接受：${rules.organizationTypes.join('、')}`);
    }
  }
  for (const required of rules.qualifications) {
    const held = lead.qualifications.filter((q) => q.name === required);
    if (held.length === 0) return fail('qualification', `牵头单位不具备「${required}」资质`);
    if (!held.some((q) => qualificationValidOn(q, today))) return fail('qualification', `牵头单位的「${required}」资质不在有效期内`);
  }
  for (let i = 0; i < indicators.length; i++) {
    const response = responses.find((r) => r.indicatorIndex === i);
    if (!response || !response.proposedValue.trim() || !response.evidence.trim()) {
      return fail('indicatorResponses', `指标「${indicators[i].name}」未填写拟达到的数值和佐证材料`);
    }
  }
  return null;
}
