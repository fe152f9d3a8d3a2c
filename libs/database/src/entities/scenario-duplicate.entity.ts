import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { numericColumn } from './column-transformers';

export const SCENARIO_DUPLICATE_STATUSES = ['suggested', 'linked', 'merged'] as const;
export type ScenarioDuplicateStatus = (typeof SCENARIO_DUPLICATE_STATUSES)[number];

/**
 * A pair of similar scenarios found when `scenarioId` was submitted. `linked`: the organizer confirmed they
 * are related; `merged`: `mergedIntoId` was kept and the other one withdrawn.
 */
@Entity({ name: 'scenario_duplicates' })
export class ScenarioDuplicate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'scenario_id', type: 'uuid' })
  scenarioId: string;

  @Column({ name: 'candidate_id', type: 'uuid' })
  candidateId: string;

  /** 0–1, weighted Jaccard over key terms (see ScenarioSimilarity). */
  @Column({ type: 'numeric', transformer: numericColumn })
  similarity: number;

  @Column({ name: 'shared_phrases', type: 'text', array: true, default: () => "'{}'" })
  sharedPhrases: string[];

  @Column({ type: 'text', default: 'suggested' })
  status: ScenarioDuplicateStatus;

  @Column({ name: 'merged_into_id', type: 'uuid', nullable: true })
  mergedIntoId: string | null;

  @Column({ name: 'detected_at', type: 'timestamptz', default: () => 'now()' })
  detectedAt: Date;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}
