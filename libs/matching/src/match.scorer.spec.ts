import { TermStatistics } from './key-phrase.extractor';
import { compareMatches, rankCandidates, scoreCandidate } from './match.scorer';
import type { MatchCapability, MatchResult, MatchScenario } from './matching.types';
import { SCORING_CONFIG } from './scoring.config';

const scenario: MatchScenario = {
  id: 'S1',
  title: '变电站夜间巡检人手不足',
  description:
    '我公司负责宁波地区变电站运维，夜间巡检依靠人工，巡检质量不稳定。核心需求：四足巡检机器人夜间自主巡检，识别表计读数和设备发热，发现异常及时告警。落地条件：预算100–200万元，2027年内上线。',
  domains: ['具身智能'],
  regionCode: '330200',
  budgetWan: [100, 200],
  minTrl: 6,
};

const robot: MatchCapability = {
  id: 'C-robot',
  title: '四足巡检机器人',
  description: '四足机器人搭载红外热像仪和可见光相机，夜间自主巡检变电站，自动识别表计读数、设备发热并告警。已在省内12座变电站应用。',
  domains: ['具身智能'],
  trl: 7,
  regionCode: '330200',
  priceWan: [80, 150],
  qualifications: ['高新技术企业'],
};

const unrelated: MatchCapability = {
  id: 'C-reducer',
  title: '人形机器人关节用谐波减速器',
  description: '减速比50–160，回差≤10弧秒，适配人形机器人关节模组。',
  domains: ['具身智能'],
  trl: 9,
  regionCode: '330200',
  priceWan: [0.1, 0.5],
  qualifications: [],
};

const stats = TermStatistics.fromTexts([robot, unrelated].map((c) => `${c.title}。${c.description}`));
const context = { termStatistics: stats };

function featureValue(result: MatchResult, name: string): number | null | undefined {
  return result.features.find((feature) => feature.name === name)?.value;
}

describe('scoreCandidate', () => {
  it('scores within 0..1, records the scoring version and a breakdown whose contributions add up to the score', () => {
    const sut = scoreCandidate(scenario, robot, context);

    expect(sut.score).toBeGreaterThan(0);
    expect(sut.score).toBeLessThanOrEqual(1);
    expect(sut.scoringVersion).toBe(SCORING_CONFIG.version);
    const total = sut.features.reduce((sum, feature) => sum + feature.contribution, 0);
    expect(total).toBeCloseTo(sut.score, 4);
  });

  it('ranks the capability that answers the demand above a same-domain look-alike', () => {
    expect(scoreCandidate(scenario, robot, context).score).toBeGreaterThan(scoreCandidate(scenario, unrelated, context).score);
  });

  it('lowers the score when TRL is below the required minimum', () => {
    const mature = scoreCandidate(scenario, robot, context);
    const immature = scoreCandidate(scenario, { ...robot, trl: 4 }, context);

    expect(featureValue(immature, 'trlFit')).toBeLessThan(1);
    expect(immature.score).toBeLessThan(mature.score);
  });

  it('lowers the score when the price is above the budget', () => {
    const affordable = scoreCandidate(scenario, robot, context);
    const expensive = scoreCandidate(scenario, { ...robot, priceWan: [300, 500] }, context);

    expect(featureValue(expensive, 'priceFit')).toBeLessThan(featureValue(affordable, 'priceFit') ?? 0);
    expect(expensive.score).toBeLessThan(affordable.score);
  });

  it('prefers a supplier in the same city to one in another province', () => {
    const sameCity = scoreCandidate(scenario, { ...robot, regionCode: '330200' }, context);
    const sameProvince = scoreCandidate(scenario, { ...robot, regionCode: '330100' }, context);
    const otherProvince = scoreCandidate(scenario, { ...robot, regionCode: '440300' }, context);

    expect(sameCity.score).toBeGreaterThan(sameProvince.score);
    expect(sameProvince.score).toBeGreaterThan(otherProvince.score);
  });

  it('counts a Ningbo direction mapped onto the demand domain as near, between same and unrelated', () => {
    const same = featureValue(scoreCandidate(scenario, robot, context), 'domainFit') ?? 0;
    const mapped = featureValue(scoreCandidate(scenario, { ...robot, domains: ['未来智能'] }, context), 'domainFit') ?? 0;
    const unrelatedDomain = featureValue(scoreCandidate(scenario, { ...robot, domains: ['生物制造'] }, context), 'domainFit') ?? 0;

    expect(mapped).toBeLessThan(same);
    expect(mapped).toBeGreaterThan(unrelatedDomain);
  });

  describe('missing data neither helps nor hurts', () => {
    const bare: MatchCapability = { ...robot, trl: null, priceWan: null, regionCode: undefined };

    it('reports missing features as null with no contribution', () => {
      const sut = scoreCandidate(scenario, bare, context);

      for (const name of ['trlFit', 'priceFit', 'regionProximity']) {
        const feature = sut.features.find((f) => f.name === name);
        expect(feature?.value).toBeNull();
        expect(feature?.contribution).toBe(0);
      }
    });

    it('scores a capability without TRL between the same capability below and at the required TRL', () => {
      const noTrl = scoreCandidate(scenario, { ...robot, trl: null }, context).score;
      const below = scoreCandidate(scenario, { ...robot, trl: 1 }, context).score;
      const meets = scoreCandidate(scenario, { ...robot, trl: 9 }, context).score;

      expect(noTrl).toBeGreaterThan(below);
      expect(noTrl).toBeLessThan(meets);
    });

    it('gives the score of the present features alone, renormalized over their weights', () => {
      const sut = scoreCandidate(scenario, bare, context);
      const present = sut.features.filter((feature) => feature.value !== null);
      const expected =
        present.reduce((sum, feature) => sum + feature.weight * (feature.value ?? 0), 0) /
        present.reduce((sum, feature) => sum + feature.weight, 0);

      expect(sut.score).toBeCloseTo(expected, 4);
    });

    it('scores an entry with only id, title and an empty description without failing', () => {
      const sut = scoreCandidate({ id: 'S0', title: '夜间巡检', description: '' }, { id: 'C0', title: '巡检机器人', description: '' });

      expect(sut.score).toBeGreaterThan(0);
      expect(Number.isFinite(sut.score)).toBe(true);
      expect(sut.explanation).not.toBe('');
    });
  });

  it('explains with the facts that produced the score, in Chinese', () => {
    const sut = scoreCandidate(scenario, robot, context).explanation;

    expect(sut).toContain('同属具身智能领域');
    expect(sut).toContain('四足巡检机器人');
    expect(sut).toContain('TRL 7 ≥ 要求 6');
    expect(sut).toContain('报价 80–150 万元在预算内');
    expect(sut).toContain('供给方位于宁波');
  });

  it('says so when TRL falls short and the price exceeds the budget', () => {
    const sut = scoreCandidate(scenario, { ...robot, trl: 4, priceWan: [300, 500] }, context).explanation;

    expect(sut).toContain('TRL 4 低于要求 6');
    expect(sut).toContain('高于预算 100–200 万元');
  });

  it('uses retrieval ranks when given and weighted: a candidate found first scores higher than one not found', () => {
    const queries = [{ name: 'title', weight: 1 }];
    const config = { ...SCORING_CONFIG, weights: { ...SCORING_CONFIG.weights, textRetrieval: 0.1 } };
    const found = scoreCandidate(scenario, robot, { ...context, config, queries, retrievalSignals: new Map([[robot.id, { ranks: { title: 1 } }]]) });
    const notFound = scoreCandidate(scenario, robot, { ...context, config, queries, retrievalSignals: new Map() });

    expect(featureValue(found, 'textRetrieval')).toBe(1);
    expect(featureValue(notFound, 'textRetrieval')).toBe(0);
    expect(found.score).toBeGreaterThan(notFound.score);
  });

  it('scores a pair the same from either side with the default weights (retrieval rank weighs nothing)', () => {
    const queries = [{ name: 'title', weight: 1 }];
    const found = scoreCandidate(scenario, robot, { ...context, queries, retrievalSignals: new Map([[robot.id, { ranks: { title: 1 } }]]) });
    const plain = scoreCandidate(scenario, robot, context);

    expect(found.score).toBe(plain.score);
  });

  it('can leave the explanation out while ranking without changing the score', () => {
    const quiet = scoreCandidate(scenario, robot, { ...context, explain: false });
    const explained = scoreCandidate(scenario, robot, context);

    expect(quiet.explanation).toBe('');
    expect(quiet.score).toBe(explained.score);
  });
});

describe('rankCandidates', () => {
  it('is deterministic and breaks ties by id', () => {
    const twinA = { ...robot, id: 'C-a' };
    const twinB = { ...robot, id: 'C-b' };

    const first = rankCandidates(scenario, [twinB, unrelated, twinA], undefined, context);
    const second = rankCandidates(scenario, [twinA, twinB, unrelated], undefined, context);

    expect(first.map((r) => r.capabilityId)).toEqual(['C-a', 'C-b', 'C-reducer']);
    expect(second).toEqual(first);
  });

  it('orders by score first', () => {
    expect(compareMatches({ score: 0.9, id: 'b' }, { score: 0.1, id: 'a' })).toBeLessThan(0);
    expect(compareMatches({ score: 0.5, id: 'a' }, { score: 0.5, id: 'b' })).toBeLessThan(0);
  });
});
