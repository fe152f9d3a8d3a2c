import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Capability } from './capability.entity';

/** A capability cited by a response; the composite foreign keys keep it within the responding organization. */
@Entity({ name: 'scenario_response_capabilities' })
export class ScenarioResponseCapability {
  @PrimaryColumn({ name: 'response_id', type: 'uuid' })
  responseId: string;

  @PrimaryColumn({ name: 'capability_id', type: 'uuid' })
  capabilityId: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Capability, { onDelete: 'RESTRICT', createForeignKeyConstraints: false })
  @JoinColumn({ name: 'capability_id' })
  capability?: Capability;
}
