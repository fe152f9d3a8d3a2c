import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A verified supplier opened the full (confidential) details of a scenario; shown to the owner. */
@Entity({ name: 'scenario_detail_views' })
export class ScenarioDetailView {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'scenario_id', type: 'uuid' })
  scenarioId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'viewed_at', type: 'timestamptz', default: () => 'now()' })
  viewedAt: Date;
}
