import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { numericColumn } from './column-transformers';
import { Organization } from './organization.entity';
import { AttachmentMeta, Scenario } from './scenario.entity';

export const SCENARIO_RESPONSE_STATUSES = ['submitted', 'shortlisted', 'accepted', 'rejected', 'withdrawn'] as const;
export type ScenarioResponseStatus = (typeof SCENARIO_RESPONSE_STATUSES)[number];

/** Statuses covered by the partial unique index uq_scenario_responses_live (one per supplier per scenario). */
export const LIVE_SCENARIO_RESPONSE_STATUSES: readonly ScenarioResponseStatus[] = ['submitted', 'shortlisted', 'accepted'];

/** A supplier's response (bid) to a published scenario. Private: never indexed, never public. */
@Entity({ name: 'scenario_responses' })
export class ScenarioResponse {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'scenario_id', type: 'uuid' })
  scenarioId: string;

  @ManyToOne(() => Scenario, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'scenario_id' })
  scenario?: Scenario;

  /** The responding supplier organization. */
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ type: 'text' })
  approach: string;

  /** Quoted price in 万元; null means 面议. */
  @Column({ name: 'price_wan', type: 'numeric', nullable: true, transformer: numericColumn })
  priceWan: number | null;

  @Column({ type: 'text', default: '' })
  schedule: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  attachments: AttachmentMeta[];

  @Column({ type: 'text', default: 'submitted' })
  status: ScenarioResponseStatus;

  @Column({ type: 'integer', default: 1 })
  version: number;

  /** The owner's note with the latest shortlist/accept/reject decision. */
  @Column({ name: 'decision_comment', type: 'text', nullable: true })
  decisionComment: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt: Date;

  @Column({ name: 'shortlisted_at', type: 'timestamptz', nullable: true })
  shortlistedAt: Date | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
