import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { numericColumn } from './column-transformers';

export const MEETING_KINDS = ['mutual', 'accepted', 'suggested'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export type MeetingStatus = 'scheduled' | 'cancelled';

/** A 1:1 meeting placed in a slot at a table, by the scheduler or by the organizer's hand. */
@Entity({ name: 'meetings' })
export class Meeting {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  /** The scheduler's request id (a meeting request id, or a key for a match suggestion); stable across runs. */
  @Column({ name: 'request_key', type: 'text' })
  requestKey: string;

  @Column({ name: 'meeting_request_id', type: 'uuid', nullable: true })
  meetingRequestId: string | null;

  @Column({ name: 'owner_registration_id', type: 'uuid' })
  ownerRegistrationId: string;

  @Column({ name: 'supplier_registration_id', type: 'uuid' })
  supplierRegistrationId: string;

  @Column({ type: 'text' })
  kind: MeetingKind;

  @Column({ name: 'match_score', type: 'numeric', nullable: true, transformer: numericColumn })
  matchScore: number | null;

  @Column({ type: 'double precision' })
  priority: number;

  @Column({ name: 'slot_id', type: 'text' })
  slotId: string;

  @Column({ name: 'table_no', type: 'integer' })
  tableNo: number;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  /** Fixed by the organizer: re-runs schedule around it and never move it. */
  @Column({ type: 'boolean', default: false })
  locked: boolean;

  @Column({ type: 'text', default: 'scheduled' })
  status: MeetingStatus;

  @Column({ name: 'online_url', type: 'text', nullable: true })
  onlineUrl: string | null;

  @Column({ name: 'run_id', type: 'uuid', nullable: true })
  runId: string | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
