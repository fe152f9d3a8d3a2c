import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { creditCodeProblem } from './credit-code';
import { isKnownDomainName } from './domains';
import { TRL_MAX, TRL_MIN } from './enums';
import { isKnownRegionCode } from './regions';

type ValuePredicate = (value: unknown) => boolean;

/**
 * With `{ each: true }` class-validator validates every element but hands the message builder the whole
 * collection, so the message has to find the element that failed itself.
 */
function offendingValue(args: ValidationArguments | undefined, isValid: ValuePredicate): unknown {
  const value: unknown = args?.value;
  const elements = Array.isArray(value)
    ? value
    : value instanceof Set
      ? [...value]
      : value instanceof Map
        ? [...value.values()]
        : undefined;
  return elements === undefined ? value : elements.find((element) => !isValid(element));
}

function registerTaxonomyConstraint(
  name: string,
  isValid: ValuePredicate,
  describeProblem: (offending: unknown) => string,
  options: ValidationOptions | undefined,
): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => isValid(value),
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? '该字段'}：${describeProblem(offendingValue(args, isValid))}`,
      },
    });
}

const isCreditCode: ValuePredicate = (value) => creditCodeProblem(value) === null;
const isTrl: ValuePredicate = (value) =>
  typeof value === 'number' && Number.isInteger(value) && value >= TRL_MIN && value <= TRL_MAX;

/** 统一社会信用代码 (GB 32100-2015), checked as given: uppercase, no surrounding spaces. */
export function IsCreditCode(options?: ValidationOptions): PropertyDecorator {
  return registerTaxonomyConstraint(
    'isCreditCode',
    isCreditCode,
    (value) => creditCodeProblem(value) ?? '统一社会信用代码不正确',
    options,
  );
}

/** A GB/T 2260 code listed in REGIONS; codes outside the shipped list are rejected on purpose. */
export function IsRegionCode(options?: ValidationOptions): PropertyDecorator {
  return registerTaxonomyConstraint(
    'isRegionCode',
    isKnownRegionCode,
    (value) => `“${String(value)}”不是已收录的行政区划代码（GB/T 2260 六位数字，如宁波市 330200）`,
    options,
  );
}

/** A canonical domain name or one of its aliases. */
export function IsDomainName(options?: ValidationOptions): PropertyDecorator {
  return registerTaxonomyConstraint(
    'isDomainName',
    isKnownDomainName,
    (value) => `“${String(value)}”不是已收录的未来产业领域名称`,
    options,
  );
}

/** Technology readiness level, an integer 1-9. */
export function IsTrl(options?: ValidationOptions): PropertyDecorator {
  return registerTaxonomyConstraint(
    'isTrl',
    isTrl,
    () => `技术成熟度（TRL）应为 ${TRL_MIN} 至 ${TRL_MAX} 的整数`,
    options,
  );
}
