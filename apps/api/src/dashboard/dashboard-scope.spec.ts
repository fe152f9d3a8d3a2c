import { ForbiddenException } from '@nestjs/common';
import { RequestValidationFailed } from '@app/common';
import { AuthenticatedUser } from '../auth/current-user';
import { parseRange, resolveScope } from './dashboard-scope';

const user = (role: AuthenticatedUser['role'], jurisdictionRegionCode: string | null = null): AuthenticatedUser => ({
  id: 'u',
  email: 'u@example.cn',
  role,
  organizationId: 'o',
  jurisdictionRegionCode,
});

describe('dashboard scope', () => {
  it('reads bare dates as whole days in Beijing time, the end day included', () => {
    const sut = parseRange('2026-03-01', '2026-03-31');
    expect(sut.from?.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(sut.to?.toISOString()).toBe('2026-03-31T16:00:00.000Z');
  });

  it('keeps zoned times as given and treats the end as exclusive', () => {
    const sut = parseRange('2026-03-01T08:00:00Z', '2026-03-01T18:00:00+08:00');
    expect(sut.from?.toISOString()).toBe('2026-03-01T08:00:00.000Z');
    expect(sut.to?.toISOString()).toBe('2026-03-01T10:00:00.000Z');
  });

  it('rejects an end before the start on the `to` field, but allows a single day', () => {
    expect(() => parseRange('2026-03-02', '2026-03-01')).toThrow(RequestValidationFailed);
    try {
      parseRange('2026-03-02', '2026-03-01');
    } catch (error) {
      expect((error as RequestValidationFailed).fieldErrors).toEqual([{ field: 'to', messages: ['截止日期不能早于起始日期'] }]);
    }
    expect(parseRange('2026-03-01', '2026-03-01').to?.toISOString()).toBe('2026-03-01T16:00:00.000Z');
  });

  it('defaults an organizer to the jurisdiction and groups a province by city, a city by district', () => {
    const province = resolveScope(user('organizer', '330000'), {});
    expect(province).toMatchObject({ regionCode: '330000', regionGrouping: 'city', from: null, to: null });
    expect(province.regionCodes).toEqual(expect.arrayContaining(['330000', '330200', '330212']));
    const city = resolveScope(user('organizer', '330000'), { regionCode: '330200' });
    expect(city).toMatchObject({ regionCode: '330200', regionGrouping: 'district' });
    expect(city.regionCodes).toContain('330212');
    expect(city.regionCodes).not.toContain('330106');
  });

  it('forbids an organizer a region outside the jurisdiction, and everyone without one', () => {
    expect(() => resolveScope(user('organizer', '330200'), { regionCode: '330100' })).toThrow(ForbiddenException);
    expect(() => resolveScope(user('organizer', '330200'), { regionCode: '330000' })).toThrow(/不在您的管辖范围内/);
    expect(() => resolveScope(user('organizer', null), {})).toThrow(ForbiddenException);
    expect(() => resolveScope(user('owner'), {})).toThrow(ForbiddenException);
  });

  it('lets an admin see everything or any one region', () => {
    expect(resolveScope(user('admin'), {})).toMatchObject({ regionCode: null, regionCodes: null, regionGrouping: 'city' });
    expect(resolveScope(user('admin'), { regionCode: '330100' })).toMatchObject({ regionCode: '330100', regionGrouping: 'district' });
  });
});
