import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Capability } from './capability.entity';
import { Scenario } from './scenario.entity';

export const MATCH_STATUSES = ['suggested', 'dismissed', 'interested_owner', 'interested_supplier', 'mutual', 'meeting', 'landed'] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

/** Fixed list so that dismissals can be counted and fed back into the weights. */
export const MATCH_DISMISS_REASONS = ['技术不匹配', '价格超出预算', '成熟度不足', '地域不便', '已有合作方', '其他'] as const;
export type MatchDismissReason = (typeof MATCH_DISMISS_REASONS)[number];

export type MatchOutcome = 'landed' | 'not_landed';

/** One feature of the score, as stored: value 0..1 (null when either side lacks the data), weight, share of the score. */
export interface StoredMatchFeature {
  name: string;
  value: number | null;
  weight: number;
  contribution: number;
}

/** 场景对接 suggestion: one scenario–capability pair, scored by the matching worker, acted on by both parties. */
@Entity({ name: 'matches' })
export class Match {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'scenario_id', type: 'uuid' })
  scenarioId: string;

  @ManyToOne(() => Scenario, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'scenario_id' })
  scenario?: Scenario;

  @Column({ name: 'capability_id', type: 'uuid' })
  capabilityId: string;

  @ManyToOne(() => Capability, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'capability_id' })
  capability?: Capability;

  @Column({ type: 'double precision' })
  score: number;

  @Column({ type: 'jsonb' })
  breakdown: StoredMatchFeature[];

  @Column({ type: 'text' })
  explanation: string;

  @Column({ name: 'scoring_version', type: 'text' })
  scoringVersion: string;

  @Column({ name: 'scenario_version', type: 'integer' })
  scenarioVersion: number;

  @Column({ name: 'capability_version', type: 'integer' })
  capabilityVersion: number;

  @Column({ type: 'text', default: 'suggested' })
  status: MatchStatus;

  /** In the scenario's own top list (match-scenario) / the capability's own top list (match-capability). */
  @Column({ name: 'listed_for_scenario', type: 'boolean', default: false })
  listedForScenario: boolean;

  @Column({ name: 'listed_for_capability', type: 'boolean', default: false })
  listedForCapability: boolean;

  @Column({ name: 'owner_interested_at', type: 'timestamptz', nullable: true })
  ownerInterestedAt: Date | null;

  @Column({ name: 'supplier_interested_at', type: 'timestamptz', nullable: true })
  supplierInterestedAt: Date | null;

  @Column({ name: 'dismiss_reason', type: 'text', nullable: true })
  dismissReason: MatchDismissReason | null;

  @Column({ name: 'dismiss_comment', type: 'text', nullable: true })
  dismissComment: string | null;

  @Column({ type: 'text', nullable: true })
  outcome: MatchOutcome | null;

  @Column({ name: 'outcome_note', type: 'text', nullable: true })
  outcomeNote: string | null;

  /** Set when the scenario or the capability stopped being public; acted-on matches are kept for the record. */
  @Column({ name: 'stale_at', type: 'timestamptz', nullable: true })
  staleAt: Date | null;

  /** When both parties were told about this strong match (never twice). */
  @Column({ name: 'notified_at', type: 'timestamptz', nullable: true })
  notifiedAt: Date | null;

  @Column({ name: 'scored_at', type: 'timestamptz' })
  scoredAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

export const MATCH_FEEDBACK_ACTIONS = ['interest', 'dismiss', 'contact', 'meeting', 'outcome'] as const;
export type MatchFeedbackAction = (typeof MATCH_FEEDBACK_ACTIONS)[number];
export type MatchSide = 'owner' | 'supplier' | 'organizer';

/** What a party did with a suggestion: the raw material for judging and re-weighting the engine. */
@Entity({ name: 'match_feedback' })
export class MatchFeedback {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'match_id', type: 'uuid' })
  matchId: string;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ type: 'text' })
  side: MatchSide;

  @Column({ type: 'text' })
  action: MatchFeedbackAction;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  /** The match's score and scoring version when the party acted. */
  @Column({ type: 'double precision', nullable: true })
  score: number | null;

  @Column({ name: 'scoring_version', type: 'text', nullable: true })
  scoringVersion: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
