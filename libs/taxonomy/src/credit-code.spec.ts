import {
  CREDIT_CODE_CHARSET,
  computeCreditCodeCheckChar,
  creditCodeProblem,
  isValidCreditCode,
  makeCreditCode,
  normalizeCreditCode,
} from './credit-code';

// Published codes that validate: the worked example of GB 32100-2015 and codes of well-known companies.
const PUBLISHED_CODES = [
  '91350100M000100Y43',
  '91330100716105852F',
  '91440300708461136T',
  '914403001922038216',
  '91110108551385082Q',
];

describe('computeCreditCodeCheckChar', () => {
  it.each(PUBLISHED_CODES)('reproduces the check character of %s', (code) => {
    expect(computeCreditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it('maps a remainder of 0 to the character 0 rather than index 31', () => {
    // All-zero body sums to 0, so 31 - 0 = 31 must wrap to "0".
    expect(computeCreditCodeCheckChar('00000000000000000')).toBe('0');
  });

  it('rejects a body of the wrong length or with a forbidden character', () => {
    expect(() => computeCreditCodeCheckChar('9135010')).toThrow(RangeError);
    expect(() => computeCreditCodeCheckChar('91350100M00010OY4')).toThrow('非法字符“O”');
  });
});

describe('isValidCreditCode', () => {
  it.each(PUBLISHED_CODES)('accepts %s', (code) => {
    expect(isValidCreditCode(code)).toBe(true);
  });

  it('rejects every single-character substitution of a valid code', () => {
    const sut = PUBLISHED_CODES[0];
    for (let position = 0; position < sut.length; position++) {
      for (const replacement of CREDIT_CODE_CHARSET) {
        if (replacement === sut[position]) continue;
        const mutated = sut.slice(0, position) + replacement + sut.slice(position + 1);
        expect(isValidCreditCode(mutated)).toBe(false);
      }
    }
  });

  it('rejects adjacent transpositions in the body', () => {
    const sut = PUBLISHED_CODES[1];
    for (let position = 0; position < 16; position++) {
      if (sut[position] === sut[position + 1]) continue;
      const swapped = sut.slice(0, position) + sut[position + 1] + sut[position] + sut.slice(position + 2);
      expect(isValidCreditCode(swapped)).toBe(false);
    }
  });

  it('accepts codes built by makeCreditCode and rejects them once the check char changes', () => {
    const bodies = ['91330212MA2H00001', '12330200002498765', '52330100MJ8800001', 'Y1330000123456789'];
    for (const body of bodies) {
      const code = makeCreditCode(body);
      expect(code).toHaveLength(18);
      expect(isValidCreditCode(code)).toBe(true);
      const wrongCheck = CREDIT_CODE_CHARSET[(CREDIT_CODE_CHARSET.indexOf(code[17]) + 1) % 31];
      expect(isValidCreditCode(body + wrongCheck)).toBe(false);
    }
  });

  it('rejects lowercase, wrong length, forbidden letters and non-strings', () => {
    expect(isValidCreditCode(PUBLISHED_CODES[1].toLowerCase())).toBe(false);
    expect(isValidCreditCode(PUBLISHED_CODES[1].slice(0, 17))).toBe(false);
    expect(isValidCreditCode(`${PUBLISHED_CODES[1]}0`)).toBe(false);
    expect(isValidCreditCode('9133010071610585ZF')).toBe(false);
    expect(isValidCreditCode(913301007161058)).toBe(false);
    expect(isValidCreditCode(null)).toBe(false);
  });

  it('rejects a code whose characters 3-8 are not digits even with a matching check char', () => {
    expect(isValidCreditCode(makeCreditCode('913A0100716105852'))).toBe(false);
  });
});

describe('creditCodeProblem', () => {
  it('names the reason in Chinese', () => {
    expect(creditCodeProblem(PUBLISHED_CODES[0])).toBeNull();
    expect(creditCodeProblem('91350100M000100Y44')).toBe('统一社会信用代码校验位不正确');
    expect(creditCodeProblem('9135')).toBe('统一社会信用代码应为18位，实际为4位');
    expect(creditCodeProblem('91350100M000100I43')).toContain('第16位含非法字符“I”');
    expect(creditCodeProblem(makeCreditCode('913A0100716105852'))).toContain('行政区划码');
  });
});

describe('normalizeCreditCode', () => {
  it('folds full-width characters, trims and upper-cases', () => {
    expect(normalizeCreditCode(' ９１３５０１００ｍ000100y43 ')).toBe('91350100M000100Y43');
  });
});
