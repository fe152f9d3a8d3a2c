import { CAPABILITY_STATUS_LABELS, CAPABILITY_STATUSES, SCENARIO_STATUS_LABELS, SCENARIO_STATUSES } from '@app/database';
import { CAPABILITY_KINDS, regionDisplayName, SCENARIO_STAGES, SCENARIO_TIERS } from '@app/taxonomy';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthenticatedUser } from '../auth/current-user';
import { DashboardScope, resolveScope } from './dashboard-scope';
import {
  CapabilityBreakdownDto,
  DashboardCountDto,
  DashboardHeadlineDto,
  DashboardQueryDto,
  DashboardResponseDto,
  MatchFunnelDto,
  ScenarioBreakdownDto,
} from './dto/dashboard.dto';

/** One aggregate row: which chart it feeds, the group key, a name when SQL knows it (regions), the count. */
interface CountRow {
  dimension: string;
  key: string | null;
  label: string | null;
  count: number;
}

/*
 * Every query takes the same three parameters, so the scope is written once:
 * $1 region codes (null = no region filter), $2 from (inclusive), $3 to (exclusive), each null when absent.
 */
const inRegion = (regionExpression: string) => `($1::varchar[] IS NULL OR ${regionExpression} = ANY($1::varchar[]))`;
const inPeriod = (timeExpression: string) =>
  `($2::timestamptz IS NULL OR ${timeExpression} >= $2::timestamptz) AND ($3::timestamptz IS NULL OR ${timeExpression} < $3::timestamptz)`;

/** An item's own region, else its organization's (the same fallback the scenario and capability lists use). */
const SCENARIO_REGION = 'COALESCE(s.region_code, o.region_code)';
const CAPABILITY_REGION = 'COALESCE(c.region_code, o.region_code)';

/** The bar a region code falls in: its city (a district's parent) or, within one city, the code itself. */
const REGION_GROUP = `CASE WHEN $4::text = 'city' AND r.level = 'district' THEN r.parent_code ELSE r.code END`;

/**
 * Distribution of one item table. Drafts are the author's private work, never market data, so they
 * are left out; the time filter is the row's creation time.
 */
function breakdownSql(from: string, regionExpression: string, dimensions: readonly string[]): string {
  const grouped = dimensions.map((column) => `SELECT '${column}', ${column}, NULL, count(*)::int FROM scoped GROUP BY ${column}`);
  return `
    WITH scoped AS (
      SELECT x.status, x.domains, ${dimensions
        .filter((d) => d !== 'status')
        .map((d) => `x.${d}`)
        .join(', ')}, ${regionExpression} AS region_code
      FROM ${from}
      WHERE x.status <> 'draft' AND ${inRegion(regionExpression)} AND ${inPeriod('x.created_at')}
    )
    SELECT 'total' AS dimension, NULL AS key, NULL AS label, count(*)::int AS count FROM scoped
    UNION ALL ${grouped.join(' UNION ALL ')}
    UNION ALL SELECT 'domain', domain, NULL, count(*)::int FROM scoped CROSS JOIN LATERAL unnest(scoped.domains) AS domain GROUP BY domain
    UNION ALL
      SELECT 'region', g.code, g.name, count(*)::int
      FROM scoped LEFT JOIN regions r ON r.code = scoped.region_code LEFT JOIN regions g ON g.code = ${REGION_GROUP}
      GROUP BY g.code, g.name`;
}

const SCENARIO_BREAKDOWN = breakdownSql(
  'scenarios x JOIN organizations o ON o.id = x.organization_id',
  'COALESCE(x.region_code, o.region_code)',
  ['status', 'tier', 'stage'],
);
const CAPABILITY_BREAKDOWN = breakdownSql(
  'capabilities x JOIN organizations o ON o.id = x.organization_id',
  'COALESCE(x.region_code, o.region_code)',
  ['status', 'kind'],
);

/** An event starts on its first day (local time); experience visits without days at their gathering time. */
const EVENT_STARTS_AT = `COALESCE(
  (SELECT min(((d->>'date') || ' ' || (d->>'start'))::timestamp) FROM jsonb_array_elements(e.days) d) AT TIME ZONE 'Asia/Shanghai',
  e.meeting_time)`;

const HEADLINE = `
  SELECT
    (SELECT count(*) FROM scenarios s JOIN organizations o ON o.id = s.organization_id
      WHERE s.published_at IS NOT NULL AND ${inRegion(SCENARIO_REGION)} AND ${inPeriod('s.published_at')})::int AS published_scenarios,
    (SELECT count(*) FROM capabilities c JOIN organizations o ON o.id = c.organization_id
      WHERE c.published_at IS NOT NULL AND ${inRegion(CAPABILITY_REGION)} AND ${inPeriod('c.published_at')})::int AS published_capabilities,
    (SELECT count(*) FROM (
        SELECT e.status, ${EVENT_STARTS_AT} AS starts_at FROM events e
        WHERE e.status IN ('published', 'completed') AND ${inRegion('e.region_code')}
      ) held
      WHERE (held.status = 'completed' OR held.starts_at <= now()) AND ${inPeriod('held.starts_at')})::int AS events_held,
    (SELECT count(*) FROM challenges ch
      WHERE ch.published_at IS NOT NULL AND ch.status <> 'cancelled' AND ${inRegion('ch.region_code')} AND ${inPeriod('ch.published_at')})::int AS challenge_calls,
    (SELECT count(*) FROM meetings mt JOIN events e ON e.id = mt.event_id
      WHERE mt.status = 'scheduled' AND e.status <> 'cancelled' AND ${inRegion('e.region_code')} AND ${inPeriod('mt.starts_at')})::int AS meetings_scheduled,
    (SELECT count(*) FROM scenarios s JOIN organizations o ON o.id = s.organization_id
      WHERE s.status = 'closed' AND s.outcome->>'result' = 'landed' AND ${inRegion(SCENARIO_REGION)} AND ${inPeriod('s.closed_at')})::int AS landed_scenarios`;

/**
 * A match counts in every stage it reached, not only the one it is in now: interest leaves timestamps,
 * a recorded meeting leaves a feedback row, and closing without landing is only possible from mutual
 * interest (see MATCH_LIFECYCLE), so a match dismissed late still counts as interested and mutual.
 */
const FUNNEL = `
  SELECT
    count(*)::int AS suggested,
    count(*) FILTER (WHERE interested)::int AS interested,
    count(*) FILTER (WHERE mutual)::int AS mutual,
    count(*) FILTER (WHERE met)::int AS meeting,
    count(*) FILTER (WHERE status = 'landed')::int AS landed,
    count(*) FILTER (WHERE status = 'dismissed')::int AS dismissed,
    count(*) FILTER (WHERE outcome = 'not_landed')::int AS not_landed
  FROM (
    SELECT m.status, m.outcome,
      (m.status IN ('interested_owner', 'interested_supplier', 'mutual', 'meeting', 'landed')
        OR m.owner_interested_at IS NOT NULL OR m.supplier_interested_at IS NOT NULL) AS interested,
      (m.status IN ('mutual', 'meeting', 'landed') OR m.outcome IS NOT NULL
        OR (m.owner_interested_at IS NOT NULL AND m.supplier_interested_at IS NOT NULL)) AS mutual,
      (m.status IN ('meeting', 'landed')
        OR EXISTS (SELECT 1 FROM match_feedback f WHERE f.match_id = m.id AND f.action = 'meeting')) AS met
    FROM matches m
    JOIN scenarios s ON s.id = m.scenario_id
    JOIN organizations o ON o.id = s.organization_id
    WHERE ${inRegion(SCENARIO_REGION)} AND ${inPeriod('m.created_at')}
  ) reached`;

interface HeadlineRow {
  published_scenarios: number;
  published_capabilities: number;
  events_held: number;
  challenge_calls: number;
  meetings_scheduled: number;
  landed_scenarios: number;
}

interface FunnelRow {
  suggested: number;
  interested: number;
  mutual: number;
  meeting: number;
  landed: number;
  dismissed: number;
  not_landed: number;
}

const UNSET = '未填写';

/** Every known value in its natural order, zeros included, so charts keep the same axes from one filter to the next. */
function inOrder(
  rows: CountRow[],
  dimension: string,
  keys: readonly string[],
  labelOf: (key: string) => string = (key) => key,
): DashboardCountDto[] {
  const counts = new Map(rows.filter((row) => row.dimension === dimension).map((row) => [row.key, row.count]));
  const known: DashboardCountDto[] = keys.map((key) => ({ key, label: labelOf(key), count: counts.get(key) ?? 0 }));
  // Values outside the taxonomy (older rows, imports) still show rather than silently vanish.
  const others = [...counts.entries()]
    .filter(([key]) => key !== null && !keys.includes(key))
    .map(([key, count]) => ({ key, label: key as string, count }));
  const unset = counts.get(null) ? [{ key: null, label: UNSET, count: counts.get(null) as number }] : [];
  return [...known, ...others, ...unset];
}

/** Open-ended values (domains, regions): only those present, largest first. */
function byVolume(rows: CountRow[], dimension: string, labelOf: (row: CountRow) => string): DashboardCountDto[] {
  return rows
    .filter((row) => row.dimension === dimension)
    .map((row) => ({ key: row.key, label: labelOf(row), count: row.count }))
    .sort((a, b) => b.count - a.count || (a.key === null ? 1 : b.key === null ? -1 : a.label.localeCompare(b.label, 'zh-CN')));
}

const regionLabel = (row: CountRow): string => (row.key === null ? '未填写地区' : (row.label ?? row.key));
const totalOf = (rows: CountRow[]): number => rows.find((row) => row.dimension === 'total')?.count ?? 0;

/**
 * The organizer console's dashboard: counts over the caller's jurisdiction, computed by PostgreSQL
 * (aggregates only; no item rows are loaded), four queries run side by side.
 */
@Injectable()
export class DashboardService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async getDashboard(user: AuthenticatedUser, query: DashboardQueryDto): Promise<DashboardResponseDto> {
    const scope = resolveScope(user, query);
    const params = [scope.regionCodes, scope.from, scope.to];
    const [scenarioRows, capabilityRows, [headline], [funnel]] = await Promise.all([
      this.dataSource.query<CountRow[]>(SCENARIO_BREAKDOWN, [...params, scope.regionGrouping]),
      this.dataSource.query<CountRow[]>(CAPABILITY_BREAKDOWN, [...params, scope.regionGrouping]),
      this.dataSource.query<HeadlineRow[]>(HEADLINE, params),
      this.dataSource.query<FunnelRow[]>(FUNNEL, params),
    ]);
    return {
      scope: this.describe(scope),
      headline: toHeadline(headline),
      scenarios: toScenarioBreakdown(scenarioRows),
      capabilities: toCapabilityBreakdown(capabilityRows),
      funnel: toFunnel(funnel, headline.landed_scenarios),
    };
  }

  private describe(scope: DashboardScope): DashboardResponseDto['scope'] {
    return {
      regionCode: scope.regionCode,
      regionName: scope.regionCode ? regionDisplayName(scope.regionCode) : '全部地区',
      regionGrouping: scope.regionGrouping,
      from: scope.from?.toISOString() ?? null,
      to: scope.to?.toISOString() ?? null,
      generatedAt: new Date().toISOString(),
    };
  }
}

function toHeadline(row: HeadlineRow): DashboardHeadlineDto {
  return {
    publishedScenarios: row.published_scenarios,
    publishedCapabilities: row.published_capabilities,
    eventsHeld: row.events_held,
    challengeCalls: row.challenge_calls,
    meetingsScheduled: row.meetings_scheduled,
  };
}

function toScenarioBreakdown(rows: CountRow[]): ScenarioBreakdownDto {
  return {
    total: totalOf(rows),
    byStatus: inOrder(
      rows,
      'status',
      SCENARIO_STATUSES.filter((status) => status !== 'draft'),
      (status) => SCENARIO_STATUS_LABELS[status as keyof typeof SCENARIO_STATUS_LABELS],
    ),
    byDomain: byVolume(rows, 'domain', (row) => row.key ?? UNSET),
    byRegion: byVolume(rows, 'region', regionLabel),
    byTier: inOrder(rows, 'tier', SCENARIO_TIERS),
    byStage: inOrder(rows, 'stage', SCENARIO_STAGES),
  };
}

function toCapabilityBreakdown(rows: CountRow[]): CapabilityBreakdownDto {
  return {
    total: totalOf(rows),
    byStatus: inOrder(
      rows,
      'status',
      CAPABILITY_STATUSES.filter((status) => status !== 'draft'),
      (status) => CAPABILITY_STATUS_LABELS[status as keyof typeof CAPABILITY_STATUS_LABELS],
    ),
    byDomain: byVolume(rows, 'domain', (row) => row.key ?? UNSET),
    byRegion: byVolume(rows, 'region', regionLabel),
    byKind: inOrder(rows, 'kind', CAPABILITY_KINDS),
  };
}

function toFunnel(row: FunnelRow, landedScenarios: number): MatchFunnelDto {
  return {
    stages: [
      { key: 'suggested', label: '推荐', count: row.suggested },
      { key: 'interested', label: '有意向', count: row.interested },
      { key: 'meeting', label: '洽谈', count: row.meeting },
      { key: 'landed', label: '已落地', count: row.landed },
    ],
    mutual: row.mutual,
    dismissed: row.dismissed,
    notLanded: row.not_landed,
    landedScenarios,
  };
}
