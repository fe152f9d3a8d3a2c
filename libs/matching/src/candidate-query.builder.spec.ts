import { MATCHABLE_FILTER, buildCandidateQueries, buildScenarioQueries } from './candidate-query.builder';
import { TermStatistics } from './key-phrase.extractor';
import type { MatchScenario } from './matching.types';

const scenario: MatchScenario = {
  id: 'S1',
  title: '细纱车间挡车工短缺，断头处理不及时',
  description:
    '柯桥一家棉纺企业，环锭细纱机120台。核心需求：沿细纱机弄档自主行走，实时发现断头锭位，30秒内完成接头。落地条件：预算100–300万元，2026年底前上线。',
  domains: ['具身智能'],
};

const stats = TermStatistics.fromTexts(['环锭细纱自动接头巡回机器人，发现断头后自动接头', '纺纱车间智能巡检小车，巡检断头与飞花', '医院物流配送机器人']);

describe('buildCandidateQueries', () => {
  it('only ever searches matchable (published) entries', () => {
    const sut = buildCandidateQueries(scenario, { termStatistics: stats });

    expect(sut.length).toBeGreaterThan(2);
    for (const query of sut) expect(query.filter?.startsWith(MATCHABLE_FILTER)).toBe(true);
  });

  it('queries by title, by key phrases and within the domain including its Ningbo mapping', () => {
    const sut = buildCandidateQueries(scenario, { termStatistics: stats });
    const byName = new Map(sut.map((query) => [query.name, query]));

    expect(byName.get('title')?.q).toBe(scenario.title);
    expect(byName.get('keyPhrases')?.q).toMatch(/断头|细纱/);
    expect(byName.get('keyPhrasesInDomain')?.filter).toContain('"具身智能"');
    expect(byName.get('keyPhrasesInDomain')?.filter).toContain('"未来智能"');
  });

  it('keeps phrase queries inside the 10-word window and free of boilerplate', () => {
    const sut = buildCandidateQueries(scenario, { termStatistics: stats });

    for (const query of sut.filter((q) => q.name !== 'title')) {
      expect(Array.from(query.q.replace(/\s/g, '')).length).toBeLessThanOrEqual(30);
      expect(query.q).not.toMatch(/核心需求|落地条件|预算|万元/);
    }
  });

  it('caps every query and skips domain queries when the domain is unknown', () => {
    const sut = buildCandidateQueries({ ...scenario, domains: null }, { limit: 40 });

    expect(sut.every((query) => query.limit <= 40)).toBe(true);
    expect(sut.some((query) => query.filter?.includes('domainsExpanded'))).toBe(false);
  });

  it('builds queries for an entry with an empty description', () => {
    const sut = buildCandidateQueries({ id: 'S0', title: '防起球的工艺改进', description: '' });

    expect(sut.map((query) => query.name)).toContain('title');
  });
});

describe('buildScenarioQueries', () => {
  it('queries scenarios from a capability the same way', () => {
    const sut = buildScenarioQueries({ id: 'C1', title: '环锭细纱自动接头巡回机器人', description: '发现断头后自动接头', domains: ['具身智能'] });

    expect(sut.find((query) => query.name === 'title')?.q).toBe('环锭细纱自动接头巡回机器人');
    expect(sut.every((query) => query.filter?.startsWith(MATCHABLE_FILTER))).toBe(true);
  });
});
