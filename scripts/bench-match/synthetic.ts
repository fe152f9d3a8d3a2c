import { existsSync, readFileSync } from 'node:fs';
import { DOMAINS } from '@app/taxonomy';
import type { BenchCapability, BenchScenario } from './bench-data';

/** mulberry32: tiny, seedable; the same seed always gives the same market. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PRODUCT_NOUNS = ['系统', '平台', '装备', '模组', '解决方案', '检测仪', '控制器', '传感器', '软件', '机器人', '材料', '试剂盒', '工作站', '服务'];
const ADJECTIVES = ['高精度', '低功耗', '智能化', '轻量化', '国产化', '模块化', '高可靠', '便携式', '一体化', '自主可控', '高通量', '宽温域'];
const OBJECTS = ['变电站', '化工园区', '三甲医院', '港口码头', '地铁隧道', '城市道路', '工业园区', '养老机构', '中小学', '污水处理厂', '海上风电场', '数据中心', '制造车间', '农业基地', '物流仓库', '社区'];
const NEEDS = ['巡检', '监测', '预警', '质检', '诊断', '调度', '运维', '筛查', '溯源', '节能改造', '安全管控', '无人化作业'];
const INDICATORS = [
  '检测精度优于0.5%',
  '响应时间小于50毫秒',
  '连续工作时间超过12小时',
  '识别准确率达到98%以上',
  '支持-20℃至60℃环境运行',
  '防护等级IP67',
  '单机日处理能力1万件',
  '能耗较传统方案降低30%',
  '定位误差小于2厘米',
  '国产化率超过90%',
];
const CASES = [
  '已在宁波、杭州等地10余家单位落地应用',
  '已为多家国有企业提供服务',
  '累计交付200余套',
  '已在省内3个园区开展试点示范',
  '产品通过第三方检测认证',
  '',
];
const QUALIFICATIONS = ['高新技术企业', '专精特新中小企业', '专精特新“小巨人”', '科技型中小企业', '首台（套）', '独角兽', '链主企业'];
const KINDS = ['技术', '产品', '解决方案', '服务'];
const SUPPLIER_TYPES = ['民营企业', '国有企业', '高校', '科研院所'];
const OWNER_TYPES = ['政府部门', '国有企业', '民营企业', '医院', '园区', '高校', '科研院所'];
const REGIONS = ['330100', '330200', '330300', '330400', '330500', '330600', '330700', '330800', '330900', '331000', '331100', '330106', '330212', '310000', '440300', '320500'];
const TIERS = ['小切口高价值场景', '行业领域集成式场景', '综合性重大场景'];
const STAGES = ['早期验证场景', '融合试验场景', '综合推广场景'];

/** Real achievement titles and sentences, so the vocabulary and term frequencies look like a real market. */
function realVocabulary(path: string | undefined): { titles: string[]; sentences: string[] } {
  if (!path || !existsSync(path)) return { titles: [], sentences: [] };
  const titles: string[] = [];
  const sentences: string[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { kind?: string; title?: string; description?: string | null };
    if (row.kind !== 'supply') continue;
    if (row.title) titles.push(row.title.slice(0, 30));
    for (const sentence of (row.description ?? '').split(/(?<=[。；])/)) {
      if (sentence.length >= 12 && sentence.length <= 90) sentences.push(sentence);
    }
  }
  return { titles, sentences };
}

export interface SyntheticMarket {
  capabilities: BenchCapability[];
  scenarios: BenchScenario[];
}

/**
 * A synthetic market for the scale run: capabilities across every taxonomy domain, written from domain
 * keywords, generic product language and sentences of real achievements; scenarios written the way owners
 * write them (background, 核心需求, 落地条件 with a budget). Missing fields appear at realistic rates.
 */
export function generateMarket(options: { capabilities: number; scenarios: number; seed?: number; realEntriesPath?: string }): SyntheticMarket {
  const random = seededRandom(options.seed ?? 20260601);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const maybe = <T>(p: number, value: () => T): T | null => (random() < p ? value() : null);
  const real = realVocabulary(options.realEntriesPath);
  const domains = DOMAINS.filter((domain) => domain.keywords.length > 0);

  const capabilities: BenchCapability[] = [];
  for (let i = 0; i < options.capabilities; i++) {
    const domain = pick(domains);
    const second = random() < 0.25 ? pick(domains) : null;
    const keyword = pick(domain.keywords);
    const other = pick(domain.keywords);
    const noun = pick(PRODUCT_NOUNS);
    const title =
      real.titles.length > 0 && random() < 0.3
        ? pick(real.titles)
        : pick([`${keyword}${noun}`, `${pick(ADJECTIVES)}${keyword}${noun}`, `面向${pick(OBJECTS)}的${keyword}${noun}`, `${keyword}与${other}一体化${noun}`]);
    const parts = [
      `本${noun}围绕${keyword}和${other}研发，可用于${pick(OBJECTS)}、${pick(OBJECTS)}的${pick(NEEDS)}。`,
      `主要参数：${pick(INDICATORS)}；${pick(INDICATORS)}。`,
      `适配对象：${pick(OBJECTS)}${pick(NEEDS)}场景。`,
    ];
    if (real.sentences.length > 0) parts.push(pick(real.sentences));
    const caseText = pick(CASES);
    if (caseText) parts.push(`${caseText}。`);
    const priceLow = Math.round(1 + random() * 300);
    capabilities.push({
      id: `SC${String(i + 1).padStart(7, '0')}`,
      title: title.slice(0, 40),
      description: random() < 0.03 ? '' : parts.join(''),
      domains: random() < 0.08 ? null : second && second !== domain ? [domain.name, second.name] : [domain.name],
      kind: maybe(0.9, () => pick(KINDS)),
      trl: maybe(0.85, () => 3 + Math.floor(random() * 7)),
      region: maybe(0.95, () => pick(REGIONS)),
      supplierName: `合成供给方${String(Math.floor(i / 20) + 1).padStart(6, '0')}`,
      supplierType: pick(SUPPLIER_TYPES),
      qualifications: random() < 0.5 ? [pick(QUALIFICATIONS)] : [],
      priceWan: maybe(0.7, () => [priceLow, priceLow + Math.round(random() * 200)] as [number, number]),
    });
  }

  const scenarios: BenchScenario[] = [];
  for (let i = 0; i < options.scenarios; i++) {
    const domain = pick(domains);
    const keyword = pick(domain.keywords);
    const other = pick(domain.keywords);
    const object = pick(OBJECTS);
    const need = pick(NEEDS);
    const budgetLow = Math.round(20 + random() * 300);
    const budget = maybe(0.75, () => [budgetLow, budgetLow + Math.round(random() * 400)] as [number, number]);
    scenarios.push({
      id: `SS${String(i + 1).padStart(5, '0')}`,
      title: `${object}${keyword}${need}应用场景`.slice(0, 40),
      description:
        `我单位负责${object}的日常${need}，现有人工方式效率低、覆盖不全，${pick(['夜间', '汛期', '高峰时段', '极端天气下'])}问题尤为突出。` +
        `核心需求：引入${keyword}相关技术，实现${object}${need}的${pick(ADJECTIVES)}改造，${pick(INDICATORS)}，并与${other}协同。` +
        `落地条件：可提供${pick(['试验场地', '历史数据', '供电和网络', '配套机房'])}；${budget ? `预算${budget[0]}–${budget[1]}万元` : '预算面议'}，${2026 + Math.floor(random() * 2)}年内完成部署。`,
      domains: [domain.name],
      region: pick(REGIONS.slice(0, 11)),
      tier: pick(TIERS),
      stage: pick(STAGES),
      budgetWan: budget,
      minTrl: maybe(0.8, () => 5 + Math.floor(random() * 4)),
      ownerType: pick(OWNER_TYPES),
      ownerName: `合成业主单位${String(i + 1).padStart(5, '0')}`,
    });
  }
  return { capabilities, scenarios };
}
