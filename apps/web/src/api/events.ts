/** Shapes of the events API (`/api/v1/events`), as the portal reads them. */

export interface EventSlot {
  id: string;
  startsAt: string;
  endsAt: string;
}

export interface EventView {
  id: string;
  type: 'matchmaking' | 'roadshow' | 'experience';
  typeLabel?: string;
  title: string;
  description: string | null;
  domains: string[];
  regionCode: string;
  venue: string | null;
  onlineUrl: string | null;
  days: { date: string; start: string; end: string }[];
  breaks: { start: string; end: string }[];
  registrationOpensAt: string;
  registrationClosesAt: string;
  capacityOwner: number;
  capacitySupplier: number;
  registeredOwnerCount: number;
  registeredSupplierCount: number;
  slotMinutes: number;
  tableCount: number;
  maxMeetingsPerParticipant: number;
  requestExpiryDays: number;
  meetingPoint: string | null;
  meetingTime: string | null;
  status: string;
  slots: EventSlot[];
  publishedAt: string | null;
  createdAt: string;
}

export interface PublishedItem {
  id: string;
  title: string;
  domains: string[];
}

export interface Registration {
  id: string;
  eventId: string;
  organizationId: string;
  organizationName: string | null;
  organizationType: string | null;
  side: 'owner' | 'supplier';
  status: string;
  attendees: { name: string; title: string | null; phone: string | null }[];
  availableSlotIds: string[] | null;
  maxMeetings: number | null;
  checkInCode: string | null;
  checkedInAt: string | null;
  noShow: boolean;
  createdAt: string;
  scenarios?: PublishedItem[];
  capabilities?: PublishedItem[];
}

export interface Party {
  registrationId: string;
  organizationId: string;
  organizationName: string | null;
}

export interface MeetingRequest {
  id: string;
  eventId: string;
  from: Party;
  to: Party;
  status: string;
  mutual: boolean;
  fromSuggestion: boolean;
  matchScore: number | null;
  message: string | null;
  expiresAt: string;
  respondedAt: string | null;
  createdAt: string;
}

export interface SuggestedPartner {
  registrationId: string;
  organizationId: string;
  organizationName: string | null;
  matchScore: number;
  requestStatus: string | null;
}

export interface Meeting {
  id: string;
  eventId: string;
  slotId: string;
  tableNo: number;
  tableName: string;
  startsAt: string;
  endsAt: string;
  locked: boolean;
  status: string;
  kind: 'mutual' | 'accepted' | 'suggested';
  priority: number;
  onlineUrl: string | null;
  meetingRequestId: string | null;
  owner: Party;
  supplier: Party;
  outcomes: { side: string; happened: boolean; outcome: string | null; note: string | null }[];
}

export interface UnplacedRequest {
  requestId: string;
  ownerRegistrationId: string;
  supplierRegistrationId: string;
  kind: string;
  reason: string;
  message: string;
}

export interface ScheduleRun {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  totalPriority: number | null;
  upperBound: number | null;
  stats: Record<string, unknown> | null;
  unplaced: UnplacedRequest[];
  warnings: { requestId: string; code: string; message: string }[];
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface ScheduleBoard {
  eventId: string;
  slots: EventSlot[];
  tables: string[];
  latestRun: ScheduleRun | null;
  board: { slot: EventSlot; cells: { tableNo: number; meeting: Meeting | null }[] }[];
  meetings: Meeting[];
  unplaced: UnplacedRequest[];
}

export interface Agenda {
  eventId: string;
  eventTitle: string;
  registrationId: string;
  venue: string | null;
  meetingPoint: string | null;
  meetingTime: string | null;
  items: { meeting: Meeting; counterpart: Party }[];
}

export const MEETING_KIND: Record<string, { text: string; color: string }> = {
  mutual: { text: '双向邀约', color: 'magenta' },
  accepted: { text: '已接受邀约', color: 'blue' },
  suggested: { text: '平台推荐', color: 'cyan' },
};

export const SIDE_LABEL: Record<string, string> = { owner: '场景业主方', supplier: '能力供给方' };

export const MEETING_OUTCOMES = ['继续洽谈', '达成合作意向', '无后续'];

export const RUN_STATUS: Record<string, { text: string; color: string }> = {
  queued: { text: '排队中', color: 'default' },
  running: { text: '计算中', color: 'processing' },
  succeeded: { text: '已完成', color: 'success' },
  failed: { text: '失败', color: 'error' },
};

const pad = (n: number) => String(n).padStart(2, '0');
/** "06-18 09:00" in the viewer's clock (the portal targets Beijing time). */
export function hm(iso: string): string {
  const d = new Date(iso);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
export function slotLabel(s: { startsAt: string; endsAt: string }): string {
  const d = new Date(s.startsAt);
  return `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${hm(s.startsAt)}–${hm(s.endsAt)}`;
}

/** 场景路演: one pitch in the running order (pitch n takes the event's n-th slot). */
export interface Pitch {
  id: string;
  position: number;
  title: string;
  registrationId: string;
  organizationName: string | null;
  startsAt: string;
  endsAt: string;
}

export interface PitchList {
  items: Pitch[];
  rubric: string[];
}

export interface PitchCandidate {
  registrationId: string;
  organizationId: string;
  organizationName: string | null;
  organizationType: string | null;
  capabilities: PublishedItem[];
  matchScore: number | null;
  matchedOwnerCount: number;
  pitchPosition: number | null;
}

export interface PitchScore {
  pitchId: string;
  technology: number;
  scenarioFit: number;
  feasibility: number;
  team: number;
  comment: string | null;
}

export interface RoadshowRanking {
  items: { rank: number; pitch: Pitch; scoreCount: number; average: number; criteria: { label: string; average: number }[] }[];
}

/** The rubric's keys in the API's order; labels come from the pitch list (`rubric`). */
export const PITCH_CRITERIA = ['technology', 'scenarioFit', 'feasibility', 'team'] as const;
