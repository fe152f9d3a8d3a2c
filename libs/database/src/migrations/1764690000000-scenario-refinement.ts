import { MigrationInterface, QueryRunner } from 'typeorm';

export class ScenarioRefinement1764690000000 implements MigrationInterface {
  name = 'ScenarioRefinement1764690000000';

  public async up(q: QueryRunner): Promise<void> {
    // Trigram similarity narrows duplicate candidates before they are scored in code; it is a trusted
    // extension (PostgreSQL 13+), so a database owner may create it without superuser rights.
    const available: Array<{ present: boolean }> = await q.query(
      `SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') AS present`,
    );
    if (available[0]?.present) await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await q.query(`
      CREATE TABLE scenario_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        scenario_id uuid NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version >= 1),
        snapshot jsonb NOT NULL,
        changed_fields text[] NOT NULL DEFAULT '{}',
        edited_by uuid REFERENCES users(id) ON DELETE SET NULL,
        editor_role text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_scenario_versions_version UNIQUE (scenario_id, version)
      )`);
    await q.query(`
      CREATE TABLE scenario_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        scenario_id uuid NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
        author_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        author_role text NOT NULL,
        kind text NOT NULL DEFAULT 'comment' CHECK (kind IN ('comment','return')),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
        items text[] NOT NULL DEFAULT '{}'
          CHECK (items <@ ARRAY['problem','core_needs','landing_conditions','budget','timeline','expected_trl']::text[]),
        scenario_version integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX idx_scenario_comments_scenario ON scenario_comments(scenario_id, created_at)`);
    await q.query(`
      CREATE TABLE scenario_confidentiality_acceptances (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        scenario_id uuid NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id),
        terms_version text NOT NULL,
        accepted_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_scenario_confidentiality_acceptances UNIQUE (scenario_id, user_id)
      )`);
    await q.query(`
      CREATE TABLE scenario_detail_views (
        id bigserial PRIMARY KEY,
        scenario_id uuid NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id),
        viewed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX idx_scenario_detail_views_scenario ON scenario_detail_views(scenario_id, viewed_at DESC)`);
    await q.query(`
      CREATE TABLE scenario_duplicates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        scenario_id uuid NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
        candidate_id uuid NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
        similarity numeric(4,3) NOT NULL CHECK (similarity BETWEEN 0 AND 1),
        shared_phrases text[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'suggested' CHECK (status IN ('suggested','linked','merged')),
        merged_into_id uuid REFERENCES scenarios(id) ON DELETE SET NULL,
        detected_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid REFERENCES users(id) ON DELETE SET NULL,
        decided_at timestamptz,
        CONSTRAINT ck_scenario_duplicates_distinct CHECK (scenario_id <> candidate_id),
        CONSTRAINT ck_scenario_duplicates_merge CHECK ((status = 'merged') = (merged_into_id IS NOT NULL)),
        CONSTRAINT ck_scenario_duplicates_merge_side CHECK (merged_into_id IS NULL OR merged_into_id IN (scenario_id, candidate_id)),
        CONSTRAINT uq_scenario_duplicates_pair UNIQUE (scenario_id, candidate_id)
      )`);
    await q.query(`CREATE INDEX idx_scenario_duplicates_candidate ON scenario_duplicates(candidate_id)`);
    await q.query(`
      CREATE TABLE scenario_refinements (
        scenario_id uuid PRIMARY KEY REFERENCES scenarios(id) ON DELETE CASCADE,
        budget_negotiable boolean NOT NULL DEFAULT false,
        readiness jsonb,
        readiness_version integer,
        readiness_checked_at timestamptz,
        merged_into_id uuid REFERENCES scenarios(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_scenario_refinements_not_self CHECK (merged_into_id IS NULL OR merged_into_id <> scenario_id)
      )`);
    await q.query(`CREATE INDEX idx_audit_entries_region ON audit_entries(region_code, created_at DESC)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS idx_audit_entries_region`);
    for (const table of [
      'scenario_refinements',
      'scenario_duplicates',
      'scenario_detail_views',
      'scenario_confidentiality_acceptances',
      'scenario_comments',
      'scenario_versions',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
