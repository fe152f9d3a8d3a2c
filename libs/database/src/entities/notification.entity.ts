import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type EmailDelivery = 'not_configured' | 'pending' | 'sent' | 'failed';

/** An in-app message to one user; e-mail is a delivery attempt on top, never the record itself. */
@Entity({ name: 'notifications' })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  /** Machine-readable kind, e.g. match.suggested, meeting.reminder, challenge.window_closed. */
  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  body: string;

  /** Path in the portal the message points to, e.g. /scenarios/<id>/matches. */
  @Column({ type: 'text', nullable: true })
  link: string | null;

  /** Makes producers idempotent: the same event never notifies the same user twice. */
  @Column({ name: 'dedupe_key', type: 'text', nullable: true })
  dedupeKey: string | null;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @Column({ name: 'email_status', type: 'text', default: 'not_configured' })
  emailStatus: EmailDelivery;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
