import { REGIONS } from './regions.data';
import {
  cityOf,
  findRegion,
  isKnownRegionCode,
  isWithinRegion,
  provinceOf,
  regionAncestors,
  regionDisplayName,
  regionProximity,
} from './regions';

describe('REGIONS data', () => {
  it('has unique six-digit codes whose parents exist and sit one level up', () => {
    const codes = new Set(REGIONS.map((region) => region.code));
    expect(codes.size).toBe(REGIONS.length);
    for (const region of REGIONS) {
      expect(region.code).toMatch(/^\d{6}$/);
      if (region.level === 'province') {
        expect(region.parentCode).toBeNull();
        expect(region.code.endsWith('0000')).toBe(true);
        continue;
      }
      const parent = findRegion(region.parentCode ?? '');
      expect(parent?.level).toBe(region.level === 'city' ? 'province' : 'city');
      // GB/T 2260 codes share their parent's prefix.
      const prefixLength = region.level === 'city' ? 2 : 4;
      expect(region.code.slice(0, prefixLength)).toBe(region.parentCode?.slice(0, prefixLength));
    }
  });

  it('lists all 90 county-level units of Zhejiang: 37 districts, 20 cities, 33 counties', () => {
    const zhejiangCounties = REGIONS.filter((r) => r.level === 'district' && r.code.startsWith('33'));
    expect(zhejiangCounties).toHaveLength(90);
    expect(zhejiangCounties.filter((r) => r.name.endsWith('区'))).toHaveLength(37);
    expect(zhejiangCounties.filter((r) => r.name.endsWith('市'))).toHaveLength(20);
    expect(zhejiangCounties.filter((r) => r.name.endsWith('县'))).toHaveLength(33);
  });

  it('counts districts per Zhejiang city as currently divided', () => {
    const expected: Record<string, number> = {
      '330100': 13,
      '330200': 10,
      '330300': 12,
      '330400': 7,
      '330500': 5,
      '330600': 6,
      '330700': 9,
      '330800': 6,
      '330900': 4,
      '331000': 9,
      '331100': 9,
    };
    for (const [cityCode, count] of Object.entries(expected)) {
      expect(REGIONS.filter((r) => r.parentCode === cityCode)).toHaveLength(count);
    }
  });

  it('uses the post-2021 Hangzhou codes and has no abolished districts', () => {
    expect(findRegion('330102')?.name).toBe('上城区');
    expect(findRegion('330105')?.name).toBe('拱墅区');
    expect(findRegion('330113')?.name).toBe('临平区');
    expect(findRegion('330114')?.name).toBe('钱塘区');
    for (const abolished of ['330103', '330104', '330204', '330227', '330183', '330185', '330283', '331021']) {
      expect(isKnownRegionCode(abolished)).toBe(false);
    }
    expect(REGIONS.some((r) => ['江干区', '下城区', '江东区', '鄞县', '奉化市', '玉环县'].includes(r.name))).toBe(
      false,
    );
  });
});

describe('findRegion / isKnownRegionCode', () => {
  it('finds Ningbo districts and outside tech cities', () => {
    expect(findRegion('330212')).toEqual({ code: '330212', name: '鄞州区', level: 'district', parentCode: '330200' });
    expect(findRegion('440300')?.name).toBe('深圳市');
    expect(isKnownRegionCode('320500')).toBe(true);
    expect(isKnownRegionCode('330299')).toBe(false);
    expect(isKnownRegionCode(330200)).toBe(false);
  });
});

describe('regionAncestors', () => {
  it('returns self first, then the parent chain', () => {
    expect(regionAncestors('330212').map((r) => r.code)).toEqual(['330212', '330200', '330000']);
    expect(regionAncestors('330200').map((r) => r.code)).toEqual(['330200', '330000']);
    expect(regionAncestors('110000').map((r) => r.code)).toEqual(['110000']);
    expect(regionAncestors('999999')).toEqual([]);
  });
});

describe('isWithinRegion', () => {
  it('puts districts in their city and province, and a region within itself', () => {
    expect(isWithinRegion('330212', '330200')).toBe(true);
    expect(isWithinRegion('330212', '330000')).toBe(true);
    expect(isWithinRegion('330200', '330000')).toBe(true);
    expect(isWithinRegion('330200', '330200')).toBe(true);
  });

  it('does not contain upwards, sideways or across provinces', () => {
    expect(isWithinRegion('330200', '330212')).toBe(false);
    expect(isWithinRegion('330212', '330100')).toBe(false);
    expect(isWithinRegion('440300', '330000')).toBe(false);
    expect(isWithinRegion('999999', '330000')).toBe(false);
  });
});

describe('cityOf / provinceOf', () => {
  it('resolves districts, cities, municipalities and provinces', () => {
    expect(cityOf('330282')).toBe('330200');
    expect(cityOf('330200')).toBe('330200');
    expect(cityOf('310000')).toBe('310000');
    expect(cityOf('330000')).toBeNull();
    expect(cityOf('999999')).toBeNull();
    expect(provinceOf('330282')).toBe('330000');
    expect(provinceOf('440300')).toBe('440000');
    expect(provinceOf('500000')).toBe('500000');
    expect(provinceOf('999999')).toBeNull();
  });
});

describe('regionDisplayName', () => {
  it('prefixes the parent name', () => {
    expect(regionDisplayName('330212')).toBe('宁波市鄞州区');
    expect(regionDisplayName('331127')).toBe('丽水市景宁畲族自治县');
    expect(regionDisplayName('330200')).toBe('浙江省宁波市');
    expect(regionDisplayName('440300')).toBe('广东省深圳市');
    expect(regionDisplayName('330000')).toBe('浙江省');
    expect(regionDisplayName('110000')).toBe('北京市');
    expect(regionDisplayName('999999')).toBe('999999');
  });
});

describe('regionProximity', () => {
  it.each([
    ['330212', '330212', 'same_district'],
    ['330212', '330203', 'same_city'],
    ['330212', '330200', 'same_city'],
    ['330200', '330200', 'same_city'],
    ['310000', '310000', 'same_city'],
    ['330212', '330102', 'same_province'],
    ['330200', '330000', 'same_province'],
    ['320500', '320100', 'same_province'],
    ['330212', '440300', 'other'],
    ['330212', '310000', 'other'],
    ['330212', '999999', 'other'],
  ] as const)('%s vs %s is %s', (a, b, expected) => {
    expect(regionProximity(a, b)).toBe(expected);
    expect(regionProximity(b, a)).toBe(expected);
  });
});
