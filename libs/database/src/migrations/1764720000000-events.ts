import { MigrationInterface, QueryRunner } from 'typeorm';

/** Matchmaking events, roadshows and experience visits: registrations, meeting requests, the schedule, scores. */
export class Events1764720000000 implements MigrationInterface {
  name = 'Events1764720000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type text NOT NULL CHECK (type IN ('matchmaking','roadshow','experience')),
        title text NOT NULL CHECK (length(title) BETWEEN 2 AND 100),
        description text NOT NULL DEFAULT '',
        domains text[] NOT NULL DEFAULT '{}',
        region_code varchar(6) NOT NULL REFERENCES regions(code),
        venue text,
        online_url text,
        days jsonb NOT NULL DEFAULT '[]',
        breaks jsonb NOT NULL DEFAULT '[]',
        registration_opens_at timestamptz NOT NULL,
        registration_closes_at timestamptz NOT NULL,
        capacity_owner integer NOT NULL CHECK (capacity_owner >= 0),
        capacity_supplier integer NOT NULL CHECK (capacity_supplier >= 0),
        registered_owner_count integer NOT NULL DEFAULT 0,
        registered_supplier_count integer NOT NULL DEFAULT 0,
        slot_minutes integer NOT NULL CHECK (slot_minutes BETWEEN 5 AND 240),
        table_count integer NOT NULL DEFAULT 1 CHECK (table_count BETWEEN 1 AND 500),
        max_meetings_per_participant integer NOT NULL DEFAULT 8 CHECK (max_meetings_per_participant BETWEEN 1 AND 100),
        request_expiry_days integer NOT NULL DEFAULT 3 CHECK (request_expiry_days BETWEEN 1 AND 60),
        meeting_point text,
        meeting_time timestamptz,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published','cancelled','completed')),
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        published_at timestamptz,
        cancelled_at timestamptz,
        completed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_events_registration_window CHECK (registration_opens_at < registration_closes_at),
        -- The capacity guarantee lives here: no code path can seat one more than the capacity.
        CONSTRAINT ck_events_owner_capacity CHECK (registered_owner_count BETWEEN 0 AND capacity_owner),
        CONSTRAINT ck_events_supplier_capacity CHECK (registered_supplier_count BETWEEN 0 AND capacity_supplier)
      )`);
    await q.query(`CREATE INDEX idx_events_status ON events(status, registration_opens_at)`);
    await q.query(`CREATE INDEX idx_events_region ON events(region_code)`);

    await q.query(`
      CREATE TABLE event_registrations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL,
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id),
        registered_by uuid REFERENCES users(id) ON DELETE SET NULL,
        side text NOT NULL CHECK (side IN ('owner','supplier')),
        status text NOT NULL CHECK (status IN ('registered','waitlisted','cancelled')),
        attendees jsonb NOT NULL DEFAULT '[]',
        available_slot_ids text[],
        max_meetings integer CHECK (max_meetings BETWEEN 0 AND 100),
        check_in_code varchar(12) NOT NULL,
        checked_in_at timestamptz,
        no_show boolean NOT NULL DEFAULT false,
        promoted_at timestamptz,
        cancelled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_event_registrations_code UNIQUE (event_id, check_in_code)
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_event_registrations_live ON event_registrations(event_id, organization_id) WHERE status <> 'cancelled'`);
    await q.query(`CREATE INDEX idx_event_registrations_waitlist ON event_registrations(event_id, side, seq) WHERE status = 'waitlisted'`);
    await q.query(`CREATE INDEX idx_event_registrations_org ON event_registrations(organization_id)`);

    await q.query(`
      CREATE TABLE meeting_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        from_registration_id uuid NOT NULL REFERENCES event_registrations(id) ON DELETE CASCADE,
        to_registration_id uuid NOT NULL REFERENCES event_registrations(id) ON DELETE CASCADE,
        owner_registration_id uuid NOT NULL REFERENCES event_registrations(id) ON DELETE CASCADE,
        supplier_registration_id uuid NOT NULL REFERENCES event_registrations(id) ON DELETE CASCADE,
        requested_by uuid REFERENCES users(id) ON DELETE SET NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','accepted','declined','expired','cancelled')),
        mutual boolean NOT NULL DEFAULT false,
        from_suggestion boolean NOT NULL DEFAULT false,
        match_score numeric(6,4),
        message text,
        expires_at timestamptz NOT NULL,
        responded_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_meeting_requests_sides CHECK (owner_registration_id <> supplier_registration_id),
        CONSTRAINT ck_meeting_requests_parties CHECK (
          (from_registration_id = owner_registration_id AND to_registration_id = supplier_registration_id)
          OR (from_registration_id = supplier_registration_id AND to_registration_id = owner_registration_id))
      )`);
    // One live request per pair, whichever side asked: a second ask turns the first into a mutual one.
    await q.query(
      `CREATE UNIQUE INDEX uq_meeting_requests_live_pair ON meeting_requests(event_id, owner_registration_id, supplier_registration_id) WHERE status IN ('pending','accepted')`,
    );
    await q.query(`CREATE INDEX idx_meeting_requests_from ON meeting_requests(from_registration_id, status)`);
    await q.query(`CREATE INDEX idx_meeting_requests_to ON meeting_requests(to_registration_id, status)`);

    await q.query(`
      CREATE TABLE event_schedule_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        requested_by uuid REFERENCES users(id) ON DELETE SET NULL,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','succeeded','failed')),
        job_id text,
        total_priority double precision,
        upper_bound double precision,
        stats jsonb,
        unplaced jsonb NOT NULL DEFAULT '[]',
        warnings jsonb NOT NULL DEFAULT '[]',
        error text,
        started_at timestamptz,
        finished_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX idx_event_schedule_runs_event ON event_schedule_runs(event_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE meetings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        request_key text NOT NULL,
        meeting_request_id uuid REFERENCES meeting_requests(id) ON DELETE SET NULL,
        owner_registration_id uuid NOT NULL REFERENCES event_registrations(id) ON DELETE CASCADE,
        supplier_registration_id uuid NOT NULL REFERENCES event_registrations(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('mutual','accepted','suggested')),
        match_score numeric(6,4),
        priority double precision NOT NULL,
        slot_id text NOT NULL,
        table_no integer NOT NULL CHECK (table_no >= 1),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        locked boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled','cancelled')),
        online_url text,
        run_id uuid REFERENCES event_schedule_runs(id) ON DELETE SET NULL,
        cancelled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_meetings_times CHECK (starts_at < ends_at)
      )`);
    // The hard rules of the schedule, held by the database as well as by the scheduler.
    await q.query(`CREATE UNIQUE INDEX uq_meetings_table_slot ON meetings(event_id, slot_id, table_no) WHERE status = 'scheduled'`);
    await q.query(`CREATE UNIQUE INDEX uq_meetings_owner_slot ON meetings(event_id, owner_registration_id, slot_id) WHERE status = 'scheduled'`);
    await q.query(`CREATE UNIQUE INDEX uq_meetings_supplier_slot ON meetings(event_id, supplier_registration_id, slot_id) WHERE status = 'scheduled'`);
    await q.query(`CREATE UNIQUE INDEX uq_meetings_pair ON meetings(event_id, owner_registration_id, supplier_registration_id) WHERE status = 'scheduled'`);
    await q.query(`CREATE INDEX idx_meetings_event ON meetings(event_id, starts_at)`);

    await q.query(`
      CREATE TABLE meeting_outcomes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        side text NOT NULL CHECK (side IN ('owner','supplier')),
        happened boolean NOT NULL,
        outcome text CHECK (outcome IN ('继续洽谈','达成合作意向','无后续')),
        note text,
        recorded_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_meeting_outcomes_side UNIQUE (meeting_id, side),
        CONSTRAINT ck_meeting_outcomes_outcome CHECK (happened OR outcome IS NULL)
      )`);

    await q.query(`
      CREATE TABLE roadshow_pitches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        registration_id uuid NOT NULL REFERENCES event_registrations(id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position >= 1),
        title text NOT NULL DEFAULT '',
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_roadshow_pitches_position UNIQUE (event_id, position) DEFERRABLE INITIALLY DEFERRED,
        CONSTRAINT uq_roadshow_pitches_registration UNIQUE (event_id, registration_id),
        CONSTRAINT ck_roadshow_pitches_times CHECK (starts_at < ends_at)
      )`);

    await q.query(`
      CREATE TABLE roadshow_scores (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        pitch_id uuid NOT NULL REFERENCES roadshow_pitches(id) ON DELETE CASCADE,
        scorer_user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        scorer_registration_id uuid NOT NULL REFERENCES event_registrations(id) ON DELETE CASCADE,
        technology smallint NOT NULL CHECK (technology BETWEEN 1 AND 10),
        scenario_fit smallint NOT NULL CHECK (scenario_fit BETWEEN 1 AND 10),
        feasibility smallint NOT NULL CHECK (feasibility BETWEEN 1 AND 10),
        team smallint NOT NULL CHECK (team BETWEEN 1 AND 10),
        comment text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_roadshow_scores_scorer UNIQUE (pitch_id, scorer_user_id)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of ['roadshow_scores', 'roadshow_pitches', 'meeting_outcomes', 'meetings', 'event_schedule_runs', 'meeting_requests', 'event_registrations', 'events']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
