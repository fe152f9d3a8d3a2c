import { ActionForbidden, RequestValidationFailed } from '@app/common';
import { findRegion, isMunicipality, regionDisplayName } from '@app/taxonomy';
import { AuthenticatedUser } from '../auth/current-user';
import { oversees, regionCodesWithin } from '../auth/jurisdiction';
import { DashboardQueryDto } from './dto/dashboard.dto';

/** Where bars of the by-region chart are drawn: cities for a province (or everything), districts within one city. */
export type RegionGrouping = 'city' | 'district';

export interface DashboardScope {
  /** null: no region filter at all (admins without `regionCode`). */
  regionCode: string | null;
  /** Every known code inside `regionCode`, for `= ANY(…)`; null with `regionCode`. */
  regionCodes: string[] | null;
  from: Date | null;
  /** Exclusive. */
  to: Date | null;
  regionGrouping: RegionGrouping;
}

/** Organizers and the people they serve work in Beijing time, so a bare date means that day in China. */
const CHINA_OFFSET = '+08:00';
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function startOfDay(date: string): Date {
  return new Date(`${date}T00:00:00${CHINA_OFFSET}`);
}

/** `from` is inclusive; a bare `to` date includes that whole day (the range picker's reading), a time is exclusive. */
export function parseRange(from: string | undefined, to: string | undefined): { from: Date | null; to: Date | null } {
  const start = from === undefined ? null : DATE_ONLY.test(from) ? startOfDay(from) : new Date(from);
  let end: Date | null = null;
  if (to !== undefined) {
    end = DATE_ONLY.test(to) ? new Date(startOfDay(to).getTime() + 24 * 3600 * 1000) : new Date(to);
  }
  if (start && end && end.getTime() <= start.getTime()) {
    throw new RequestValidationFailed([{ field: 'to', messages: ['截止日期不能早于起始日期'] }]);
  }
  return { from: start, to: end };
}

/**
 * The region a caller's dashboard covers: admins everything unless they narrow it; organizers their
 * jurisdiction, or a region inside it (a region outside is 403, not an empty dashboard, so a wrong
 * selector is noticed).
 */
export function resolveScope(user: AuthenticatedUser, query: DashboardQueryDto): DashboardScope {
  let regionCode: string | null;
  if (user.role === 'admin') {
    regionCode = query.regionCode ?? null;
  } else if (user.role === 'organizer' && user.jurisdictionRegionCode) {
    if (query.regionCode && !oversees(user, query.regionCode)) {
      throw new ActionForbidden(`所选地区（${regionDisplayName(query.regionCode)}）不在您的管辖范围内`);
    }
    regionCode = query.regionCode ?? user.jurisdictionRegionCode;
  } else {
    throw new ActionForbidden('数据看板仅向有管辖地区的主办方和平台管理员开放');
  }
  const region = regionCode ? findRegion(regionCode) : undefined;
  const withinOneCity = !!region && (region.level !== 'province' || isMunicipality(region.code));
  return {
    regionCode,
    regionCodes: regionCode ? regionCodesWithin(regionCode) : null,
    ...parseRange(query.from, query.to),
    regionGrouping: withinOneCity ? 'district' : 'city',
  };
}
