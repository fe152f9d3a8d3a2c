import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 清单 batches. The search indexer reads `list_batches.status` and `list_batch_items(batch_id, item_type,
 * item_id)` to fill `batchIds`: keep those names.
 */
export class ListBatches1764710000000 implements MigrationInterface {
  name = 'ListBatches1764710000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE list_batches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('scenario','capability')),
        title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 100),
        description text,
        region_code varchar(6) NOT NULL REFERENCES regions(code),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','notice','published','cancelled')),
        notice_days smallint CHECK (notice_days BETWEEN 1 AND 30),
        notice_started_at timestamptz,
        notice_ends_at timestamptz,
        published_at timestamptz,
        cancelled_at timestamptz,
        cancel_reason text,
        previous_batch_id uuid REFERENCES list_batches(id),
        snapshot jsonb,
        diff jsonb,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        published_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_list_batches_id_kind UNIQUE (id, kind),
        CONSTRAINT ck_list_batches_published_frozen CHECK ((status = 'published') = (snapshot IS NOT NULL AND published_at IS NOT NULL)),
        CONSTRAINT ck_list_batches_notice_window CHECK (status <> 'notice' OR (notice_started_at IS NOT NULL AND notice_ends_at > notice_started_at))
      )`);
    // Two live batches with one title in one region would make the public list ambiguous.
    await q.query(`CREATE UNIQUE INDEX uq_list_batches_title ON list_batches(kind, region_code, title) WHERE status <> 'cancelled'`);
    await q.query(`CREATE INDEX idx_list_batches_previous ON list_batches(kind, region_code, published_at DESC) WHERE status = 'published'`);
    await q.query(`
      CREATE TABLE list_batch_items (
        batch_id uuid NOT NULL,
        item_type text NOT NULL CHECK (item_type IN ('scenario','capability')),
        item_id uuid NOT NULL,
        position integer NOT NULL DEFAULT 0,
        added_by uuid REFERENCES users(id) ON DELETE SET NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (batch_id, item_type, item_id),
        -- The composite key makes a scenario in a capability list impossible.
        CONSTRAINT fk_list_batch_items_batch FOREIGN KEY (batch_id, item_type) REFERENCES list_batches(id, kind) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX idx_list_batch_items_item ON list_batch_items(item_type, item_id)`);
    // A batch's items are fixed once it leaves draft (公示 shows them; publishing freezes them), whatever code runs.
    await q.query(`
      CREATE FUNCTION list_batch_items_only_in_draft() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        current_status text;
      BEGIN
        SELECT status INTO current_status FROM list_batches WHERE id = COALESCE(NEW.batch_id, OLD.batch_id);
        IF current_status IS DISTINCT FROM 'draft' THEN
          RAISE EXCEPTION 'list batch % is %, its items can no longer change', COALESCE(NEW.batch_id, OLD.batch_id), current_status
            USING ERRCODE = '23514', CONSTRAINT = 'ck_list_batch_items_draft_only';
        END IF;
        RETURN COALESCE(NEW, OLD);
      END $$`);
    await q.query(`
      CREATE TRIGGER trg_list_batch_items_draft_only BEFORE INSERT OR UPDATE OR DELETE ON list_batch_items
        FOR EACH ROW EXECUTE FUNCTION list_batch_items_only_in_draft()`);
    await q.query(`
      CREATE FUNCTION list_batches_snapshot_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'published' AND (NEW.snapshot IS DISTINCT FROM OLD.snapshot OR NEW.diff IS DISTINCT FROM OLD.diff
            OR NEW.status <> OLD.status OR NEW.published_at IS DISTINCT FROM OLD.published_at OR NEW.title <> OLD.title) THEN
          RAISE EXCEPTION 'published list batch % is immutable', OLD.id USING ERRCODE = '23514', CONSTRAINT = 'ck_list_batches_immutable';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER trg_list_batches_immutable BEFORE UPDATE ON list_batches
        FOR EACH ROW EXECUTE FUNCTION list_batches_snapshot_immutable()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE list_batch_items`);
    await q.query(`DROP TABLE list_batches`);
    await q.query(`DROP FUNCTION list_batch_items_only_in_draft()`);
    await q.query(`DROP FUNCTION list_batches_snapshot_immutable()`);
  }
}
