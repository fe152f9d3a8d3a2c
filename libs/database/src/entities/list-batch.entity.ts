import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const LIST_BATCH_KINDS = ['scenario', 'capability'] as const;
export type ListBatchKind = (typeof LIST_BATCH_KINDS)[number];

export const LIST_BATCH_STATUSES = ['draft', 'notice', 'published', 'cancelled'] as const;
export type ListBatchStatus = (typeof LIST_BATCH_STATUSES)[number];

/**
 * One item as frozen at publish time. Holds the public fields plus the few an organizer needs to
 * re-import the list (full description, landing conditions, the organization's credit code);
 * public readers get a projection without those. Contacts and attachments are never copied.
 */
export interface ListBatchSnapshotItem {
  id: string;
  title: string;
  /** Scenario: the public summary; capability: the (public) description. */
  summary: string;
  description: string;
  domains: string[];
  regionCode: string | null;
  tags: string[];
  organizationId: string;
  organizationName: string;
  organizationType: string | null;
  organizationCreditCode: string | null;
  /** What the public sees as the organization: "某国有企业" for an anonymous scenario. */
  displayName: string;
  anonymous: boolean;
  tier?: string | null;
  stage?: string | null;
  budgetMinWan?: number | null;
  budgetMaxWan?: number | null;
  minTrl?: number | null;
  deadline?: string | null;
  landingConditions?: string | null;
  kind?: string | null;
  trl?: number | null;
  priceMinWan?: number | null;
  priceMaxWan?: number | null;
  qualifications?: string[];
}

export interface ListBatchFieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface ListBatchDiff {
  previousBatchId: string | null;
  previousTitle: string | null;
  added: Array<{ id: string; title: string }>;
  removed: Array<{ id: string; title: string }>;
  changed: Array<{ id: string; title: string; changes: ListBatchFieldChange[] }>;
  unchanged: number;
}

/** 清单: a periodic, published batch of approved scenarios (场景机会清单) or capabilities (能力供给清单). */
@Entity({ name: 'list_batches' })
export class ListBatch {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  kind: ListBatchKind;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'text', default: 'draft' })
  status: ListBatchStatus;

  @Column({ name: 'notice_days', type: 'smallint', nullable: true })
  noticeDays: number | null;

  @Column({ name: 'notice_started_at', type: 'timestamptz', nullable: true })
  noticeStartedAt: Date | null;

  @Column({ name: 'notice_ends_at', type: 'timestamptz', nullable: true })
  noticeEndsAt: Date | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason: string | null;

  /** The published batch of the same kind and region this one is compared with, fixed at publish. */
  @Column({ name: 'previous_batch_id', type: 'uuid', nullable: true })
  previousBatchId: string | null;

  /** Immutable once published (a database trigger refuses changes). */
  @Column({ type: 'jsonb', nullable: true })
  snapshot: ListBatchSnapshotItem[] | null;

  @Column({ type: 'jsonb', nullable: true })
  diff: ListBatchDiff | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ name: 'published_by', type: 'uuid', nullable: true })
  publishedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
