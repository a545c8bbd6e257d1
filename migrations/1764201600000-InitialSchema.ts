import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764201600000 implements MigrationInterface {
  name = 'InitialSchema1764201600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE countries (code char(3) PRIMARY KEY CHECK (code ~ '^[A-Z]{3}$'), name text NOT NULL)`);
    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        name text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'officer', 'auditor', 'focal_point')),
        country_code char(3) REFERENCES countries (code),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((role = 'focal_point') = (country_code IS NOT NULL))
      )`);
    await db.query(`
      CREATE TABLE treaties (
        id serial PRIMARY KEY,
        slug text NOT NULL UNIQUE,
        title text NOT NULL,
        depositary text,
        opened_for_signature_on date NOT NULL,
        entry_into_force jsonb NOT NULL,
        reminders jsonb NOT NULL DEFAULT '[]',
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'threshold_met', 'in_force')),
        threshold_met_on date,
        entry_into_force_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE participants (
        id serial PRIMARY KEY,
        treaty_id int NOT NULL REFERENCES treaties (id),
        country_code char(3) NOT NULL REFERENCES countries (code),
        status text NOT NULL CHECK (status IN ('invited', 'signed', 'ratified', 'member', 'withdrawn')),
        version int NOT NULL DEFAULT 1,
        invited_on date NOT NULL,
        signed_on date,
        deposited_on date,
        instrument text CHECK (instrument IN ('ratification', 'acceptance', 'approval', 'accession')),
        member_since date,
        withdrawn_on date,
        event_count int NOT NULL DEFAULT 0,
        last_hash char(64) NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (treaty_id, country_code)
      )`);
    await db.query(`
      CREATE TABLE events (
        id bigserial PRIMARY KEY,
        participant_id int NOT NULL REFERENCES participants (id),
        treaty_slug text NOT NULL,
        country_code char(3) NOT NULL,
        seq int NOT NULL,
        action text NOT NULL,
        from_status text,
        to_status text NOT NULL,
        effective_date date NOT NULL,
        recorded_at timestamptz NOT NULL,
        actor_id uuid,
        actor_email text,
        actor_role text,
        reference text,
        note text,
        reason text,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL,
        UNIQUE (participant_id, seq)
      )`);
    await db.query(`CREATE INDEX events_treaty_idx ON events (treaty_slug, id)`);
    await db.query(`CREATE INDEX events_country_idx ON events (country_code, id)`);
    await db.query(`CREATE INDEX events_recorded_at_idx ON events (recorded_at)`);
    await db.query(`
      CREATE FUNCTION events_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'events are append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
      END $$`);
    await db.query(
      `CREATE TRIGGER events_no_update_delete BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION events_are_append_only()`,
    );
    await db.query(
      `CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION events_are_append_only()`,
    );
    await db.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        topic text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        dispatched_at timestamptz
      )`);
    await db.query(`CREATE INDEX outbox_pending_idx ON outbox (id) WHERE dispatched_at IS NULL`);
    await db.query(`
      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL,
        key text NOT NULL,
        request_hash char(64) NOT NULL,
        status_code int,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);
    await db.query(`
      CREATE TABLE focal_points (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        country_code char(3) NOT NULL REFERENCES countries (code),
        name text NOT NULL,
        email text NOT NULL,
        language text NOT NULL CHECK (language IN ('en', 'fr', 'ar')),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (country_code, email)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['focal_points', 'idempotency_keys', 'outbox']) await db.query(`DROP TABLE ${table}`);
    await db.query(`DROP TABLE events`);
    await db.query(`DROP FUNCTION events_are_append_only`);
    for (const table of ['participants', 'treaties', 'users', 'countries']) await db.query(`DROP TABLE ${table}`);
  }
}
