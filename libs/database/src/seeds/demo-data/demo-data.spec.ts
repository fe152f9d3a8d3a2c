import { readFileSync } from 'fs';
import { join } from 'path';

interface DemoOrganization {
  key: string;
  name: string;
  type: string;
  creditCode: string;
  regionCode: string;
  roles: string[];
  domains: string[];
  qualifications: { name: string; validFrom: string; validTo: string }[];
}

interface DemoScenario {
  key: string;
  ownerKey: string;
  title: string;
  domains: string[];
  regionCode: string;
  budgetWan: [number, number] | null;
  minTrl: number | null;
  status: string;
}

interface DemoCapability {
  key: string;
  supplierKey: string;
  title: string;
  domains: string[];
  trl: number;
  priceWan: [number, number] | null;
  status: string;
}

const DOMAINS = [
  '具身智能', '生物制造', '量子科技', '脑机接口', '氢能和绿色燃料', '6G', '前沿新材料', '细胞与基因治疗', '深海科技', '空天科技',
  '类脑智能', '可控核聚变', '原子级制造', '智能仿生与超材料', '时空与地理信息', '眼脑健康', '核医疗', '零磁医疗',
  '未来智能', '元宇宙', '未来能源', '未来海洋', '原创新药', '未来诊疗',
];

const ZHEJIANG_CITIES: Record<string, string> = {
  '3301': '杭州', '3302': '宁波', '3303': '温州', '3304': '嘉兴', '3305': '湖州', '3306': '绍兴',
  '3307': '金华', '3308': '衢州', '3309': '舟山', '3310': '台州', '3311': '丽水',
};

const QUALIFICATIONS = ['科技型中小企业', '高新技术企业', '专精特新中小企业', '专精特新“小巨人”', '独角兽', '链主企业', '首台（套）', '首批次', '首版次'];

// GB 32100-2015: the 18th character is a weighted mod-31 check over the first 17.
const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARSET.indexOf(code[i]) * CREDIT_CODE_WEIGHTS[i];
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31] === code[17];
}

function load<T>(file: string): T {
  return JSON.parse(readFileSync(join(__dirname, file), 'utf8')) as T;
}

function isOrderedRange(range: [number, number] | null): boolean {
  return range === null || (range.length === 2 && range[0] >= 0 && range[0] <= range[1]);
}

describe('demo seed data', () => {
  const sut = {
    organizations: load<DemoOrganization[]>('organizations.json'),
    scenarios: load<DemoScenario[]>('scenarios.json'),
    capabilities: load<DemoCapability[]>('capabilities.json'),
  };
  const organizationsByKey = new Map(sut.organizations.map((o) => [o.key, o]));

  it('has enough organizations, scenarios and capabilities for a convincing demo', () => {
    expect(sut.organizations.length).toBeGreaterThanOrEqual(30);
    expect(sut.scenarios.length).toBeGreaterThanOrEqual(45);
    expect(sut.capabilities.length).toBeGreaterThanOrEqual(160);
  });

  it('uses unique keys across all three files', () => {
    const keys = [...sut.organizations, ...sut.scenarios, ...sut.capabilities].map((x) => x.key);
    const duplicates = keys.filter((k, i) => keys.indexOf(k) !== i);
    expect(duplicates).toEqual([]);
  });

  it('links every scenario to an organization with the owner role', () => {
    const broken = sut.scenarios
      .filter((s) => !organizationsByKey.get(s.ownerKey)?.roles.includes('owner'))
      .map((s) => s.key);
    expect(broken).toEqual([]);
  });

  it('links every capability to an organization with the supplier role', () => {
    const broken = sut.capabilities
      .filter((c) => !organizationsByKey.get(c.supplierKey)?.roles.includes('supplier'))
      .map((c) => c.key);
    expect(broken).toEqual([]);
  });

  it('gives every organization a credit code with a correct check character', () => {
    const invalid = sut.organizations.filter((o) => !isValidCreditCode(o.creditCode)).map((o) => `${o.key}:${o.creditCode}`);
    expect(invalid).toEqual([]);
  });

  it('embeds the organization region code in positions 3-8 of its credit code', () => {
    const mismatched = sut.organizations.filter((o) => o.creditCode.slice(2, 8) !== o.regionCode).map((o) => o.key);
    expect(mismatched).toEqual([]);
  });

  it('rejects a credit code whose last character was altered, so the check above can fail', () => {
    const code = sut.organizations[0].creditCode;
    const altered = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    expect(isValidCreditCode(altered)).toBe(false);
  });

  it('uses only known future-industry domain names', () => {
    const unknown = [
      ...sut.organizations.flatMap((o) => o.domains),
      ...sut.scenarios.flatMap((s) => s.domains),
      ...sut.capabilities.flatMap((c) => c.domains),
    ].filter((d) => !DOMAINS.includes(d));
    expect(unknown).toEqual([]);
  });

  it('covers every domain with at least 2 scenarios and 5 capabilities', () => {
    const thin = DOMAINS.filter(
      (d) =>
        sut.scenarios.filter((s) => s.domains.includes(d)).length < 2 ||
        sut.capabilities.filter((c) => c.domains.includes(d)).length < 5,
    );
    expect(thin).toEqual([]);
  });

  it('uses only known qualification names with validFrom before validTo', () => {
    const bad = sut.organizations.flatMap((o) =>
      o.qualifications
        .filter((q) => !QUALIFICATIONS.includes(q.name) || !(q.validFrom < q.validTo))
        .map((q) => `${o.key}:${q.name}`),
    );
    expect(bad).toEqual([]);
  });

  it.each(Object.entries(ZHEJIANG_CITIES))('city %s (%s) owns at least 2 scenarios', (prefix) => {
    const owned = sut.scenarios.filter((s) => s.regionCode.startsWith(prefix));
    expect(owned.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps every title within 40 characters', () => {
    const tooLong = [...sut.scenarios, ...sut.capabilities].filter((x) => [...x.title].length > 40).map((x) => x.key);
    expect(tooLong).toEqual([]);
  });

  it('orders every budget and price range as [min, max]', () => {
    const reversed = [
      ...sut.scenarios.filter((s) => !isOrderedRange(s.budgetWan)).map((s) => s.key),
      ...sut.capabilities.filter((c) => !isOrderedRange(c.priceWan)).map((c) => c.key),
    ];
    expect(reversed).toEqual([]);
  });

  it('keeps technology readiness levels within 1-9', () => {
    const outOfRange = [
      ...sut.scenarios.filter((s) => s.minTrl !== null && !(s.minTrl >= 1 && s.minTrl <= 9)).map((s) => s.key),
      ...sut.capabilities.filter((c) => !(Number.isInteger(c.trl) && c.trl >= 1 && c.trl <= 9)).map((c) => c.key),
    ];
    expect(outOfRange).toEqual([]);
  });
});
