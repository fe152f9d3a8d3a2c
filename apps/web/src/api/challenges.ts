/** Shapes of the challenges API (`/api/v1/challenges`, 揭榜挂帅), as the portal reads them. */

export interface Indicator {
  name: string;
  targetValue: string;
  unit: string;
  verification: string;
}

export interface RubricCriterion {
  key: string;
  name: string;
  weight: number;
}

export interface Challenge {
  id: string;
  title: string;
  background: string;
  domains: string[];
  indicators: Indicator[];
  deliverables: string[];
  awardAmount: number;
  eligibility: { regions: string[]; organizationTypes: string[]; qualifications: string[]; consortiumAllowed: boolean; maxMembers: number };
  recommendation: { required: boolean; quotas: { county: number; city: number; province: number } } | null;
  expertsPerApplication: number;
  rubric: RubricCriterion[];
  blindReview: boolean;
  noticeDays: number;
  milestoneReminderLeadHours: number;
  attachments: { name: string; url?: string; sizeBytes?: number }[];
  regionCode: string;
  opensAt: string;
  closesAt: string;
  status: string;
  statusLabel: string;
  noticeEndsAt: string | null;
  noticeEndedAt: string | null;
  winnerApplicationId: string | null;
  publishedAt: string | null;
  createdAt: string;
}

export interface IndicatorResponse {
  indicatorIndex: number;
  proposedValue: string;
  evidence: string;
}

export interface PlanStep {
  title: string;
  deliverable: string;
  dueAt: string;
}

export interface Application {
  id: string;
  challengeId: string;
  code: string;
  status: string;
  statusLabel: string;
  summary: string;
  indicatorResponses: IndicatorResponse[];
  plan: PlanStep[];
  organizations: { organizationId: string; name: string; creditCode: string | null; regionCode: string; role: 'lead' | 'member'; status: 'invited' | 'confirmed' | 'declined' }[];
  formalCheckReason: string | null;
  recommendations: { level: string; regionCode: string; comment: string | null; createdAt: string }[];
  submittedAt: string | null;
  createdAt: string;
}

export interface CriterionScore {
  criterionKey: string;
  score: number;
  comment: string;
}

export interface ExpertAssignment {
  assignmentId: string;
  challengeId: string;
  applicationId: string;
  applicationCode: string;
  applicant: { leadOrganizationName: string; memberOrganizationNames: string[] } | null;
  summary: string;
  indicatorResponses: IndicatorResponse[];
  plan: PlanStep[];
  rubric: RubricCriterion[];
  scores: CriterionScore[] | null;
  weightedTotal: number | null;
  submittedAt: string | null;
}

export interface ReviewOverview {
  assignments: { assignmentId: string; applicationId: string; applicationCode: string; expertUserId: string; expertName: string; submitted: boolean; weightedTotal: number | null }[];
  submitted: number;
  total: number;
  aggregated: boolean;
}

export interface Ranking {
  items: {
    rank: number;
    applicationId: string;
    applicationCode: string;
    applicantName: string;
    memberOrganizationNames: string[];
    finalScore: number;
    expertCount: number;
    droppedExtremes: boolean;
    tieBreakScore: number;
    proposedWinner: boolean;
    expertTotals?: number[];
  }[];
  tieBreakRule: string;
  noticeEndsAt: string | null;
}

export interface Objection {
  id: string;
  challengeId: string;
  content: string;
  answer: string | null;
  answeredAt: string | null;
  createdAt: string;
  mine: boolean;
}

export interface Milestone {
  id: string;
  seq: number;
  title: string;
  deliverable: string;
  dueAt: string;
  status: 'pending' | 'done';
  progressPercent: number;
  overdue: boolean;
  reports: { at: string; percent: number; note: string }[];
  completedAt: string | null;
}

export interface Acceptance {
  reviews: { expertUserId: string; passed: boolean | null; comment: string | null; submittedAt: string | null }[];
  challengeStatus: string;
  outcome: boolean | null;
}

/** Labels straight from the API's lifecycle (challenge.lifecycle.ts). */
export const CHALLENGE_STATUS_FULL: Record<string, { text: string; color: string }> = {
  draft: { text: '草稿', color: 'default' },
  published: { text: '已发榜（待开放申报）', color: 'blue' },
  open: { text: '申报中', color: 'success' },
  closed: { text: '申报已截止', color: 'default' },
  reviewing: { text: '专家评审中', color: 'processing' },
  notice: { text: '公示中', color: 'gold' },
  awarded: { text: '已确定揭榜方', color: 'green' },
  in_progress: { text: '攻关实施中', color: 'cyan' },
  accepted: { text: '验收通过', color: 'green' },
  failed: { text: '验收未通过', color: 'error' },
  cancelled: { text: '已取消', color: 'default' },
};

export const MEMBER_STATUS: Record<string, { text: string; color: string }> = {
  invited: { text: '待确认', color: 'processing' },
  confirmed: { text: '已确认', color: 'success' },
  declined: { text: '已拒绝', color: 'error' },
};

/** Where a call is in its life: the steps shown on the detail pages. */
export const CHALLENGE_STEPS = ['发榜', '揭榜申报', '专家评审', '公示', '挂帅攻关', '验收'];
export function challengeStep(status: string): number {
  return ({ draft: 0, published: 0, open: 1, closed: 1, reviewing: 2, notice: 3, awarded: 4, in_progress: 4, accepted: 5, failed: 5 } as Record<string, number>)[status] ?? 0;
}

/** A conflict of interest an expert declared (回避声明); under blind review only the application code. */
export interface DeclaredConflict {
  id: string;
  applicationId: string | null;
  applicationCode: string | null;
  organizationId: string | null;
  reason: string;
  createdAt: string;
}

export const RECOMMENDATION_LEVEL: Record<string, string> = { county: '区县', city: '设区市', province: '省级' };
