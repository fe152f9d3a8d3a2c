import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const CHALLENGE_APPLICATION_STATUSES = ['draft', 'submitted', 'withdrawn', 'passed', 'rejected'] as const;
export type ChallengeApplicationStatus = (typeof CHALLENGE_APPLICATION_STATUSES)[number];

export interface IndicatorResponse {
  /** Index into the challenge's indicators. */
  indicatorIndex: number;
  proposedValue: string;
  evidence: string;
}

export interface ApplicationPlanStep {
  title: string;
  deliverable: string;
  dueAt: string;
}

@Entity({ name: 'challenge_applications' })
export class ChallengeApplication {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'challenge_id', type: 'uuid' })
  challengeId: string;

  @Column({ name: 'lead_organization_id', type: 'uuid' })
  leadOrganizationId: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  /** Per-challenge number; the blind label experts see (申报书 A-003). */
  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'text', default: '' })
  summary: string;

  @Column({ name: 'indicator_responses', type: 'jsonb', default: () => "'[]'" })
  indicatorResponses: IndicatorResponse[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  plan: ApplicationPlanStep[];

  @Column({ type: 'text', default: 'draft' })
  status: ChallengeApplicationStatus;

  @Column({ name: 'formal_check_reason', type: 'text', nullable: true })
  formalCheckReason: string | null;

  @Column({ name: 'formal_checked_at', type: 'timestamptz', nullable: true })
  formalCheckedAt: Date | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

export type ChallengeMemberStatus = 'invited' | 'confirmed' | 'declined';

@Entity({ name: 'challenge_application_members' })
export class ChallengeApplicationMember {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ name: 'challenge_id', type: 'uuid' })
  challengeId: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ type: 'text' })
  role: 'lead' | 'member';

  @Column({ type: 'text' })
  status: ChallengeMemberStatus;

  /** False once the application is withdrawn or the member declined; a partial unique index allows one live row per org and challenge. */
  @Column({ type: 'boolean', default: true })
  live: boolean;

  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true })
  respondedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

export type RecommendationLevel = 'county' | 'city' | 'province';

@Entity({ name: 'challenge_recommendations' })
export class ChallengeRecommendation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'challenge_id', type: 'uuid' })
  challengeId: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ type: 'text' })
  level: RecommendationLevel;

  /** The recommending body's jurisdiction; quotas count per (challenge, region_code). */
  @Column({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ name: 'recommended_by', type: 'uuid', nullable: true })
  recommendedBy: string | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
