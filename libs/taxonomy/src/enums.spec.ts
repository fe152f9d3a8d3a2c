import {
  ORGANIZATION_TYPES,
  QUALIFICATIONS,
  anonymousOwnerLabel,
  isOrganizationType,
  isQualification,
  isScenarioStage,
} from './enums';

describe('anonymousOwnerLabel', () => {
  it.each([
    ['国有企业', '某国有企业'],
    ['医院', '某医院'],
    ['政府部门', '某政府部门'],
  ] as const)('labels %s as %s', (type, expected) => {
    expect(anonymousOwnerLabel(type)).toBe(expected);
  });
});

describe('enum guards', () => {
  it('accept listed values only', () => {
    for (const type of ORGANIZATION_TYPES) expect(isOrganizationType(type)).toBe(true);
    expect(isOrganizationType('个人')).toBe(false);
    expect(isQualification('专精特新“小巨人”')).toBe(true);
    expect(isQualification('专精特新"小巨人"')).toBe(false);
    expect(isScenarioStage('融合试验场景')).toBe(true);
    expect(isScenarioStage(3)).toBe(false);
    expect(QUALIFICATIONS).toContain('首台（套）');
  });
});
