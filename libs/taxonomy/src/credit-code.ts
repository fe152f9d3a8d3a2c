/** GB 32100-2015 character set: digits and capitals without I, O, Z, S, V (easily confused when written). */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const CREDIT_CODE_LENGTH = 18;
const MODULUS = CREDIT_CODE_CHARSET.length;

function charValue(char: string): number {
  return CREDIT_CODE_CHARSET.indexOf(char);
}

/**
 * Check character for the first 17 characters (uppercase). Throws on a wrong length or a character
 * outside the charset, because a check char for invalid input would look trustworthy.
 */
export function computeCreditCodeCheckChar(first17: string): string {
  if (first17.length !== CREDIT_CODE_LENGTH - 1) {
    throw new RangeError(`统一社会信用代码本体应为17位，实际为${first17.length}位`);
  }
  let sum = 0;
  for (let i = 0; i < first17.length; i++) {
    const value = charValue(first17[i]);
    if (value < 0) throw new RangeError(`统一社会信用代码第${i + 1}位含非法字符“${first17[i]}”`);
    sum += value * CREDIT_CODE_WEIGHTS[i];
  }
  return CREDIT_CODE_CHARSET[(MODULUS - (sum % MODULUS)) % MODULUS];
}

/** Appends the check character; for building demo and test data. */
export function makeCreditCode(first17: string): string {
  return first17 + computeCreditCodeCheckChar(first17);
}

/** Trims and upper-cases input, folding full-width characters ("９１３３…") to ASCII. */
export function normalizeCreditCode(input: string): string {
  return input.normalize('NFKC').trim().toUpperCase();
}

/**
 * Why `code` is not a valid 统一社会信用代码, in Chinese for the user; null when it is valid.
 * Input is checked as given: callers that accept lowercase normalize first.
 */
export function creditCodeProblem(code: unknown): string | null {
  if (typeof code !== 'string') return '统一社会信用代码必须是字符串';
  if (code.length !== CREDIT_CODE_LENGTH) return `统一社会信用代码应为18位，实际为${code.length}位`;
  for (let i = 0; i < code.length; i++) {
    if (charValue(code[i]) < 0) {
      return `统一社会信用代码第${i + 1}位含非法字符“${code[i]}”（只允许数字和大写字母，不含I、O、Z、S、V）`;
    }
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) return '统一社会信用代码第3至8位应为登记管理机关行政区划码（6位数字）';
  if (computeCreditCodeCheckChar(code.slice(0, 17)) !== code[17]) return '统一社会信用代码校验位不正确';
  return null;
}

export function isValidCreditCode(code: unknown): code is string {
  return creditCodeProblem(code) === null;
}
