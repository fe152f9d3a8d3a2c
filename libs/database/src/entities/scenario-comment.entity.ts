import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Scenario } from './scenario.entity';

export const SCENARIO_COMMENT_KINDS = ['comment', 'return'] as const;
export type ScenarioCommentKind = (typeof SCENARIO_COMMENT_KINDS)[number];

/** 凝练打磨 thread between organizer and owner; a `return` comment names the readiness items to rework. */
@Entity({ name: 'scenario_comments' })
export class ScenarioComment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'scenario_id', type: 'uuid' })
  scenarioId: string;

  @ManyToOne(() => Scenario, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'scenario_id' })
  scenario?: Scenario;

  @Column({ name: 'author_user_id', type: 'uuid', nullable: true })
  authorUserId: string | null;

  @Column({ name: 'author_role', type: 'text' })
  authorRole: string;

  @Column({ type: 'text', default: 'comment' })
  kind: ScenarioCommentKind;

  @Column({ type: 'text' })
  body: string;

  /** Readiness item keys the organizer wants reworked (需二次诊断). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  items: string[];

  /** Scenario version the comment was written against. */
  @Column({ name: 'scenario_version', type: 'integer' })
  scenarioVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
