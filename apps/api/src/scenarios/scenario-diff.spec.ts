import { ScenarioSnapshot } from '@app/database';
import { changedFields, diffSnapshots } from './scenario-diff';

const base: ScenarioSnapshot = {
  title: '变电站巡检',
  description: '需要在变电站部署四足巡检机器人，实现夜间巡检。',
  domains: ['具身智能'],
  regionCode: '330206',
  tier: null,
  stage: null,
  budgetMinWan: 100,
  budgetMaxWan: 200,
  budgetNegotiable: false,
  minTrl: 6,
  deadline: null,
  tags: [],
  landingConditions: null,
  contact: { name: '张工', phone: '13800000000' },
  attachments: [],
  anonymous: false,
};

describe('diffSnapshots', () => {
  it('lists only the fields that changed, with a word-level diff for long Chinese text', () => {
    const after = {
      ...base,
      description: '需要在变电站部署人形巡检机器人，实现全天候巡检。',
      budgetMaxWan: 300,
      contact: { name: '李工' },
    };
    expect(changedFields(base, after)).toEqual(['description', 'budgetMaxWan', 'contact']);
    const sut = diffSnapshots(base, after, { includeContact: false });
    expect(sut.map((c) => c.field)).toEqual(['description', 'budgetMaxWan']);
    const description = sut[0].textDiff!;
    expect(description).toEqual(
      expect.arrayContaining([
        { op: 'delete', text: '四足' },
        { op: 'insert', text: '人形' },
        { op: 'insert', text: '全天候' },
      ]),
    );
    expect(
      description
        .filter((p) => p.op !== 'insert')
        .map((p) => p.text)
        .join(''),
    ).toBe(base.description);
    expect(sut[1]).toMatchObject({ label: '预算上限（万元）', before: 200, after: 300, textDiff: null });
  });

  it('treats arrays by content', () => {
    expect(changedFields(base, { ...base, domains: ['具身智能'] })).toEqual([]);
  });
});
