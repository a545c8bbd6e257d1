// The depositary notifications service (DepositaryNotifications) on its own, on a real database as the service's role:
// one draft per act, numbers C.N.<n>.<year> given in turn without gaps even to issues at once from two connections, a
// draft superseded by the correction that undoes its act, and a circulation queued once with its outbox rows.
import { LedgerTreaty, act, invite } from '../support/ledger';
import { lockParticipant, transition } from '@depositary/accession';
import { Actor, DomainError, ErrorCode, todayUtc } from '@depositary/domain';
import { DepositaryNotifications } from '@depositary/notifications';
import { dataSourceOptions } from '@depositary/persistence';
import { DataSource } from 'typeorm';
import { testConfig } from '../support/app';
import { createTestDatabase } from '../support/databases';

const officer: Actor = {
  id: '00000000-0000-4000-8000-000000000012',
  email: 'officer@notifications.test',
  role: 'officer',
  countryCode: null,
};
const REGISTRY = 'registry@notifications.test';

interface NotificationRow {
  id: number;
  status: string;
  kind: string;
  country_code: string | null;
  event_id: number | null;
  corrects_id: number | null;
  number: string | null;
  year: number | null;
  serial: number | null;
  issued_on: string | null;
  issued_by: string | null;
}

describe('DepositaryNotifications', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: DataSource;
  let service: DepositaryNotifications;
  let treaty: LedgerTreaty;
  const year = Number(todayUtc().slice(0, 4));

  const notification = async (id: number): Promise<NotificationRow> =>
    (
      await db.query(
        `SELECT id::int, status, kind, country_code, event_id::int, corrects_id::int, number, year, serial,
                to_char(issued_on, 'YYYY-MM-DD') AS issued_on, issued_by
         FROM depositary_notifications WHERE id = $1`,
        [id],
      )
    )[0];
  const notificationsOfEvent = (eventId: number): Promise<{ id: number }[]> =>
    db.query(`SELECT id::int FROM depositary_notifications WHERE event_id = $1`, [eventId]);
  const outboxOf = (topic: string, key: string, value: number): Promise<unknown[]> =>
    db.query(`SELECT id FROM outbox WHERE topic = $1 AND (payload->>$2)::bigint = $3`, [topic, key, value]);
  const counter = async (): Promise<number | null> =>
    ((await db.query(`SELECT last FROM depositary_notification_counters WHERE year = $1`, [year]))[0]?.last as number | undefined) ?? null;
  const freeForm = async (subject: string): Promise<number> =>
    (await service.createFreeForm({ treaty: treaty.slug, subject, text: { en: `${subject}.` } })).id;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new DataSource(dataSourceOptions(database.serviceUrl, 4));
    await db.initialize();
    service = new DepositaryNotifications(db, testConfig(database.serviceUrl, { DEPOSITARY_EMAILS: REGISTRY }));
    const [{ id }]: { id: number }[] = await db.query(
      `INSERT INTO treaties (slug, title, opened_for_signature_on, entry_into_force) VALUES ('notified', 'The notified treaty', '2013-12-10', $1)
       RETURNING id`,
      [{ minimumParties: 10, entersIntoForce: {} }],
    );
    treaty = { db, id, slug: 'notified', actor: officer };
    // The officer who issues is a user (issued_by refers to one).
    await db.query(`INSERT INTO users (id, email, name, password_hash, role) VALUES ($1, $2, 'Officer', 'not-a-hash', 'officer')`, [
      officer.id,
      officer.email,
    ]);
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('drafts exactly one notification of an act, however often (or however concurrently) it is asked to', async () => {
    const { hash } = await invite(treaty, 'KAZ');
    expect(hash).toEqual(expect.any(String));
    const [{ id: inviteEventId }]: { id: number }[] = await db.query(`SELECT id::int FROM events WHERE country_code = 'KAZ' AND seq = 1`);
    // An invitation is not an act that is notified.
    expect(await service.draft({ eventId: inviteEventId })).toBeNull();
    expect(await notificationsOfEvent(inviteEventId)).toEqual([]);

    const { event } = await act(treaty, 'KAZ', { action: 'sign', date: '2014-01-10' });
    const id = await service.draft({ eventId: event.id });
    expect(id).toEqual(expect.any(Number));
    expect(await notification(id!)).toEqual({
      id,
      status: 'draft',
      kind: 'sign',
      country_code: 'KAZ',
      event_id: event.id,
      corrects_id: null,
      number: null,
      year: null,
      serial: null,
      issued_on: null,
      issued_by: null,
    });
    expect(await service.draft({ eventId: event.id })).toBeNull();
    expect(await notificationsOfEvent(event.id)).toEqual([{ id }]);

    const { event: ratified } = await act(treaty, 'KAZ', { action: 'ratify', date: '2015-01-20' });
    const drafted = await Promise.all([service.draft({ eventId: ratified.id }), service.draft({ eventId: ratified.id })]);
    expect(drafted.filter((one) => one !== null)).toHaveLength(1);
    expect(await notificationsOfEvent(ratified.id)).toHaveLength(1);
    // Drafting queues no circulation.
    expect(await outboxOf('notification.issued', 'notificationId', id!)).toEqual([]);
  });

  it('issues a draft with the next number of the year, once; a refused issue takes no number', async () => {
    const first = await freeForm('First');
    const second = await freeForm('Second');
    const before = (await counter()) ?? 0;

    const issued = await service.issue(officer, first);
    expect(issued).toMatchObject({ id: first, status: 'issued', number: `C.N.${before + 1}.${year}`, issuedOn: todayUtc() });
    expect(await notification(first)).toMatchObject({
      status: 'issued',
      number: `C.N.${before + 1}.${year}`,
      year,
      serial: before + 1,
      issued_on: todayUtc(),
      issued_by: officer.id,
    });
    expect(await outboxOf('notification.issued', 'notificationId', first)).toHaveLength(1);

    await expect(service.issue(officer, first)).rejects.toEqual(expect.any(DomainError));
    await expect(service.issue(officer, first)).rejects.toMatchObject({
      code: ErrorCode.AlreadyIssued,
      message: `depositary notification ${first} was already issued as C.N.${before + 1}.${year}`,
    });
    await expect(service.issue(officer, 999_999)).rejects.toMatchObject({ code: ErrorCode.NotFound });
    expect(await counter()).toBe(before + 1);
    expect(await outboxOf('notification.issued', 'notificationId', first)).toHaveLength(1);

    expect((await service.issue(officer, second)).number).toBe(`C.N.${before + 2}.${year}`);
    expect(await counter()).toBe(before + 2);
  });

  it('numbers drafts issued at once from two connections consecutively, without gaps or repeats', async () => {
    // Two services, each with a pool of one connection.
    const connections = [
      new DataSource(dataSourceOptions(database.serviceUrl, 1)),
      new DataSource(dataSourceOptions(database.serviceUrl, 1)),
    ];
    try {
      for (const connection of connections) await connection.initialize();
      const services = connections.map((connection) => new DepositaryNotifications(connection, testConfig(database.serviceUrl)));
      const drafts: number[] = [];
      for (let n = 0; n < 12; n++) drafts.push(await freeForm(`Concurrent ${n}`));
      const before = (await counter()) ?? 0;

      const results = await Promise.allSettled(drafts.map((id, n) => services[n % 2].issue(officer, id)));
      expect(results.filter((result) => result.status === 'rejected')).toEqual([]);

      const rows: { serial: number; number: string }[] = await db.query(
        `SELECT serial, number FROM depositary_notifications WHERE id = ANY($1) ORDER BY serial`,
        [drafts],
      );
      const expected = drafts.map((_, n) => before + n + 1);
      expect(rows.map((row) => row.serial)).toEqual(expected);
      expect(rows.map((row) => row.number)).toEqual(expected.map((serial) => `C.N.${serial}.${year}`));
      expect(await counter()).toBe(before + drafts.length);
    } finally {
      for (const connection of connections) if (connection.isInitialized) await connection.destroy();
    }
  });

  it('marks the draft of an act a correction undid superseded, drafts nothing for it, and never issues that draft', async () => {
    await invite(treaty, 'SEN');
    const { event } = await act(treaty, 'SEN', { action: 'sign', date: '2014-02-02' });
    const draft = (await service.draft({ eventId: event.id }))!;
    const correction = await treaty.db.transaction(async (tx) => {
      const { treaty: locked, row, history } = await lockParticipant(tx, treaty.slug, 'SEN', { withHistory: true });
      return transition(tx, locked, row, officer, { action: 'correct', date: todayUtc() }, history);
    });
    expect(correction.event.action).toBe('correct');

    expect(await service.draft({ eventId: correction.event.id })).toBeNull();
    expect(await notificationsOfEvent(correction.event.id)).toEqual([]);
    expect(await notification(draft)).toMatchObject({ status: 'superseded', number: null });

    const before = await counter();
    await expect(service.issue(officer, draft)).rejects.toMatchObject({
      code: ErrorCode.InvalidTransition,
      message: `depositary notification ${draft} is superseded and cannot be issued`,
    });
    expect(await counter()).toBe(before);
    expect(await outboxOf('notification.issued', 'notificationId', draft)).toEqual([]);
  });

  it('drafts the act a correction undid before its draft was written as superseded, whichever job runs first', async () => {
    await invite(treaty, 'EGY');
    const { event } = await act(treaty, 'EGY', { action: 'sign', date: '2014-04-04' });
    const correction = await treaty.db.transaction(async (tx) => {
      const { treaty: locked, row, history } = await lockParticipant(tx, treaty.slug, 'EGY', { withHistory: true });
      return transition(tx, locked, row, officer, { action: 'correct', date: todayUtc() }, history);
    });
    // The correction's job finds no draft to supersede; the act's job then writes its draft superseded.
    expect(await service.draft({ eventId: correction.event.id })).toBeNull();
    const draft = await service.draft({ eventId: event.id });
    expect(draft).toEqual(expect.any(Number));
    expect(await notification(draft!)).toMatchObject({ status: 'superseded', kind: 'sign', event_id: event.id, number: null });
    await expect(service.issue(officer, draft!)).rejects.toMatchObject({ code: ErrorCode.InvalidTransition });
  });

  it('drafts a correction of an issued act’s notification that names the one it corrects', async () => {
    await invite(treaty, 'TUR');
    const { event } = await act(treaty, 'TUR', { action: 'sign', date: '2014-03-03' });
    const original = (await service.draft({ eventId: event.id }))!;
    const { number } = await service.issue(officer, original);
    const correction = await treaty.db.transaction(async (tx) => {
      const { treaty: locked, row, history } = await lockParticipant(tx, treaty.slug, 'TUR', { withHistory: true });
      return transition(tx, locked, row, officer, { action: 'correct', date: todayUtc() }, history);
    });
    const id = (await service.draft({ eventId: correction.event.id }))!;
    expect(await notification(id)).toMatchObject({ status: 'draft', kind: 'correction', country_code: 'TUR', corrects_id: original });
    expect(await notification(original)).toMatchObject({ status: 'issued', number });
    expect((await service.get(officer, id)).corrects).toBe(number);
  });

  it('circulates an issued notification once: a delivery and a delivery.created row per focal point of an invited state and per staff address', async () => {
    await db.query(
      `INSERT INTO focal_points (country_code, name, email, language) VALUES
         ('KAZ', 'Aigerim', 'Aigerim@kaz.test', 'en'), ('KAZ', 'Nurlan', 'nurlan@kaz.test', 'fr'),
         ('SEN', 'Awa', 'awa@sen.test', 'fr'), ('BRA', 'Joana', 'joana@bra.test', 'en')`,
    );
    await db.query(
      `INSERT INTO focal_points (country_code, name, email, language, active) VALUES ('TUR', 'Ali', 'ali@tur.test', 'en', false)`,
    );
    const draft = await freeForm('Circulated');
    // A draft is not circulated.
    expect(await service.circulate(draft)).toBe(0);
    await service.issue(officer, draft);

    expect(await service.circulate(draft)).toBe(4);
    const deliveries: { id: number; kind: string; key: string; recipient: string; country_code: string | null; status: string }[] =
      await db.query(
        `SELECT id::int, kind, key, recipient, country_code, status FROM deliveries WHERE depositary_notification_id = $1 ORDER BY recipient`,
        [draft],
      );
    expect(deliveries.map(({ kind, key, recipient, country_code, status }) => ({ kind, key, recipient, country_code, status }))).toEqual([
      {
        kind: 'depositary_notification',
        key: `dn-${draft}-aigerim@kaz.test`,
        recipient: 'aigerim@kaz.test',
        country_code: 'KAZ',
        status: 'queued',
      },
      {
        kind: 'depositary_notification',
        key: `dn-${draft}-awa@sen.test`,
        recipient: 'awa@sen.test',
        country_code: 'SEN',
        status: 'queued',
      },
      {
        kind: 'depositary_notification',
        key: `dn-${draft}-nurlan@kaz.test`,
        recipient: 'nurlan@kaz.test',
        country_code: 'KAZ',
        status: 'queued',
      },
      { kind: 'depositary_notification', key: `dn-${draft}-${REGISTRY}`, recipient: REGISTRY, country_code: null, status: 'queued' },
    ]);
    for (const delivery of deliveries) expect(await outboxOf('delivery.created', 'deliveryId', delivery.id)).toHaveLength(1);

    // Again, as a worker repeating the job would: nothing more.
    expect(await service.circulate(draft)).toBe(0);
    const [{ n, queued }]: { n: number; queued: number }[] = await db.query(
      `SELECT (SELECT count(*) FROM deliveries WHERE depositary_notification_id = $1)::int AS n,
              (SELECT count(*) FROM outbox WHERE topic = 'delivery.created' AND (payload->>'deliveryId')::bigint = ANY($2))::int AS queued`,
      [draft, deliveries.map((delivery) => delivery.id)],
    );
    expect({ n, queued }).toEqual({ n: 4, queued: 4 });
    expect(await outboxOf('notification.issued', 'notificationId', draft)).toHaveLength(1);
  });
});
