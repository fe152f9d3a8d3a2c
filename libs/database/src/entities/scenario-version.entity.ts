import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AttachmentMeta, Scenario, ScenarioContact } from './scenario.entity';

/** The editable content of a scenario at one version; what refinement diffs compare. */
export interface ScenarioSnapshot {
  title: string;
  description: string;
  domains: string[];
  regionCode: string | null;
  tier: string | null;
  stage: string | null;
  budgetMinWan: number | null;
  budgetMaxWan: number | null;
  budgetNegotiable: boolean;
  minTrl: number | null;
  deadline: string | null;
  tags: string[];
  landingConditions: string | null;
  contact: ScenarioContact | null;
  attachments: AttachmentMeta[];
  anonymous: boolean;
}

/** One row per scenario version (1 = as created); never updated. */
@Entity({ name: 'scenario_versions' })
export class ScenarioVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'scenario_id', type: 'uuid' })
  scenarioId: string;

  @ManyToOne(() => Scenario, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'scenario_id' })
  scenario?: Scenario;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'jsonb' })
  snapshot: ScenarioSnapshot;

  @Column({ name: 'changed_fields', type: 'text', array: true, default: () => "'{}'" })
  changedFields: string[];

  @Column({ name: 'edited_by', type: 'uuid', nullable: true })
  editedBy: string | null;

  @Column({ name: 'editor_role', type: 'text', nullable: true })
  editorRole: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
