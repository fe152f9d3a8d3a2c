import { DOMAIN_SYNONYM_GROUPS } from './synonyms.data';
import { synonymsOf, toMeilisearchSynonyms } from './synonyms';

const normalize = (term: string): string => term.normalize('NFKC').trim().toLowerCase();

describe('DOMAIN_SYNONYM_GROUPS', () => {
  it('has at least 80 groups of two or more distinct, non-blank terms', () => {
    expect(DOMAIN_SYNONYM_GROUPS.length).toBeGreaterThanOrEqual(80);
    for (const group of DOMAIN_SYNONYM_GROUPS) {
      expect(group.length).toBeGreaterThanOrEqual(2);
      for (const term of group) expect(term.trim()).toBe(term);
      for (const term of group) expect(term).not.toBe('');
      expect(new Set(group.map(normalize)).size).toBe(group.length);
    }
  });

  it('never puts one term in two groups', () => {
    const seen = new Map<string, number>();
    const clashes: string[] = [];
    DOMAIN_SYNONYM_GROUPS.forEach((group, index) => {
      for (const term of group) {
        const key = normalize(term);
        const earlier = seen.get(key);
        if (earlier !== undefined && earlier !== index) clashes.push(term);
        seen.set(key, index);
      }
    });
    expect(clashes).toEqual([]);
  });

  it.each([
    ['人形机器人', '具身智能机器人'],
    ['重卡', '重型卡车'],
    ['AGV', '自动导引车'],
    ['MCG', '心磁图'],
    ['PET/CT', '正电子发射计算机断层显像'],
    ['无人机', 'UAV'],
    ['低空飞行器', '无人机'],
    ['脑机接口', 'BCI'],
    ['氢燃料电池', '燃料电池'],
    ['大模型', 'LLM'],
    ['大语言模型', '大模型'],
    ['激光雷达', 'LiDAR'],
    ['北斗', '卫星导航'],
    ['质子交换膜', 'PEM'],
    ['CAR-T', '嵌合抗原受体T细胞'],
    ['碳纤维复合材料', 'CFRP'],
  ])('lists %s and %s as synonyms', (a, b) => {
    expect(synonymsOf(a)).toContain(b);
    expect(synonymsOf(b)).toContain(a);
  });
});

describe('toMeilisearchSynonyms', () => {
  it('maps every term to the other terms of its group, symmetrically', () => {
    const sut = toMeilisearchSynonyms(DOMAIN_SYNONYM_GROUPS);
    const termCount = DOMAIN_SYNONYM_GROUPS.reduce((sum, group) => sum + group.length, 0);
    expect(Object.keys(sut)).toHaveLength(termCount);
    for (const [term, others] of Object.entries(sut)) {
      expect(others).not.toContain(term);
      expect(others.length).toBeGreaterThan(0);
      for (const other of others) expect(sut[other]).toContain(term);
    }
    expect(sut['LLM'].sort()).toEqual(['大模型', '大语言模型', '基础模型'].sort());
  });

  it('drops blank terms and singleton groups, and merges a term listed twice', () => {
    const sut = toMeilisearchSynonyms([['甲', ' ', '乙'], ['丙'], ['甲', '丁']]);
    expect(sut).toEqual({ 甲: ['乙', '丁'], 乙: ['甲'], 丁: ['甲'] });
  });
});

describe('synonymsOf', () => {
  it('is width- and case-insensitive and empty for unknown terms', () => {
    expect(synonymsOf('lidar')).toEqual(['激光雷达', '光学雷达']);
    expect(synonymsOf('没有的词')).toEqual([]);
  });
});
