import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { numericColumn } from './column-transformers';

export const CHALLENGE_STATUSES = [
  'draft',
  'published',
  'open',
  'closed',
  'reviewing',
  'notice',
  'awarded',
  'in_progress',
  'accepted',
  'failed',
  'cancelled',
] as const;
export type ChallengeStatus = (typeof CHALLENGE_STATUSES)[number];

export interface ChallengeIndicator {
  name: string;
  targetValue: string;
  unit: string;
  /** How the value is verified, e.g. 第三方检测报告. */
  verification: string;
}

export interface ChallengeEligibility {
  /** Lead organization must be registered within one of these regions; empty = anywhere. */
  regions: string[];
  /** Every participating organization must be of one of these types; empty = any. */
  organizationTypes: string[];
  /** Lead organization must hold each, valid today. */
  qualifications: string[];
  consortiumAllowed: boolean;
  /** Organizations in one application including the lead. */
  maxMembers: number;
}

export interface ChallengeRecommendationPolicy {
  required: boolean;
  /** How many applications one recommending body may endorse at each tier. */
  quotas: { county: number; city: number; province: number };
}

export interface ChallengeRubricCriterion {
  key: string;
  name: string;
  weight: number;
}

export interface ChallengeAttachment {
  name: string;
  url?: string | null;
  sizeBytes?: number | null;
}

@Entity({ name: 'challenges' })
export class Challenge {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  /** Jurisdiction that runs the call; organizers whose jurisdiction contains it manage it. */
  @Column({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  background: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  domains: string[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  indicators: ChallengeIndicator[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  deliverables: string[];

  /** 万元 */
  @Column({ name: 'award_amount', type: 'numeric', precision: 14, scale: 2, transformer: numericColumn, default: 0 })
  awardAmount: number;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  eligibility: ChallengeEligibility;

  @Column({ type: 'jsonb', nullable: true })
  recommendation: ChallengeRecommendationPolicy | null;

  @Column({ name: 'experts_per_application', type: 'int', default: 5 })
  expertsPerApplication: number;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  rubric: ChallengeRubricCriterion[];

  @Column({ name: 'blind_review', type: 'boolean', default: true })
  blindReview: boolean;

  @Column({ name: 'notice_days', type: 'int', default: 7 })
  noticeDays: number;

  @Column({ name: 'milestone_reminder_lead_hours', type: 'numeric', precision: 10, scale: 4, transformer: numericColumn, default: 72 })
  milestoneReminderLeadHours: number;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  attachments: ChallengeAttachment[];

  @Column({ name: 'opens_at', type: 'timestamptz' })
  opensAt: Date;

  @Column({ name: 'closes_at', type: 'timestamptz' })
  closesAt: Date;

  @Column({ type: 'text', default: 'draft' })
  status: ChallengeStatus;

  @Column({ name: 'notice_started_at', type: 'timestamptz', nullable: true })
  noticeStartedAt: Date | null;

  @Column({ name: 'notice_ends_at', type: 'timestamptz', nullable: true })
  noticeEndsAt: Date | null;

  /** Set by the end-notice job; award is possible only afterwards. */
  @Column({ name: 'notice_ended_at', type: 'timestamptz', nullable: true })
  noticeEndedAt: Date | null;

  @Column({ name: 'winner_application_id', type: 'uuid', nullable: true })
  winnerApplicationId: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'awarded_at', type: 'timestamptz', nullable: true })
  awardedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
