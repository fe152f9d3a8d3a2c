import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { EventSide } from './event-registration.entity';

export const MEETING_OUTCOMES = ['继续洽谈', '达成合作意向', '无后续'] as const;
export type MeetingOutcomeValue = (typeof MEETING_OUTCOMES)[number];

/** What one side says happened at a meeting, recorded after the event. */
@Entity({ name: 'meeting_outcomes' })
export class MeetingOutcome {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @Column({ type: 'text' })
  side: EventSide;

  @Column({ type: 'boolean' })
  happened: boolean;

  @Column({ type: 'text', nullable: true })
  outcome: MeetingOutcomeValue | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
