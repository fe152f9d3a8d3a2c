import { TermStatistics, termsOf } from './key-phrase.extractor';
import { scoreCandidate } from './match.scorer';
import type { MatchCapability, MatchScenario } from './matching.types';
import { decodeTermHashes, encodeTermHashes } from './term-hash';
import { hasProfile, primeProfile, profileSourceKey, profileText, storedProfileOf } from './text-profile';

const scenario: MatchScenario = {
  id: 'S1',
  title: '变电站夜间巡检人手不足',
  description: '夜间巡检依靠人工。核心需求：四足巡检机器人夜间自主巡检，识别表计读数和设备发热。落地条件：预算100–200万元。',
  domains: ['具身智能'],
  budgetWan: [100, 200],
};

const capability = (): MatchCapability => ({
  id: 'C1',
  title: '四足巡检机器人',
  description: '四足机器人搭载红外热像仪，夜间自主巡检变电站，自动识别表计读数、设备发热并告警。主要参数：续航4小时。',
  tags: ['巡检机器人'],
  domains: ['具身智能'],
  trl: 7,
  priceWan: [80, 150],
});

describe('stored text profiles', () => {
  const stats = TermStatistics.fromTexts([`${capability().title}。${capability().description}`, `${scenario.title}。${scenario.description}`]);

  it('score and explain a candidate exactly as a freshly segmented one after a JSON round trip', () => {
    const fresh = scoreCandidate(scenario, capability(), { termStatistics: stats, now: new Date('2026-06-01') });
    const stored = JSON.parse(JSON.stringify(storedProfileOf(capability())));
    const primed = capability();
    primeProfile(primed, stored);
    expect(hasProfile(primed)).toBe(true);
    const fromStore = scoreCandidate(scenario, primed, { termStatistics: stats, now: new Date('2026-06-01') });
    expect(fromStore).toEqual(fresh);
    expect(fromStore.explanation).not.toBe('');
  });

  it('scores and explains a candidate primed with term hashes only (as candidates load) exactly as a segmented one', () => {
    const fresh = scoreCandidate(scenario, capability(), { termStatistics: stats, now: new Date('2026-06-01') });
    const { titleTerms, synonymHits } = storedProfileOf(capability());
    const hashes = decodeTermHashes(encodeTermHashes(profileText(capability()).termHashes));
    const primed = capability();
    primeProfile(primed, { termHashes: hashes, titleTerms, synonymHits });
    expect(scoreCandidate(scenario, primed, { termStatistics: stats, now: new Date('2026-06-01') })).toEqual(fresh);
    // What only other readers need is recomputed from the text on first use.
    expect(profileText(primed).terms).toEqual(profileText(capability()).terms);
  });

  it('computes the sections of a primed profile on demand, equal to the segmented ones', () => {
    const primed = capability();
    primeProfile(primed, storedProfileOf(capability()));
    expect(profileText(primed).sections).toEqual(profileText(capability()).sections);
  });

  it('a primed profile is dropped when the text changes', () => {
    const primed = capability();
    primeProfile(primed, { terms: [['无关', 1]], titleTerms: ['无关'], synonymHits: [] });
    primed.description = `${primed.description}新增：夜视摄像头。`;
    expect(hasProfile(primed)).toBe(false);
    expect(profileText(primed).terms.has('无关')).toBe(false);
  });

  it('source key follows title, description and tags', () => {
    const base = profileSourceKey(capability());
    expect(profileSourceKey(capability())).toBe(base);
    expect(profileSourceKey({ ...capability(), title: '轮式巡检机器人' })).not.toBe(base);
    expect(profileSourceKey({ ...capability(), description: '其他' })).not.toBe(base);
    expect(profileSourceKey({ ...capability(), tags: null })).not.toBe(base);
  });

  it('counting stored distinct terms gives the same statistics as counting the text', () => {
    const text = `${capability().title}。${capability().description}`;
    const fromText = TermStatistics.fromTexts([text, '其他文本：激光雷达']);
    const fromTerms = new TermStatistics();
    fromTerms.addTerms([...new Set(termsOf(text))]);
    fromTerms.addDocument('其他文本：激光雷达');
    for (const term of termsOf(text)) expect(fromTerms.idf(term)).toBe(fromText.idf(term));
    expect(fromTerms.documentCount).toBe(2);
  });
});
