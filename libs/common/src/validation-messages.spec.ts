import { flattenValidationErrors } from './validation-messages';

describe('flattenValidationErrors', () => {
  it('translates built-in English messages even when they quote Chinese values', () => {
    const sut = flattenValidationErrors([
      { property: 'tier', constraints: { isIn: 'tier must be one of the following values: 小切口高价值场景, 综合性重大场景' }, children: [] },
      { property: 'title', constraints: { maxLength: 'title must be shorter than or equal to 40 characters' }, children: [] },
    ]);
    expect(sut).toEqual([
      { field: 'tier', messages: ['取值不在允许范围内'] },
      { field: 'title', messages: ['长度不能超过 40 个字符'] },
    ]);
  });

  it('keeps custom Chinese messages and builds nested field paths', () => {
    const sut = flattenValidationErrors([
      {
        property: 'organization',
        children: [{ property: 'creditCode', constraints: { isCreditCode: '统一社会信用代码校验位不正确' }, children: [] }],
      },
      { property: 'items', children: [{ property: '0', children: [{ property: 'name', constraints: { isNotEmpty: 'name should not be empty' }, children: [] }] }] },
    ]);
    expect(sut).toEqual([
      { field: 'organization.creditCode', messages: ['统一社会信用代码校验位不正确'] },
      { field: 'items[0].name', messages: ['不能为空'] },
    ]);
  });
});
