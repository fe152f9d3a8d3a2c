import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { numericColumn } from './column-transformers';
import { Organization } from './organization.entity';

export const SCENARIO_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'published', 'closed', 'withdrawn'] as const;
export type ScenarioStatus = (typeof SCENARIO_STATUSES)[number];

export interface ScenarioContact {
  name?: string | null;
  phone?: string | null;
  email?: string | null;
}

export interface AttachmentMeta {
  name: string;
  size?: number | null;
  mimeType?: string | null;
  url?: string | null;
}

export interface ScenarioOutcome {
  result: 'landed' | 'not_landed';
  supplierOrganizationId?: string | null;
  reason?: string | null;
}

/** 场景需求: a need for a new-technology application posted by a scenario owner. */
@Entity({ name: 'scenarios' })
export class Scenario {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  domains: string[];

  @Column({ name: 'region_code', type: 'varchar', length: 6, nullable: true })
  regionCode: string | null;

  @Column({ type: 'text', nullable: true })
  tier: string | null;

  @Column({ type: 'text', nullable: true })
  stage: string | null;

  /** Both null means 面议 (to be negotiated). */
  @Column({ name: 'budget_min_wan', type: 'numeric', nullable: true, transformer: numericColumn })
  budgetMinWan: number | null;

  @Column({ name: 'budget_max_wan', type: 'numeric', nullable: true, transformer: numericColumn })
  budgetMaxWan: number | null;

  @Column({ name: 'min_trl', type: 'smallint', nullable: true })
  minTrl: number | null;

  @Column({ type: 'date', nullable: true })
  deadline: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ name: 'landing_conditions', type: 'text', nullable: true })
  landingConditions: string | null;

  /** Private: never indexed, never shown publicly. */
  @Column({ type: 'jsonb', nullable: true })
  contact: ScenarioContact | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  attachments: AttachmentMeta[];

  @Column({ type: 'boolean', default: false })
  anonymous: boolean;

  @Column({ type: 'text', default: 'draft' })
  status: ScenarioStatus;

  /** Bumped on every edit; matching job ids and scenario versions key on it. */
  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ name: 'external_key', type: 'text', nullable: true, unique: true })
  externalKey: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  outcome: ScenarioOutcome | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
