import { MigrationInterface, QueryRunner } from 'typeorm';

/** 揭榜挂帅: challenges, applications (with consortium members), recommendations, experts, reviews, objections, milestones, acceptance. */
export class Challenges1764730000000 implements MigrationInterface {
  name = 'Challenges1764730000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE challenges (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        region_code varchar(6) NOT NULL REFERENCES regions(code),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        background text NOT NULL DEFAULT '',
        domains text[] NOT NULL DEFAULT '{}',
        indicators jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(indicators) = 'array'),
        deliverables jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(deliverables) = 'array'),
        award_amount numeric(14,2) NOT NULL DEFAULT 0 CHECK (award_amount >= 0),
        eligibility jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(eligibility) = 'object'),
        recommendation jsonb,
        experts_per_application int NOT NULL DEFAULT 5 CHECK (experts_per_application BETWEEN 1 AND 30),
        rubric jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(rubric) = 'array'),
        blind_review boolean NOT NULL DEFAULT true,
        notice_days int NOT NULL DEFAULT 7 CHECK (notice_days BETWEEN 1 AND 60),
        milestone_reminder_lead_hours numeric(10,4) NOT NULL DEFAULT 72 CHECK (milestone_reminder_lead_hours >= 0),
        attachments jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(attachments) = 'array'),
        opens_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published','open','closed','reviewing','notice','awarded','in_progress','accepted','failed','cancelled')),
        notice_started_at timestamptz,
        notice_ends_at timestamptz,
        notice_ended_at timestamptz,
        winner_application_id uuid,
        published_at timestamptz,
        awarded_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_challenges_window CHECK (closes_at > opens_at)
      )`);
    await q.query(`CREATE INDEX idx_challenges_status ON challenges(status, closes_at)`);
    await q.query(`CREATE INDEX idx_challenges_region ON challenges(region_code)`);

    await q.query(`
      CREATE TABLE challenge_applications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        challenge_id uuid NOT NULL REFERENCES challenges(id) ON DELETE CASCADE,
        lead_organization_id uuid NOT NULL REFERENCES organizations(id),
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        seq int NOT NULL,
        summary text NOT NULL DEFAULT '',
        indicator_responses jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(indicator_responses) = 'array'),
        plan jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(plan) = 'array'),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','withdrawn','passed','rejected')),
        formal_check_reason text,
        formal_checked_at timestamptz,
        submitted_at timestamptz,
        withdrawn_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_challenge_applications_seq UNIQUE (challenge_id, seq),
        CONSTRAINT ck_challenge_applications_reason CHECK (status <> 'rejected' OR formal_check_reason IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX idx_challenge_applications_challenge ON challenge_applications(challenge_id, status)`);
    await q.query(
      `ALTER TABLE challenges ADD CONSTRAINT fk_challenges_winner FOREIGN KEY (winner_application_id) REFERENCES challenge_applications(id)`,
    );

    // "One live application per organization per challenge, as lead or member": the partial unique index is the rule.
    await q.query(`
      CREATE TABLE challenge_application_members (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES challenge_applications(id) ON DELETE CASCADE,
        challenge_id uuid NOT NULL REFERENCES challenges(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id),
        role text NOT NULL CHECK (role IN ('lead','member')),
        status text NOT NULL CHECK (status IN ('invited','confirmed','declined')),
        live boolean NOT NULL DEFAULT true,
        responded_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_challenge_members_application_org UNIQUE (application_id, organization_id),
        CONSTRAINT ck_challenge_members_live CHECK (NOT live OR status <> 'declined')
      )`);
    await q.query(
      `CREATE UNIQUE INDEX uq_challenge_members_live_org ON challenge_application_members(challenge_id, organization_id) WHERE live`,
    );
    await q.query(`CREATE INDEX idx_challenge_members_org ON challenge_application_members(organization_id)`);

    await q.query(`
      CREATE TABLE challenge_recommendations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        challenge_id uuid NOT NULL REFERENCES challenges(id) ON DELETE CASCADE,
        application_id uuid NOT NULL REFERENCES challenge_applications(id) ON DELETE CASCADE,
        level text NOT NULL CHECK (level IN ('county','city','province')),
        region_code varchar(6) NOT NULL REFERENCES regions(code),
        recommended_by uuid REFERENCES users(id) ON DELETE SET NULL,
        comment text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_challenge_recommendations_level UNIQUE (application_id, level)
      )`);
    await q.query(`CREATE INDEX idx_challenge_recommendations_body ON challenge_recommendations(challenge_id, region_code)`);

    await q.query(`
      CREATE TABLE expert_profiles (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        domains text[] NOT NULL DEFAULT '{}',
        title text,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE challenge_expert_conflicts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        challenge_id uuid NOT NULL REFERENCES challenges(id) ON DELETE CASCADE,
        expert_user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        application_id uuid REFERENCES challenge_applications(id) ON DELETE CASCADE,
        organization_id uuid REFERENCES organizations(id),
        reason text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_challenge_conflicts_target CHECK (application_id IS NOT NULL OR organization_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX idx_challenge_conflicts_challenge ON challenge_expert_conflicts(challenge_id, expert_user_id)`);

    await q.query(`
      CREATE TABLE challenge_review_assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        challenge_id uuid NOT NULL REFERENCES challenges(id) ON DELETE CASCADE,
        application_id uuid NOT NULL REFERENCES challenge_applications(id) ON DELETE CASCADE,
        expert_user_id uuid NOT NULL REFERENCES users(id),
        scores jsonb,
        weighted_total numeric(8,4),
        submitted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_challenge_assignments_pair UNIQUE (application_id, expert_user_id),
        CONSTRAINT ck_challenge_assignments_scored CHECK ((submitted_at IS NULL) = (scores IS NULL))
      )`);
    await q.query(`CREATE INDEX idx_challenge_assignments_expert ON challenge_review_assignments(expert_user_id, challenge_id)`);

    await q.query(`
      CREATE TABLE challenge_results (
        application_id uuid PRIMARY KEY REFERENCES challenge_applications(id) ON DELETE CASCADE,
        challenge_id uuid NOT NULL REFERENCES challenges(id) ON DELETE CASCADE,
        rank int NOT NULL CHECK (rank >= 1),
        final_score numeric(8,4) NOT NULL,
        expert_count int NOT NULL,
        dropped_extremes boolean NOT NULL,
        tie_break_score numeric(8,4) NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_challenge_results_rank UNIQUE (challenge_id, rank)
      )`);

    await q.query(`
      CREATE TABLE challenge_objections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        challenge_id uuid NOT NULL REFERENCES challenges(id) ON DELETE CASCADE,
        filed_by uuid REFERENCES users(id) ON DELETE SET NULL,
        content text NOT NULL CHECK (length(content) BETWEEN 1 AND 4000),
        answer text,
        answered_by uuid REFERENCES users(id) ON DELETE SET NULL,
        answered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_challenge_objections_answer CHECK ((answer IS NULL) = (answered_at IS NULL))
      )`);
    await q.query(`CREATE INDEX idx_challenge_objections_open ON challenge_objections(challenge_id) WHERE answered_at IS NULL`);

    await q.query(`
      CREATE TABLE challenge_milestones (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        challenge_id uuid NOT NULL REFERENCES challenges(id) ON DELETE CASCADE,
        application_id uuid NOT NULL REFERENCES challenge_applications(id),
        seq int NOT NULL CHECK (seq >= 1),
        title text NOT NULL,
        deliverable text NOT NULL DEFAULT '',
        due_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','done')),
        progress_percent int NOT NULL DEFAULT 0 CHECK (progress_percent BETWEEN 0 AND 100),
        reports jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(reports) = 'array'),
        completed_at timestamptz,
        reminded_at timestamptz,
        escalated_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_challenge_milestones_seq UNIQUE (challenge_id, seq)
      )`);

    await q.query(`
      CREATE TABLE challenge_acceptance_reviews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        challenge_id uuid NOT NULL REFERENCES challenges(id) ON DELETE CASCADE,
        expert_user_id uuid NOT NULL REFERENCES users(id),
        passed boolean,
        comment text,
        submitted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_challenge_acceptance_pair UNIQUE (challenge_id, expert_user_id),
        CONSTRAINT ck_challenge_acceptance_verdict CHECK ((passed IS NULL) = (submitted_at IS NULL))
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE challenges DROP CONSTRAINT fk_challenges_winner`);
    for (const table of [
      'challenge_acceptance_reviews',
      'challenge_milestones',
      'challenge_objections',
      'challenge_results',
      'challenge_review_assignments',
      'challenge_expert_conflicts',
      'expert_profiles',
      'challenge_recommendations',
      'challenge_application_members',
      'challenge_applications',
      'challenges',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
