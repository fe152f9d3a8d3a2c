import { DOMAINS, NINGBO_DIRECTION_NAMES } from './domains.data';
import {
  ALL_DOMAIN_NAMES,
  domainDistance,
  domainsOfSystem,
  expandDomainNames,
  findDomainByCode,
  findDomainByName,
  isKnownDomainName,
  isNingboDirection,
} from './domains';

describe('DOMAINS data', () => {
  it('has the 10 core, 8 X, 3 cross-cutting and 6 Ningbo-only domains', () => {
    expect(domainsOfSystem('zhejiang').map((d) => d.name)).toEqual([
      '具身智能',
      '生物制造',
      '量子科技',
      '脑机接口',
      '氢能和绿色燃料',
      '6G',
      '前沿新材料',
      '细胞与基因治疗',
      '深海科技',
      '空天科技',
    ]);
    expect(domainsOfSystem('zhejiang-x').map((d) => d.name)).toEqual([
      '类脑智能',
      '可控核聚变',
      '原子级制造',
      '智能仿生与超材料',
      '时空与地理信息',
      '眼脑健康',
      '核医疗',
      '零磁医疗',
    ]);
    expect(domainsOfSystem('cross').map((d) => d.name)).toEqual(['AI+', '量子+', '生物+']);
    expect(domainsOfSystem('ningbo')).toHaveLength(6);
  });

  it('keeps codes, names and aliases unique across all domains', () => {
    const codes = DOMAINS.map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    const names = DOMAINS.flatMap((d) => [d.name, ...d.aliases]).map((n) => n.normalize('NFKC').toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });

  it('maps only onto canonical non-Ningbo names and gives each domain 10-20 keywords', () => {
    for (const domain of DOMAINS) {
      for (const target of domain.mapsTo) {
        const mapped = findDomainByName(target);
        expect(mapped?.name).toBe(target);
        expect(mapped?.system).not.toBe('ningbo');
      }
      expect(domain.keywords.length).toBeGreaterThanOrEqual(10);
      expect(domain.keywords.length).toBeLessThanOrEqual(20);
      expect(new Set(domain.keywords).size).toBe(domain.keywords.length);
    }
  });

  it('covers all nine Ningbo directions', () => {
    expect(NINGBO_DIRECTION_NAMES).toHaveLength(9);
    for (const name of NINGBO_DIRECTION_NAMES) expect(isKnownDomainName(name)).toBe(true);
    expect(isNingboDirection('前沿新材料')).toBe(true);
    expect(isNingboDirection('未来海洋')).toBe(true);
    expect(isNingboDirection('具身智能')).toBe(false);
  });
});

describe('findDomainByName / isKnownDomainName', () => {
  it('resolves names and aliases, ignoring width, case and surrounding spaces', () => {
    expect(findDomainByName('具身智能')?.code).toBe('embodied-ai');
    expect(findDomainByName('智能机器人')?.name).toBe('具身智能');
    expect(findDomainByName('氢能与绿色燃料')?.name).toBe('氢能和绿色燃料');
    expect(findDomainByName(' ａｉ＋ ')?.name).toBe('AI+');
    expect(findDomainByName('bci')?.name).toBe('脑机接口');
    expect(findDomainByCode('ningbo-future-ocean')?.name).toBe('未来海洋');
  });

  it('rejects unknown names and non-strings', () => {
    expect(findDomainByName('区块链金融')).toBeUndefined();
    expect(isKnownDomainName('')).toBe(false);
    expect(isKnownDomainName(42)).toBe(false);
    expect(isKnownDomainName('核医学')).toBe(true);
  });

  it('lists canonical names only', () => {
    expect(ALL_DOMAIN_NAMES).toHaveLength(DOMAINS.length);
    expect(ALL_DOMAIN_NAMES).toContain('未来诊疗');
    expect(ALL_DOMAIN_NAMES).not.toContain('智能机器人');
  });
});

describe('expandDomainNames', () => {
  it('expands a Ningbo direction to its Zhejiang domains', () => {
    expect(expandDomainNames(['未来海洋'])).toEqual(['未来海洋', '深海科技']);
    expect(expandDomainNames(['未来能源'])).toEqual(['未来能源', '氢能和绿色燃料', '可控核聚变']);
  });

  it('expands a Zhejiang domain to the Ningbo directions that cover it', () => {
    expect(expandDomainNames(['核医疗'])).toEqual(['核医疗', '原创新药', '未来诊疗']);
    expect(expandDomainNames(['深海科技'])).toEqual(['深海科技', '未来海洋']);
  });

  it('resolves aliases, deduplicates, keeps unknown names and is not transitive', () => {
    expect(expandDomainNames(['未来海洋', '深海科技', '深海技术'])).toEqual(['未来海洋', '深海科技']);
    expect(expandDomainNames(['区块链金融 ', '  '])).toEqual(['区块链金融']);
    expect(expandDomainNames(['未来诊疗'])).not.toContain('原创新药');
    expect(expandDomainNames([])).toEqual([]);
  });

  it('leaves a shared Ningbo/Zhejiang name as itself', () => {
    expect(expandDomainNames(['前沿新材料'])).toEqual(['前沿新材料']);
  });
});

describe('domainDistance', () => {
  it.each([
    ['具身智能', '具身智能', 0],
    ['具身智能', '智能机器人', 0],
    ['未来海洋', '深海科技', 1],
    ['深海科技', '未来海洋', 1],
    ['量子+', '量子科技', 1],
    ['具身智能', '类脑智能', 1],
    ['原创新药', '未来诊疗', 1],
    ['零磁医疗', '核医疗', 1],
    ['具身智能', '深海科技', 2],
    ['量子科技', '零磁医疗', 2],
    ['未来海洋', '未来能源', 2],
    ['具身智能', '不存在的领域', 2],
  ] as const)('%s to %s is %d', (a, b, expected) => {
    expect(domainDistance(a, b)).toBe(expected);
    expect(domainDistance(b, a)).toBe(expected);
  });
});
