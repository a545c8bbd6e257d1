import { chain } from '@depositary/accession';
import { Actor, EventAction, GENESIS_HASH, ParticipantStatus } from '@depositary/domain';
import { dataSourceOptions, migrate } from '@depositary/persistence';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { TestApp, bearer, startTestApp } from '../support/app';
import { databaseUrl, runDatabaseName, templateDatabase, withAdminClient } from '../support/databases';

/**
 * A database of the first version, which recorded a withdrawal as taking effect the day it was recorded
 * (`withdraw` → `withdrawn`, also from `signed`), upgraded by the migrations: its chains keep verifying, and
 * it reads those withdrawals as notified and effective on their date.
 */
describe('a database of the first version, with immediate withdrawals, upgraded', () => {
  const FIRST_VERSION = MIGRATIONS.findIndex((migration) => migration.name === 'TreatyLaw1765200000000');
  const name = runDatabaseName(Number(templateDatabase().split('_')[2]), `legacy${randomBytes(3).toString('hex')}`);
  const url = databaseUrl(name);
  const officer: Actor = { id: '00000000-0000-4000-8000-000000000001', email: 'officer@first.example', role: 'officer', countryCode: null };
  let t: TestApp;

  /** Writes one participant's history as the first version did: the row, and its chained events. */
  async function writeFirstVersion(
    db: Client,
    treatyId: number,
    code: string,
    events: { action: EventAction; from: ParticipantStatus | null; to: ParticipantStatus; date: string }[],
    row: Record<string, string | null>,
  ): Promise<void> {
    let prevHash = GENESIS_HASH;
    const stored: { hash: string; recordedAt: Date; event: (typeof events)[number] }[] = [];
    events.forEach((event, index) => {
      const recordedAt = new Date(Date.UTC(2019, 0, 1, 0, 0, index));
      const { hash } = chain(
        {
          treatySlug: 'first-version',
          countryCode: code,
          seq: index + 1,
          prevHash,
          ...event,
          actor: event.action === 'admit' ? 'system' : officer,
        },
        recordedAt,
      );
      stored.push({ hash, recordedAt, event });
      prevHash = hash;
    });
    const {
      rows: [participant],
    } = await db.query<{ id: number }>(
      `INSERT INTO participants (treaty_id, country_code, status, version, invited_on, signed_on, deposited_on, instrument, member_since, withdrawn_on, event_count, last_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        treatyId,
        code,
        events.at(-1)!.to,
        events.length,
        events[0].date,
        row.signed_on,
        row.deposited_on,
        row.instrument,
        row.member_since,
        row.withdrawn_on,
        events.length,
        prevHash,
      ],
    );
    let previous = GENESIS_HASH;
    for (const [index, { hash, recordedAt, event }] of stored.entries()) {
      const person = event.action !== 'admit';
      await db.query(
        `INSERT INTO events (participant_id, treaty_slug, country_code, seq, action, from_status, to_status, effective_date, recorded_at,
                             actor_id, actor_email, actor_role, prev_hash, hash)
         VALUES ($1, 'first-version', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          participant.id,
          code,
          index + 1,
          event.action,
          event.from,
          event.to,
          event.date,
          recordedAt,
          person ? officer.id : null,
          person ? officer.email : null,
          person ? officer.role : null,
          previous,
          hash,
        ],
      );
      previous = hash;
    }
  }

  beforeAll(async () => {
    await withAdminClient((client) => client.query(`CREATE DATABASE ${name}`));
    const firstVersion = new DataSource({ ...dataSourceOptions(url, 2), migrations: MIGRATIONS.slice(0, FIRST_VERSION) });
    await firstVersion.initialize();
    await firstVersion.runMigrations();
    await firstVersion.destroy();

    const db = new Client({ connectionString: url });
    await db.connect();
    const {
      rows: [treaty],
    } = await db.query<{ id: number }>(
      `INSERT INTO treaties (slug, title, opened_for_signature_on, entry_into_force, status, threshold_met_on, entry_into_force_on)
       VALUES ('first-version', 'Convention of the first version', '2013-12-10', '{"minimumParties": 1, "entersIntoForce": {}}',
               'in_force', '2015-02-01', '2015-02-01') RETURNING id`,
    );
    await writeFirstVersion(
      db,
      treaty.id,
      'KAZ',
      [
        { action: 'invite', from: null, to: 'invited', date: '2013-12-10' },
        { action: 'sign', from: 'invited', to: 'signed', date: '2014-01-10' },
        { action: 'ratify', from: 'signed', to: 'ratified', date: '2015-02-01' },
        { action: 'admit', from: 'ratified', to: 'member', date: '2015-02-01' },
        { action: 'withdraw', from: 'member', to: 'withdrawn', date: '2016-03-01' },
      ],
      {
        signed_on: '2014-01-10',
        deposited_on: '2015-02-01',
        instrument: 'ratification',
        member_since: '2015-02-01',
        withdrawn_on: '2016-03-01',
      },
    );
    await writeFirstVersion(
      db,
      treaty.id,
      'SEN',
      [
        { action: 'invite', from: null, to: 'invited', date: '2013-12-10' },
        { action: 'sign', from: 'invited', to: 'signed', date: '2014-01-10' },
        { action: 'withdraw', from: 'signed', to: 'withdrawn', date: '2015-05-01' },
      ],
      { signed_on: '2014-01-10', deposited_on: null, instrument: null, member_since: null, withdrawn_on: '2015-05-01' },
    );
    await db.end();

    await migrate(url);
    t = await startTestApp({ databaseUrl: url });
  }, 60_000);

  afterAll(async () => {
    await t?.app.close();
    await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });

  const read = async (path: string) => {
    const res = await t
      .http()
      .get(path)
      .set(...bearer(t.users.auditor));
    expect(res.status).toBe(200);
    return res.body;
  };

  /** Every event the verification should re-hash: the participants' and the configuration's (the test users). */
  const allEvents = async (): Promise<number> => {
    const db = new Client({ connectionString: url });
    await db.connect();
    try {
      const { rows } = await db.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM events)::int + (SELECT count(*) FROM configuration_events)::int AS n`,
      );
      return rows[0].n;
    } finally {
      await db.end();
    }
  };

  it('keeps verifying every chain', async () => {
    expect(await read('/api/audit/verify')).toMatchObject({ ok: true, checked: await allEvents(), firstBroken: null });
  });

  it('reads an immediate withdrawal as one notified and effective on its date', async () => {
    const kaz = await read('/api/treaties/first-version/participants/KAZ');
    expect(kaz).toMatchObject({
      status: 'withdrawn',
      memberSince: '2015-02-01',
      withdrawal: { notifiedOn: '2016-03-01', effectiveOn: '2016-03-01' },
      withdrawnOn: '2016-03-01',
      signature: { kind: 'subject_to_ratification', confirmedOn: null },
    });
    expect([...kaz.allowedActions].sort()).toEqual(['accede', 'accept', 'approve', 'correct', 'ratify']);
    const sen = await read('/api/treaties/first-version/participants/SEN');
    expect(sen).toMatchObject({ status: 'withdrawn', signedOn: '2014-01-10', withdrawnOn: '2015-05-01' });
  });

  it('answers the record as of a day before those withdrawals from the upgraded events', async () => {
    expect(await read('/api/treaties/first-version/participants/KAZ?asOf=2016-02-29')).toMatchObject({
      status: 'member',
      memberSince: '2015-02-01',
      withdrawal: null,
    });
    expect(await read('/api/treaties/first-version/status?asOf=2016-02-29')).toMatchObject({
      status: 'in_force',
      threshold: { current: 1 },
      counts: { member: 1, signed: 1, signatories: 2 },
    });
  });

  it('takes a state that left under the first version back, and the chain still verifies', async () => {
    const rejoined = await t
      .http()
      .post('/api/treaties/first-version/participants/KAZ/actions')
      .set(...bearer(t.users.officer))
      .send({ action: 'accede', date: '2020-01-01' });
    expect(rejoined.status).toBe(201);
    expect(rejoined.body.participant).toMatchObject({ status: 'ratified', instrument: 'accession', withdrawal: null, withdrawnOn: null });
    expect(await read('/api/audit/verify')).toMatchObject({ ok: true, checked: await allEvents(), firstBroken: null });
  });
});
