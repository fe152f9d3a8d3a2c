import { ScenarioSnapshot } from '@app/database';
import { assessReadiness, missingReadinessItems } from './scenario-readiness';

const complete: ScenarioSnapshot = {
  title: '港口重型卡车自动驾驶集卡运输',
  description:
    '港区内集装箱短驳依赖人工驾驶重卡，夜班人手紧张、事故风险高。核心需求：L4 级自动驾驶集卡在堆场与码头间往返运输，支持与码头操作系统对接。',
  domains: ['具身智能'],
  regionCode: '330206',
  tier: '行业领域集成式场景',
  stage: '融合试验场景',
  budgetMinWan: 500,
  budgetMaxWan: 1200,
  budgetNegotiable: false,
  minTrl: 6,
  deadline: '2099-12-31',
  tags: ['自动驾驶'],
  landingConditions: '提供 2 公里封闭测试道路和 5 台重卡改装，开放作业数据。',
  contact: null,
  attachments: [],
  anonymous: false,
};

describe('assessReadiness', () => {
  it('passes every item for a complete demand', () => {
    const sut = assessReadiness(complete, new Date('2026-01-01'));
    expect(sut).toHaveLength(6);
    expect(missingReadinessItems(sut)).toEqual([]);
  });

  it('names each missing item with a Chinese hint', () => {
    const sut = assessReadiness(
      {
        ...complete,
        description: '需要自动驾驶。',
        tags: [],
        landingConditions: null,
        budgetMinWan: null,
        budgetMaxWan: null,
        minTrl: null,
        deadline: '2020-01-01',
      },
      new Date('2026-01-01'),
    );
    expect(missingReadinessItems(sut)).toEqual(['problem', 'core_needs', 'landing_conditions', 'budget', 'timeline', 'expected_trl']);
    expect(sut.find((i) => i.key === 'budget')?.hint).toContain('面议');
  });

  it('accepts an explicit 面议 and a stated implementation period instead of a deadline', () => {
    const sut = assessReadiness({
      ...complete,
      budgetMinWan: null,
      budgetMaxWan: null,
      budgetNegotiable: true,
      deadline: null,
      landingConditions: '实施周期 6 个月，提供测试场地。',
    });
    expect(missingReadinessItems(sut)).toEqual([]);
  });
});
