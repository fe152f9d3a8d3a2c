import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { numericColumn } from './column-transformers';

@Entity({ name: 'challenge_expert_conflicts' })
export class ChallengeExpertConflict {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'challenge_id', type: 'uuid' })
  challengeId: string;

  @Column({ name: 'expert_user_id', type: 'uuid' })
  expertUserId: string;

  @Column({ name: 'application_id', type: 'uuid', nullable: true })
  applicationId: string | null;

  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  @Column({ type: 'text', default: '' })
  reason: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

export interface CriterionScore {
  criterionKey: string;
  score: number;
  comment: string;
}

@Entity({ name: 'challenge_review_assignments' })
export class ChallengeReviewAssignment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'challenge_id', type: 'uuid' })
  challengeId: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ name: 'expert_user_id', type: 'uuid' })
  expertUserId: string;

  @Column({ type: 'jsonb', nullable: true })
  scores: CriterionScore[] | null;

  @Column({ name: 'weighted_total', type: 'numeric', precision: 8, scale: 4, nullable: true, transformer: numericColumn })
  weightedTotal: number | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity({ name: 'challenge_results' })
export class ChallengeResult {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ name: 'challenge_id', type: 'uuid' })
  challengeId: string;

  @Column({ type: 'int' })
  rank: number;

  @Column({ name: 'final_score', type: 'numeric', precision: 8, scale: 4, transformer: numericColumn })
  finalScore: number;

  @Column({ name: 'expert_count', type: 'int' })
  expertCount: number;

  @Column({ name: 'dropped_extremes', type: 'boolean' })
  droppedExtremes: boolean;

  /** Mean score on the highest-weight criterion: the first tie-break. */
  @Column({ name: 'tie_break_score', type: 'numeric', precision: 8, scale: 4, transformer: numericColumn })
  tieBreakScore: number;

  @Column({ name: 'computed_at', type: 'timestamptz', default: () => 'now()' })
  computedAt: Date;
}

@Entity({ name: 'challenge_acceptance_reviews' })
export class ChallengeAcceptanceReview {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'challenge_id', type: 'uuid' })
  challengeId: string;

  @Column({ name: 'expert_user_id', type: 'uuid' })
  expertUserId: string;

  @Column({ type: 'boolean', nullable: true })
  passed: boolean | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
