import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ScheduleRunStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface StoredUnplaced {
  requestId: string;
  ownerRegistrationId: string;
  supplierRegistrationId: string;
  kind: string;
  reason: string;
  message: string;
}

/** One run of the meeting scheduler for an event: what it achieved and what it could not place. */
@Entity({ name: 'event_schedule_runs' })
export class EventScheduleRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy: string | null;

  @Column({ type: 'text', default: 'queued' })
  status: ScheduleRunStatus;

  @Column({ name: 'job_id', type: 'text', nullable: true })
  jobId: string | null;

  @Column({ name: 'total_priority', type: 'double precision', nullable: true })
  totalPriority: number | null;

  @Column({ name: 'upper_bound', type: 'double precision', nullable: true })
  upperBound: number | null;

  @Column({ type: 'jsonb', nullable: true })
  stats: Record<string, unknown> | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  unplaced: StoredUnplaced[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  warnings: Array<{ requestId: string; code: string; message: string }>;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
