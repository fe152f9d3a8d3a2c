import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const OUTBOX_AGGREGATES = ['scenario', 'capability', 'organization'] as const;
export type OutboxAggregate = (typeof OUTBOX_AGGREGATES)[number];

/**
 * Written in the same transaction as the change it announces; the worker applies it to
 * Meilisearch (and any other derived store) and marks it processed. PostgreSQL stays the truth.
 */
@Entity({ name: 'outbox_events' })
export class OutboxEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  aggregate: OutboxAggregate;

  @Column({ name: 'aggregate_id', type: 'uuid' })
  aggregateId: string;

  /** What happened, for the log and for consumers other than the indexer (e.g. matching). */
  @Column({ type: 'text' })
  event: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;
}
