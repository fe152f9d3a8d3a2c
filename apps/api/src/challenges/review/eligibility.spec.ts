import type { ChallengeEligibility } from '@app/database';
import { checkEligibility, EligibilityOrganization, qualificationValidOn } from './eligibility';

const rules: ChallengeEligibility = {
  regions: ['330200'],
  organizationTypes: ['民营企业', '高校'],
  qualifications: ['高新技术企业'],
  consortiumAllowed: true,
  maxMembers: 3,
};
const indicators = [{ name: '定位精度', targetValue: '≤5', unit: 'cm', verification: '第三方检测' }];
const responses = [{ indicatorIndex: 0, proposedValue: '3', evidence: '检测报告编号 2026-001' }];
const lead: EligibilityOrganization = {
  id: 'lead',
  type: '民营企业',
  regionCode: '330212',
  qualifications: [{ name: '高新技术企业', validFrom: '2025-01-01', validTo: '2027-12-31' }],
  role: 'lead',
  memberStatus: 'confirmed',
};
const member = (over: Partial<EligibilityOrganization> = {}): EligibilityOrganization => ({
  id: 'm',
  type: '高校',
  regionCode: '330100',
  qualifications: [],
  role: 'member',
  memberStatus: 'confirmed',
  ...over,
});
const TODAY = '2026-06-01';

describe('checkEligibility', () => {
  it('accepts an eligible consortium', () => {
    expect(checkEligibility(rules, [lead, member()], indicators, responses, TODAY)).toBeNull();
  });

  it('names the region rule when the lead is outside the allowed regions', () => {
    expect(checkEligibility(rules, [{ ...lead, regionCode: '330106' }], indicators, responses, TODAY)).toMatchObject({
      rule: 'region',
      message: expect.stringContaining('注册地区'),
    });
  });

  it('checks every organization type, members included', () => {
    expect(checkEligibility(rules, [lead, member({ type: '医院' })], indicators, responses, TODAY)?.message).toContain(
      '联合体成员单位类型为「医院」',
    );
  });

  it('requires qualifications valid today', () => {
    const expired = { ...lead, qualifications: [{ name: '高新技术企业', validFrom: '2020-01-01', validTo: '2026-05-31' }] };
    expect(checkEligibility(rules, [expired], indicators, responses, TODAY)).toMatchObject({
      rule: 'qualification',
      message: expect.stringContaining('有效期'),
    });
    expect(checkEligibility(rules, [{ ...lead, qualifications: [] }], indicators, responses, TODAY)?.message).toContain(
      '不具备「高新技术企业」',
    );
    expect(qualificationValidOn({ name: 'x', validFrom: '2026-06-01', validTo: '2026-06-01' }, TODAY)).toBe(true);
  });

  it('refuses consortia where not allowed, too many members, and unconfirmed members', () => {
    expect(checkEligibility({ ...rules, consortiumAllowed: false }, [lead, member()], indicators, responses, TODAY)?.rule).toBe(
      'consortium',
    );
    expect(
      checkEligibility(rules, [lead, member({ id: 'a' }), member({ id: 'b' }), member({ id: 'c' })], indicators, responses, TODAY)?.rule,
    ).toBe('maxMembers');
    expect(checkEligibility(rules, [lead, member({ memberStatus: 'invited' })], indicators, responses, TODAY)).toMatchObject({
      rule: 'membersConfirmed',
      message: expect.stringContaining('未确认'),
    });
    expect(checkEligibility(rules, [lead, member({ memberStatus: 'declined', type: '医院' })], indicators, responses, TODAY)).toBeNull();
  });

  it('requires a value and evidence for every indicator', () => {
    expect(checkEligibility(rules, [lead], indicators, [], TODAY)?.message).toContain('指标「定位精度」');
    expect(checkEligibility(rules, [lead], indicators, [{ indicatorIndex: 0, proposedValue: '3', evidence: ' ' }], TODAY)?.rule).toBe(
      'indicatorResponses',
    );
  });
});
