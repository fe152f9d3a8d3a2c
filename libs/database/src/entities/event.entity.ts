import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const EVENT_TYPES = ['matchmaking', 'roadshow', 'experience'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export const EVENT_TYPE_LABELS: Readonly<Record<EventType, string>> = { matchmaking: '场景对接会', roadshow: '场景路演', experience: '场景体验' };

export const EVENT_STATUSES = ['draft', 'published', 'cancelled', 'completed'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** One event day in local (Asia/Shanghai) time, e.g. { date: '2026-06-01', start: '09:00', end: '17:00' }. */
export interface EventDay {
  date: string;
  start: string;
  end: string;
}

/** A daily break in local time, applied to every day, e.g. lunch { start: '12:00', end: '13:30' }. */
export interface EventBreak {
  start: string;
  end: string;
}

/** 场景对接会 / 场景路演 / 场景体验, run by an organizer in their jurisdiction. */
@Entity({ name: 'events' })
export class ExchangeEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  type: EventType;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  domains: string[];

  @Column({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'text', nullable: true })
  venue: string | null;

  @Column({ name: 'online_url', type: 'text', nullable: true })
  onlineUrl: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  days: EventDay[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  breaks: EventBreak[];

  @Column({ name: 'registration_opens_at', type: 'timestamptz' })
  registrationOpensAt: Date;

  @Column({ name: 'registration_closes_at', type: 'timestamptz' })
  registrationClosesAt: Date;

  @Column({ name: 'capacity_owner', type: 'integer' })
  capacityOwner: number;

  @Column({ name: 'capacity_supplier', type: 'integer' })
  capacitySupplier: number;

  /** Seats taken; a CHECK keeps it within capacity whatever the code does. */
  @Column({ name: 'registered_owner_count', type: 'integer', default: 0 })
  registeredOwnerCount: number;

  @Column({ name: 'registered_supplier_count', type: 'integer', default: 0 })
  registeredSupplierCount: number;

  /** Meeting slot length (matchmaking) or pitch length (roadshow). */
  @Column({ name: 'slot_minutes', type: 'integer' })
  slotMinutes: number;

  /** Tables (matchmaking) or rooms. */
  @Column({ name: 'table_count', type: 'integer', default: 1 })
  tableCount: number;

  @Column({ name: 'max_meetings_per_participant', type: 'integer', default: 8 })
  maxMeetingsPerParticipant: number;

  @Column({ name: 'request_expiry_days', type: 'integer', default: 3 })
  requestExpiryDays: number;

  /** Experience visits: where and when the group gathers. */
  @Column({ name: 'meeting_point', type: 'text', nullable: true })
  meetingPoint: string | null;

  @Column({ name: 'meeting_time', type: 'timestamptz', nullable: true })
  meetingTime: Date | null;

  @Column({ type: 'text', default: 'draft' })
  status: EventStatus;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
