import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One row per data set loaded (e.g. 'demo-v1'), so a second start never loads it again. */
@Entity({ name: 'seed_runs' })
export class SeedRun {
  @PrimaryColumn({ type: 'text' })
  name: string;

  @CreateDateColumn({ name: 'applied_at', type: 'timestamptz' })
  appliedAt: Date;
}
