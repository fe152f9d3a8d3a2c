import { DUPLICATE_THRESHOLD, scenarioSimilarity } from './scenario-similarity';

describe('scenarioSimilarity', () => {
  const substation = {
    title: '变电站人形机器人智能巡检',
    description: '核心需求：在 220kV 变电站部署人形机器人开展夜间巡检，识别表计读数和设备发热缺陷，替代人工巡视。',
    tags: ['巡检机器人'],
    domains: ['具身智能'],
  };
  const rephrased = {
    title: '人形机器人变电站巡检应用',
    description: '我单位 220kV 变电站需要人形机器人夜间巡检，自动识别表计读数、设备发热等缺陷，减少人工巡视。',
    tags: ['巡检机器人', '变电站'],
    domains: ['具身智能'],
  };
  const unrelated = {
    title: '深远海养殖网箱水质在线监测',
    description: '核心需求：对深远海养殖网箱的溶解氧、温度、盐度进行在线监测并预警，海上供电受限。',
    tags: ['水质监测'],
    domains: ['深海科技'],
  };

  it('scores a rephrased demand above the duplicate threshold and names what they share', () => {
    const sut = scenarioSimilarity(substation, rephrased);
    expect(sut.similarity).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
    expect(sut.similarity).toBeLessThanOrEqual(1);
    expect(sut.sharedPhrases.join('、')).toMatch(/人形机器|巡检|表计/);
  });

  it('is symmetric', () => {
    expect(scenarioSimilarity(substation, rephrased).similarity).toBe(scenarioSimilarity(rephrased, substation).similarity);
  });

  it('keeps unrelated demands far below the threshold', () => {
    expect(scenarioSimilarity(substation, unrelated).similarity).toBeLessThan(0.1);
  });

  it('gives 1 for identical text', () => {
    expect(scenarioSimilarity(substation, { ...substation }).similarity).toBe(1);
  });

  it('does not call two demands duplicates for sharing only a domain', () => {
    const sameDomain = {
      ...unrelated,
      domains: ['具身智能'],
      title: '康复外骨骼机器人临床试用',
      description: '在康复科开展下肢外骨骼机器人辅助步行训练的临床试用，评估患者步态改善。',
    };
    expect(scenarioSimilarity(substation, sameDomain).similarity).toBeLessThan(DUPLICATE_THRESHOLD);
  });
});
