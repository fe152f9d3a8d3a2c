import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Organization } from './organization.entity';

export const EVENT_SIDES = ['owner', 'supplier'] as const;
export type EventSide = (typeof EVENT_SIDES)[number];

export const REGISTRATION_STATUSES = ['registered', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export interface EventAttendee {
  name: string;
  title?: string | null;
  phone?: string | null;
}

/** An organization's place at an event (or on its waiting list), with the people who come. */
@Entity({ name: 'event_registrations' })
export class EventRegistration {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Arrival order; the waiting list moves up in this order. */
  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ name: 'registered_by', type: 'uuid', nullable: true })
  registeredBy: string | null;

  @Column({ type: 'text' })
  side: EventSide;

  @Column({ type: 'text' })
  status: RegistrationStatus;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  attendees: EventAttendee[];

  /** Slot ids the organization can attend; null means every slot. */
  @Column({ name: 'available_slot_ids', type: 'text', array: true, nullable: true })
  availableSlotIds: string[] | null;

  /** Own limit below the event's maximum; null means the event's maximum. */
  @Column({ name: 'max_meetings', type: 'integer', nullable: true })
  maxMeetings: number | null;

  @Column({ name: 'check_in_code', type: 'varchar', length: 12 })
  checkInCode: string;

  @Column({ name: 'checked_in_at', type: 'timestamptz', nullable: true })
  checkedInAt: Date | null;

  @Column({ name: 'no_show', type: 'boolean', default: false })
  noShow: boolean;

  @Column({ name: 'promoted_at', type: 'timestamptz', nullable: true })
  promotedAt: Date | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
