import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { numericColumn } from './column-transformers';
import { Organization } from './organization.entity';
import { AttachmentMeta } from './scenario.entity';

export const CAPABILITY_STATUSES = ['draft', 'submitted', 'returned', 'verified', 'published', 'archived'] as const;
export type CapabilityStatus = (typeof CAPABILITY_STATUSES)[number];

/** 能力供给: a technology, product, solution or service offered by a supplier. */
@Entity({ name: 'capabilities' })
export class Capability {
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

  /** 技术, 产品, 解决方案 or 服务. */
  @Column({ type: 'text', nullable: true })
  kind: string | null;

  @Column({ type: 'smallint', nullable: true })
  trl: number | null;

  /** Where the capability is offered from; defaults to the supplier's region. */
  @Column({ name: 'region_code', type: 'varchar', length: 6, nullable: true })
  regionCode: string | null;

  @Column({ name: 'price_min_wan', type: 'numeric', nullable: true, transformer: numericColumn })
  priceMinWan: number | null;

  @Column({ name: 'price_max_wan', type: 'numeric', nullable: true, transformer: numericColumn })
  priceMaxWan: number | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  attachments: AttachmentMeta[];

  @Column({ type: 'text', default: 'draft' })
  status: CapabilityStatus;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ name: 'external_key', type: 'text', nullable: true, unique: true })
  externalKey: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
