import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764680000000 implements MigrationInterface {
  name = 'InitialSchema1764680000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`
      CREATE TABLE regions (
        code varchar(6) PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
        name text NOT NULL,
        level text NOT NULL CHECK (level IN ('province', 'city', 'district')),
        parent_code varchar(6) REFERENCES regions(code)
      )`);
    await q.query(`CREATE INDEX idx_regions_parent ON regions(parent_code)`);
    await q.query(`
      CREATE TABLE domains (
        code text PRIMARY KEY,
        name text NOT NULL UNIQUE,
        system text NOT NULL,
        maps_to text[] NOT NULL DEFAULT '{}',
        aliases text[] NOT NULL DEFAULT '{}'
      )`);
    await q.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
        type text NOT NULL CHECK (type IN ('政府部门','国有企业','民营企业','高校','科研院所','医院','园区','投资机构')),
        credit_code varchar(18) CONSTRAINT uq_organizations_credit_code UNIQUE CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'),
        region_code varchar(6) NOT NULL REFERENCES regions(code),
        roles text[] NOT NULL DEFAULT '{}',
        size text,
        description text,
        domains text[] NOT NULL DEFAULT '{}',
        qualifications jsonb NOT NULL DEFAULT '[]',
        cases jsonb NOT NULL DEFAULT '[]',
        verified_at timestamptz,
        external_key text CONSTRAINT uq_organizations_external_key UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX idx_organizations_region ON organizations(region_code)`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        email text NOT NULL CONSTRAINT uq_users_email UNIQUE CHECK (email = lower(email)),
        display_name text NOT NULL,
        phone text,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('owner','supplier','organizer','expert','admin')),
        jurisdiction_region_code varchar(6) REFERENCES regions(code),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX idx_users_organization ON users(organization_id)`);
    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash text NOT NULL CONSTRAINT uq_refresh_tokens_hash UNIQUE,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX idx_refresh_tokens_user ON refresh_tokens(user_id)`);
    await q.query(`
      CREATE TABLE scenarios (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 80),
        description text NOT NULL DEFAULT '',
        domains text[] NOT NULL DEFAULT '{}',
        region_code varchar(6) REFERENCES regions(code),
        tier text CHECK (tier IN ('小切口高价值场景','行业领域集成式场景','综合性重大场景')),
        stage text CHECK (stage IN ('早期验证场景','融合试验场景','综合推广场景')),
        budget_min_wan numeric(14,2) CHECK (budget_min_wan >= 0),
        budget_max_wan numeric(14,2) CHECK (budget_max_wan >= 0),
        min_trl smallint CHECK (min_trl BETWEEN 1 AND 9),
        deadline date,
        tags text[] NOT NULL DEFAULT '{}',
        landing_conditions text,
        contact jsonb,
        attachments jsonb NOT NULL DEFAULT '[]',
        anonymous boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','returned','approved','published','closed','withdrawn')),
        version integer NOT NULL DEFAULT 1,
        external_key text CONSTRAINT uq_scenarios_external_key UNIQUE,
        submitted_at timestamptz,
        published_at timestamptz,
        closed_at timestamptz,
        outcome jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_scenarios_budget_range CHECK (budget_min_wan IS NULL OR budget_max_wan IS NULL OR budget_min_wan <= budget_max_wan)
      )`);
    await q.query(`CREATE INDEX idx_scenarios_organization ON scenarios(organization_id)`);
    await q.query(`CREATE INDEX idx_scenarios_status ON scenarios(status)`);
    await q.query(`CREATE INDEX idx_scenarios_region ON scenarios(region_code)`);
    await q.query(`
      CREATE TABLE capabilities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 80),
        description text NOT NULL DEFAULT '',
        domains text[] NOT NULL DEFAULT '{}',
        kind text CHECK (kind IN ('技术','产品','解决方案','服务')),
        trl smallint CHECK (trl BETWEEN 1 AND 9),
        region_code varchar(6) REFERENCES regions(code),
        price_min_wan numeric(14,2) CHECK (price_min_wan >= 0),
        price_max_wan numeric(14,2) CHECK (price_max_wan >= 0),
        tags text[] NOT NULL DEFAULT '{}',
        attachments jsonb NOT NULL DEFAULT '[]',
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','returned','verified','published','archived')),
        version integer NOT NULL DEFAULT 1,
        external_key text CONSTRAINT uq_capabilities_external_key UNIQUE,
        submitted_at timestamptz,
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_capabilities_price_range CHECK (price_min_wan IS NULL OR price_max_wan IS NULL OR price_min_wan <= price_max_wan)
      )`);
    await q.query(`CREATE INDEX idx_capabilities_organization ON capabilities(organization_id)`);
    await q.query(`CREATE INDEX idx_capabilities_status ON capabilities(status)`);
    await q.query(`
      CREATE TABLE outbox_events (
        id bigserial PRIMARY KEY,
        aggregate text NOT NULL CHECK (aggregate IN ('scenario','capability','organization')),
        aggregate_id uuid NOT NULL,
        event text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    await q.query(`CREATE INDEX idx_outbox_events_pending ON outbox_events(id) WHERE processed_at IS NULL`);
    await q.query(`
      CREATE TABLE audit_entries (
        id bigserial PRIMARY KEY,
        actor_user_id uuid,
        actor_role text,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        region_code varchar(6),
        before jsonb,
        after jsonb,
        comment text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX idx_audit_entries_entity ON audit_entries(entity_type, entity_id)`);
    await q.query(`CREATE INDEX idx_audit_entries_created ON audit_entries(created_at DESC)`);
    await q.query(`CREATE TABLE seed_runs (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of ['seed_runs', 'audit_entries', 'outbox_events', 'capabilities', 'scenarios', 'refresh_tokens', 'users', 'organizations', 'domains', 'regions']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
