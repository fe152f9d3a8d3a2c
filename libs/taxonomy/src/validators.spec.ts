import 'reflect-metadata';
import { validateSync } from 'class-validator';
import { IsCreditCode, IsDomainName, IsRegionCode, IsTrl } from './validators';

class SupplierForm {
  @IsCreditCode()
  creditCode: unknown;

  @IsRegionCode()
  regionCode: unknown;

  @IsDomainName({ each: true })
  domains: unknown;

  @IsTrl()
  trl: unknown;
}

function formWith(overrides: Partial<SupplierForm>): SupplierForm {
  const form = new SupplierForm();
  Object.assign(
    form,
    { creditCode: '91350100M000100Y43', regionCode: '330212', domains: ['具身智能', '未来海洋'], trl: 6 },
    overrides,
  );
  return form;
}

function messagesFor(form: SupplierForm): Record<string, string[]> {
  return Object.fromEntries(
    validateSync(form).map((error) => [error.property, Object.values(error.constraints ?? {})]),
  );
}

describe('taxonomy validators', () => {
  it('accept a fully valid form', () => {
    expect(validateSync(formWith({}))).toEqual([]);
  });

  it('explain a wrong credit-code check character in Chinese, naming the field', () => {
    const sut = messagesFor(formWith({ creditCode: '91350100M000100Y44' }));
    expect(sut.creditCode).toEqual(['creditCode：统一社会信用代码校验位不正确']);
  });

  it('reject unknown region codes', () => {
    const sut = messagesFor(formWith({ regionCode: '330204' }));
    expect(sut.regionCode?.[0]).toContain('“330204”不是已收录的行政区划代码');
  });

  it('check each domain name and name the offending element', () => {
    const sut = messagesFor(formWith({ domains: ['具身智能', '区块链金融'] }));
    expect(sut.domains).toEqual(['domains：“区块链金融”不是已收录的未来产业领域名称']);
    expect(messagesFor(formWith({ domains: new Set(['AI+', '未来诊疗']) })).domains).toBeUndefined();
  });

  it.each([0, 10, 6.5, '6', null])('reject TRL %p', (trl) => {
    expect(messagesFor(formWith({ trl })).trl).toEqual(['trl：技术成熟度（TRL）应为 1 至 9 的整数']);
  });

  it.each([1, 9])('accept TRL %p', (trl) => {
    expect(messagesFor(formWith({ trl })).trl).toBeUndefined();
  });

  it('let a custom message override the default', () => {
    class Form {
      @IsCreditCode({ message: '请填写正确的统一社会信用代码' })
      code = 'x';
    }
    expect(validateSync(new Form())[0].constraints).toEqual({ isCreditCode: '请填写正确的统一社会信用代码' });
  });
});
