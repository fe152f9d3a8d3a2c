import { MigrationInterface, QueryRunner } from 'typeorm';

export class Matches1764740000000 implements MigrationInterface {
  name = 'Matches1764740000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE matches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        scenario_id uuid NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
        capability_id uuid NOT NULL REFERENCES capabilities(id) ON DELETE CASCADE,
        score double precision NOT NULL CHECK (score >= 0 AND score <= 1),
        breakdown jsonb NOT NULL CHECK (jsonb_typeof(breakdown) = 'array'),
        explanation text NOT NULL,
        scoring_version text NOT NULL,
        scenario_version integer NOT NULL,
        capability_version integer NOT NULL,
        status text NOT NULL DEFAULT 'suggested'
          CHECK (status IN ('suggested','dismissed','interested_owner','interested_supplier','mutual','meeting','landed')),
        listed_for_scenario boolean NOT NULL DEFAULT false,
        listed_for_capability boolean NOT NULL DEFAULT false,
        owner_interested_at timestamptz,
        supplier_interested_at timestamptz,
        dismiss_reason text CHECK (dismiss_reason IN ('技术不匹配','价格超出预算','成熟度不足','地域不便','已有合作方','其他')),
        dismiss_comment text,
        outcome text CHECK (outcome IN ('landed','not_landed')),
        outcome_note text,
        stale_at timestamptz,
        notified_at timestamptz,
        scored_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_matches_pair UNIQUE (scenario_id, capability_id),
        CONSTRAINT ck_matches_mutual_needs_both CHECK (status NOT IN ('mutual','meeting','landed') OR (owner_interested_at IS NOT NULL AND supplier_interested_at IS NOT NULL)),
        CONSTRAINT ck_matches_dismiss_reason CHECK (status <> 'dismissed' OR dismiss_reason IS NOT NULL OR outcome = 'not_landed'),
        CONSTRAINT ck_matches_landed_outcome CHECK (status <> 'landed' OR outcome = 'landed')
      )`);
    await q.query(`CREATE INDEX idx_matches_scenario_score ON matches(scenario_id, score DESC)`);
    await q.query(`CREATE INDEX idx_matches_capability_score ON matches(capability_id, score DESC)`);
    await q.query(`CREATE INDEX idx_matches_status ON matches(status) WHERE status <> 'suggested'`);
    await q.query(`
      CREATE TABLE match_feedback (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        match_id uuid NOT NULL REFERENCES matches(id) ON DELETE CASCADE,
        user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        side text NOT NULL CHECK (side IN ('owner','supplier','organizer')),
        action text NOT NULL CHECK (action IN ('interest','dismiss','contact','meeting','outcome')),
        reason text,
        comment text,
        score double precision,
        scoring_version text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX idx_match_feedback_match ON match_feedback(match_id, created_at)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE match_feedback`);
    await q.query(`DROP TABLE matches`);
  }
}
