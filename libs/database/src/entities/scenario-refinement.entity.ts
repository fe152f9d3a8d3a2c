import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const READINESS_ITEM_KEYS = ['problem', 'core_needs', 'landing_conditions', 'budget', 'timeline', 'expected_trl'] as const;
export type ReadinessItemKey = (typeof READINESS_ITEM_KEYS)[number];

export interface ReadinessItem {
  key: ReadinessItemKey;
  label: string;
  ok: boolean;
  hint: string | null;
}

/**
 * Refinement state kept beside a scenario (1:1): the owner's explicit 面议 declaration, the readiness
 * checklist computed at the last submit, and where a merged duplicate went.
 */
@Entity({ name: 'scenario_refinements' })
export class ScenarioRefinement {
  @PrimaryColumn({ name: 'scenario_id', type: 'uuid' })
  scenarioId: string;

  /** The owner chose 面议 rather than leaving the budget blank. */
  @Column({ name: 'budget_negotiable', type: 'boolean', default: false })
  budgetNegotiable: boolean;

  @Column({ type: 'jsonb', nullable: true })
  readiness: ReadinessItem[] | null;

  @Column({ name: 'readiness_version', type: 'integer', nullable: true })
  readinessVersion: number | null;

  @Column({ name: 'readiness_checked_at', type: 'timestamptz', nullable: true })
  readinessCheckedAt: Date | null;

  @Column({ name: 'merged_into_id', type: 'uuid', nullable: true })
  mergedIntoId: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
