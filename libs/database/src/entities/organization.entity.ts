import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export interface OrganizationQualification {
  name: string;
  validFrom?: string | null;
  validTo?: string | null;
}

export interface OrganizationCase {
  title: string;
  client?: string | null;
  year?: number | null;
  summary?: string | null;
}

export type OrganizationRole = 'owner' | 'supplier' | 'organizer' | 'expert';

@Entity({ name: 'organizations' })
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  /** 政府部门, 国有企业, 民营企业, 高校, 科研院所, 医院, 园区, 投资机构 (checked in the database). */
  @Column({ type: 'text' })
  type: string;

  /** 统一社会信用代码; optional so a platform operator can exist without one. */
  @Column({ name: 'credit_code', type: 'varchar', length: 18, nullable: true, unique: true })
  creditCode: string | null;

  @Column({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  roles: OrganizationRole[];

  @Column({ type: 'text', nullable: true })
  size: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  domains: string[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  qualifications: OrganizationQualification[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  cases: OrganizationCase[];

  /** Set when an organizer has checked the organization (精准画像 verified). */
  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true })
  verifiedAt: Date | null;

  /** Stable key of demo/imported rows so loading them twice never duplicates. */
  @Column({ name: 'external_key', type: 'text', nullable: true, unique: true })
  externalKey: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
