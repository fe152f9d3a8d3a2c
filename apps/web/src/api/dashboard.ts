/** Shape of the organizer console's dashboard (`GET /api/v1/dashboard`), as the portal reads it. */

export interface DashboardCount {
  /** Status value, domain name, region code, tier/stage name; null when the field was left empty. */
  key: string | null;
  label: string;
  count: number;
}

export interface DashboardBreakdown {
  total: number;
  byStatus: DashboardCount[];
  byDomain: DashboardCount[];
  byRegion: DashboardCount[];
}

export interface Dashboard {
  scope: { regionCode: string | null; regionName: string; regionGrouping: 'city' | 'district'; from: string | null; to: string | null; generatedAt: string };
  headline: { publishedScenarios: number; publishedCapabilities: number; eventsHeld: number; challengeCalls: number; meetingsScheduled: number };
  scenarios: DashboardBreakdown & { byTier: DashboardCount[]; byStage: DashboardCount[] };
  capabilities: DashboardBreakdown & { byKind: DashboardCount[] };
  funnel: { stages: DashboardCount[]; mutual: number; dismissed: number; notLanded: number; landedScenarios: number };
}

export interface DashboardQuery {
  /** YYYY-MM-DD, Beijing time; `to` includes its day. */
  from?: string;
  to?: string;
  regionCode?: string;
}
