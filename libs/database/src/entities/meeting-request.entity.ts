import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { numericColumn } from './column-transformers';

export const MEETING_REQUEST_STATUSES = ['pending', 'accepted', 'declined', 'expired', 'cancelled'] as const;
export type MeetingRequestStatus = (typeof MEETING_REQUEST_STATUSES)[number];

/** One side of an event asking the other for a 1:1 meeting. */
@Entity({ name: 'meeting_requests' })
export class MeetingRequestRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ name: 'from_registration_id', type: 'uuid' })
  fromRegistrationId: string;

  @Column({ name: 'to_registration_id', type: 'uuid' })
  toRegistrationId: string;

  @Column({ name: 'owner_registration_id', type: 'uuid' })
  ownerRegistrationId: string;

  @Column({ name: 'supplier_registration_id', type: 'uuid' })
  supplierRegistrationId: string;

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy: string | null;

  @Column({ type: 'text', default: 'pending' })
  status: MeetingRequestStatus;

  /** Both sides asked for each other: the scheduler's top priority. */
  @Column({ type: 'boolean', default: false })
  mutual: boolean;

  @Column({ name: 'from_suggestion', type: 'boolean', default: false })
  fromSuggestion: boolean;

  @Column({ name: 'match_score', type: 'numeric', nullable: true, transformer: numericColumn })
  matchScore: number | null;

  @Column({ type: 'text', nullable: true })
  message: string | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true })
  respondedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
