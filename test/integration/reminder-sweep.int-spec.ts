// The reminder sweep (ReminderSweep) on its own, on a real database as the service's role: the reminders due on a day
// become one delivery and one delivery.created outbox row per active focal point; a second sweep, or two at once, queue
// nothing twice; a participant has at most maxReminders for a status, and none once it has left that status.
import { Actor, todayUtc } from '@depositary/domain';
import { ReminderSweep } from '@depositary/notifications';
import { dataSourceOptions } from '@depositary/persistence';
import { DataSource } from 'typeorm';
import { createTestDatabase } from '../support/databases';
import { LedgerTreaty, act, invite } from '../support/ledger';

const officer: Actor = { id: '00000000-0000-4000-8000-000000000013', email: 'officer@reminders.test', role: 'officer', countryCode: null };

const today = todayUtc();
const day = (offset: number): string => new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

interface ReminderRow {
  id: number;
  key: string;
  recipient: string;
  country_code: string;
  participant_id: number;
  focal_point_id: string;
  reminder_status: string;
  reminder_number: number;
  status: string;
}

describe('ReminderSweep.sweep', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: DataSource;
  let sweeper: ReminderSweep;
  let treaty: LedgerTreaty;
  const participants: Record<string, number> = {};
  const focalPoints: Record<string, string> = {};

  const reminders = (): Promise<ReminderRow[]> =>
    db.query(
      `SELECT id::int, key, recipient, country_code, participant_id, focal_point_id, reminder_status, reminder_number, status
       FROM deliveries WHERE kind = 'reminder' ORDER BY reminder_number, country_code, recipient`,
    );
  const queuedFor = async (ids: number[]): Promise<number[]> =>
    (
      await db.query(
        `SELECT (payload->>'deliveryId')::int AS id FROM outbox WHERE topic = 'delivery.created' AND (payload->>'deliveryId')::bigint = ANY($1)
         ORDER BY 1`,
        [ids],
      )
    ).map((row: { id: number }) => row.id);
  const sorted = (ids: number[]): number[] => [...ids].sort((a, b) => a - b);
  const summary = async (): Promise<[string, string, number][]> =>
    (await reminders()).map((row) => [row.country_code, row.recipient, row.reminder_number]);

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new DataSource(dataSourceOptions(database.serviceUrl, 4));
    await db.initialize();
    sweeper = new ReminderSweep(db);
    const [{ id }]: { id: number }[] = await db.query(
      `INSERT INTO treaties (slug, title, opened_for_signature_on, entry_into_force, reminders)
       VALUES ('reminded', 'The reminded treaty', '2013-12-10', $1, $2) RETURNING id`,
      [{ minimumParties: 10, entersIntoForce: {} }, JSON.stringify([{ status: 'invited', afterDays: 30, everyDays: 30, maxReminders: 2 }])],
    );
    treaty = { db, id, slug: 'reminded', actor: officer };
    // KAZ and SEN are due a first reminder today, TUR only in 20 days; EGY has signed, which the policy does not remind.
    participants.KAZ = (await invite(treaty, 'KAZ', day(-45))).participantId;
    participants.SEN = (await invite(treaty, 'SEN', day(-45))).participantId;
    participants.TUR = (await invite(treaty, 'TUR', day(-10))).participantId;
    participants.EGY = (await invite(treaty, 'EGY', day(-100))).participantId;
    await act(treaty, 'EGY', { action: 'sign', date: day(-50) });
    const rows: { id: string; email: string }[] = await db.query(
      `INSERT INTO focal_points (country_code, name, email, language, active) VALUES
         ('KAZ', 'Aigerim', 'aigerim@kaz.test', 'en', true), ('KAZ', 'Nurlan', 'nurlan@kaz.test', 'fr', true),
         ('KAZ', 'Former', 'former@kaz.test', 'en', false), ('SEN', 'Awa', 'awa@sen.test', 'fr', true),
         ('TUR', 'Ali', 'ali@tur.test', 'en', true), ('EGY', 'Omar', 'omar@egy.test', 'ar', true),
         ('BRA', 'Joana', 'joana@bra.test', 'en', true)
       RETURNING id, email`,
    );
    for (const row of rows) focalPoints[row.email] = row.id;
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('queues, for each participant due, one reminder and one delivery.created row per active focal point of its country', async () => {
    expect(await sweeper.sweep(today)).toEqual({ enqueued: 3 });
    const rows = await reminders();
    expect(rows.map((row) => ({ ...row, id: undefined }))).toEqual([
      {
        key: `reminder-${participants.KAZ}-invited-1-${focalPoints['aigerim@kaz.test']}`,
        recipient: 'aigerim@kaz.test',
        country_code: 'KAZ',
        participant_id: participants.KAZ,
        focal_point_id: focalPoints['aigerim@kaz.test'],
        reminder_status: 'invited',
        reminder_number: 1,
        status: 'queued',
        id: undefined,
      },
      {
        key: `reminder-${participants.KAZ}-invited-1-${focalPoints['nurlan@kaz.test']}`,
        recipient: 'nurlan@kaz.test',
        country_code: 'KAZ',
        participant_id: participants.KAZ,
        focal_point_id: focalPoints['nurlan@kaz.test'],
        reminder_status: 'invited',
        reminder_number: 1,
        status: 'queued',
        id: undefined,
      },
      {
        key: `reminder-${participants.SEN}-invited-1-${focalPoints['awa@sen.test']}`,
        recipient: 'awa@sen.test',
        country_code: 'SEN',
        participant_id: participants.SEN,
        focal_point_id: focalPoints['awa@sen.test'],
        reminder_status: 'invited',
        reminder_number: 1,
        status: 'queued',
        id: undefined,
      },
    ]);
    const ids = rows.map((row) => row.id);
    expect(await queuedFor(ids)).toEqual(sorted(ids));
  });

  it('queues nothing more on a second sweep the same day, nor on two sweeps at once', async () => {
    const before = await reminders();
    const [{ outbox }]: { outbox: number }[] = await db.query(`SELECT count(*)::int AS outbox FROM outbox`);
    expect(await sweeper.sweep(today)).toEqual({ enqueued: 0 });
    expect(await Promise.all([sweeper.sweep(today), sweeper.sweep(today)])).toEqual([{ enqueued: 0 }, { enqueued: 0 }]);
    expect(await reminders()).toEqual(before);
    expect(await db.query(`SELECT count(*)::int AS outbox FROM outbox`)).toEqual([{ outbox }]);
  });

  it('reminds a country no more once it has done its step, and never one that had done it already', async () => {
    await act(treaty, 'SEN', { action: 'sign', date: today });
    // Two sweeps at once, 30 days on: KAZ's second reminders and TUR's first, each queued by one of them.
    const [one, other] = await Promise.all([sweeper.sweep(day(30)), sweeper.sweep(day(30))]);
    expect(one.enqueued + other.enqueued).toBe(3);
    expect(await summary()).toEqual([
      ['KAZ', 'aigerim@kaz.test', 1],
      ['KAZ', 'nurlan@kaz.test', 1],
      ['SEN', 'awa@sen.test', 1],
      ['TUR', 'ali@tur.test', 1],
      ['KAZ', 'aigerim@kaz.test', 2],
      ['KAZ', 'nurlan@kaz.test', 2],
    ]);
    const rows = await reminders();
    expect(rows.filter((row) => row.participant_id === participants.SEN)).toHaveLength(1);
    expect(rows.filter((row) => row.participant_id === participants.EGY)).toEqual([]);
    const ids = rows.map((row) => row.id);
    expect(await queuedFor(ids)).toEqual(sorted(ids));
  });

  it('stops at maxReminders for a status', async () => {
    // 60 days on: TUR's second reminder; KAZ has had its two.
    expect(await sweeper.sweep(day(60))).toEqual({ enqueued: 1 });
    // 90 days on and later: everyone has had its two, or has moved on.
    expect(await sweeper.sweep(day(90))).toEqual({ enqueued: 0 });
    expect(await sweeper.sweep(day(400))).toEqual({ enqueued: 0 });
    const numbers = (await reminders()).map((row) => [row.country_code, row.reminder_number]);
    expect(numbers).toEqual([
      ['KAZ', 1],
      ['KAZ', 1],
      ['SEN', 1],
      ['TUR', 1],
      ['KAZ', 2],
      ['KAZ', 2],
      ['TUR', 2],
    ]);
    const ids = (await reminders()).map((row) => row.id);
    expect(await queuedFor(ids)).toEqual(sorted(ids));
  });
});
