import { ValidationError } from '@nestjs/common';

export interface FieldError {
  field: string;
  messages: string[];
}

/**
 * class-validator's built-in messages are English. Rather than repeat a Chinese message on every
 * decorator, translate by constraint name; numbers are lifted from the English text.
 * Custom validators already carry Chinese messages and pass through untouched.
 */
const TEMPLATES: Record<string, (n: string[]) => string> = {
  isNotEmpty: () => '不能为空',
  isDefined: () => '必须填写',
  isString: () => '必须是字符串',
  isInt: () => '必须是整数',
  isNumber: () => '必须是数字',
  isBoolean: () => '必须是布尔值',
  isArray: () => '必须是数组',
  isObject: () => '必须是对象',
  isEmail: () => '必须是有效的电子邮箱地址',
  isUUID: () => '必须是有效的 UUID',
  isUrl: () => '必须是有效的网址',
  isDateString: () => '必须是 ISO 8601 日期，例如 2027-03-31',
  isISO8601: () => '必须是 ISO 8601 日期，例如 2027-03-31',
  isDate: () => '必须是日期',
  isEnum: () => '取值不在允许范围内',
  isIn: () => '取值不在允许范围内',
  min: (n) => `不能小于 ${n[0] ?? ''}`.trim(),
  max: (n) => `不能大于 ${n[0] ?? ''}`.trim(),
  minLength: (n) => `长度不能少于 ${n[0] ?? ''} 个字符`,
  maxLength: (n) => `长度不能超过 ${n[0] ?? ''} 个字符`,
  length: () => '长度不符合要求',
  arrayMinSize: (n) => `至少包含 ${n[0] ?? ''} 项`,
  arrayMaxSize: (n) => `最多包含 ${n[0] ?? ''} 项`,
  arrayUnique: () => '不能有重复项',
  matches: () => '格式不正确',
  isPositive: () => '必须是正数',
  isMobilePhone: () => '必须是有效的手机号码',
  whitelistValidation: () => '不允许的字段',
  nestedValidation: () => '内容格式不正确',
};

function translate(constraint: string, message: string): string {
  const template = TEMPLATES[constraint];
  if (!template) return message;
  // Built-in messages are English sentences even when they quote Chinese values (isIn lists 小切口…);
  // custom messages are written in Chinese and have no such English phrasing.
  const english = /\b(must|should|is not|are not|has to|contain)\b/i.test(message);
  if (!english && /[\u4e00-\u9fa5]/.test(message)) return message;
  return template(message.match(/-?\d+(\.\d+)?/g) ?? []);
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const result: FieldError[] = [];
  for (const error of errors) {
    const isIndex = /^\d+$/.test(error.property);
    const field = parent ? (isIndex ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    if (error.constraints) {
      result.push({
        field,
        messages: Object.entries(error.constraints).map(([name, message]) => translate(name, message)),
      });
    }
    if (error.children?.length) result.push(...flattenValidationErrors(error.children, field));
  }
  return result;
}
