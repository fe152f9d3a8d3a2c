import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Recorded click-through: this user accepted this scenario's confidentiality terms (one row per user and scenario). */
@Entity({ name: 'scenario_confidentiality_acceptances' })
export class ScenarioConfidentialityAcceptance {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'scenario_id', type: 'uuid' })
  scenarioId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'terms_version', type: 'text' })
  termsVersion: string;

  @Column({ name: 'accepted_at', type: 'timestamptz', default: () => 'now()' })
  acceptedAt: Date;
}
