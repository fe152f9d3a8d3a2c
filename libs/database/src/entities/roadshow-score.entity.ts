import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** The rubric audience members score each pitch on, 1–10 each; labels are what users read. */
export const ROADSHOW_RUBRIC = [
  { key: 'technology', label: '技术先进性' },
  { key: 'scenarioFit', label: '场景契合度' },
  { key: 'feasibility', label: '落地可行性' },
  { key: 'team', label: '团队能力' },
] as const;
export type RoadshowCriterion = (typeof ROADSHOW_RUBRIC)[number]['key'];

/** One audience member's score of one pitch. */
@Entity({ name: 'roadshow_scores' })
export class RoadshowScore {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'pitch_id', type: 'uuid' })
  pitchId: string;

  @Column({ name: 'scorer_user_id', type: 'uuid' })
  scorerUserId: string;

  @Column({ name: 'scorer_registration_id', type: 'uuid' })
  scorerRegistrationId: string;

  @Column({ type: 'smallint' })
  technology: number;

  @Column({ name: 'scenario_fit', type: 'smallint' })
  scenarioFit: number;

  @Column({ type: 'smallint' })
  feasibility: number;

  @Column({ type: 'smallint' })
  team: number;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
