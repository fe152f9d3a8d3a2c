import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Supply side: responses (bids) to published scenarios and the capabilities they cite.
 * "One live response per supplier organization per scenario" lives in a partial unique index: a
 * response stops being live when it is withdrawn or rejected, so the supplier may respond again.
 * Linked capabilities must belong to the responding organization; composite foreign keys enforce it.
 */
export class Supply1764700000000 implements MigrationInterface {
  name = 'Supply1764700000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organizations ADD CONSTRAINT ck_organizations_qualifications_array CHECK (jsonb_typeof(qualifications) = 'array')`);
    await q.query(`ALTER TABLE organizations ADD CONSTRAINT ck_organizations_cases_array CHECK (jsonb_typeof(cases) = 'array')`);
    await q.query(`ALTER TABLE capabilities ADD CONSTRAINT ck_capabilities_attachments_array CHECK (jsonb_typeof(attachments) = 'array')`);
    // Target of the composite foreign key below (id alone is already unique; the pair makes ownership checkable).
    await q.query(`ALTER TABLE capabilities ADD CONSTRAINT uq_capabilities_id_organization UNIQUE (id, organization_id)`);
    await q.query(`
      CREATE TABLE scenario_responses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        scenario_id uuid NOT NULL REFERENCES scenarios(id) ON DELETE RESTRICT,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE RESTRICT,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        approach text NOT NULL CHECK (length(approach) BETWEEN 1 AND 5000),
        price_wan numeric(14,2) CHECK (price_wan >= 0),
        schedule text NOT NULL DEFAULT '' CHECK (length(schedule) <= 2000),
        attachments jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(attachments) = 'array'),
        status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted','shortlisted','accepted','rejected','withdrawn')),
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        decision_comment text,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        shortlisted_at timestamptz,
        decided_at timestamptz,
        withdrawn_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_scenario_responses_id_organization UNIQUE (id, organization_id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX uq_scenario_responses_live ON scenario_responses(scenario_id, organization_id) WHERE status IN ('submitted','shortlisted','accepted')`,
    );
    await q.query(`CREATE INDEX idx_scenario_responses_scenario ON scenario_responses(scenario_id, submitted_at)`);
    await q.query(`CREATE INDEX idx_scenario_responses_organization ON scenario_responses(organization_id, submitted_at DESC)`);
    await q.query(`
      CREATE TABLE scenario_response_capabilities (
        response_id uuid NOT NULL,
        capability_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        PRIMARY KEY (response_id, capability_id),
        CONSTRAINT fk_src_response FOREIGN KEY (response_id, organization_id) REFERENCES scenario_responses(id, organization_id) ON DELETE CASCADE,
        CONSTRAINT fk_src_capability FOREIGN KEY (capability_id, organization_id) REFERENCES capabilities(id, organization_id) ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX idx_scenario_response_capabilities_capability ON scenario_response_capabilities(capability_id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS scenario_response_capabilities`);
    await q.query(`DROP TABLE IF EXISTS scenario_responses`);
    await q.query(`ALTER TABLE capabilities DROP CONSTRAINT IF EXISTS uq_capabilities_id_organization`);
    await q.query(`ALTER TABLE capabilities DROP CONSTRAINT IF EXISTS ck_capabilities_attachments_array`);
    await q.query(`ALTER TABLE organizations DROP CONSTRAINT IF EXISTS ck_organizations_cases_array`);
    await q.query(`ALTER TABLE organizations DROP CONSTRAINT IF EXISTS ck_organizations_qualifications_array`);
  }
}
