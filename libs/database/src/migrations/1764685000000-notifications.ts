import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1764685000000 implements MigrationInterface {
  name = 'Notifications1764685000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind text NOT NULL,
        title text NOT NULL,
        body text NOT NULL DEFAULT '',
        link text,
        dedupe_key text,
        read_at timestamptz,
        email_status text NOT NULL DEFAULT 'not_configured' CHECK (email_status IN ('not_configured','pending','sent','failed')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX idx_notifications_user ON notifications(user_id, created_at DESC)`);
    await q.query(`CREATE UNIQUE INDEX uq_notifications_dedupe ON notifications(user_id, dedupe_key) WHERE dedupe_key IS NOT NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notifications`);
  }
}
