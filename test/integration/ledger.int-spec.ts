import { EventRow, chainedContentOf, lockParticipant, transition } from '@depositary/accession';
import { Actor, DomainError, ErrorCode, GENESIS_HASH, chainHash } from '@depositary/domain';
import { dataSourceOptions } from '@depositary/persistence';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, EntityManager } from 'typeorm';
import { createTestDatabase } from '../support/databases';
import { LedgerTreaty, act as actIn, invite as inviteIn } from '../support/ledger';

// The ledger (libs/accession/src/ledger.ts) on its own, on a real database as the service's role: no HTTP, no mocks.

const SLUG = 'ledger';
const officer: Actor = { id: '00000000-0000-4000-8000-000000000007', email: 'officer@ledger.test', role: 'officer', countryCode: null };

interface OutboxRow {
  topic: string;
  payload: Record<string, unknown>;
}

describe('the ledger', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: DataSource;
  let treatyId: number;

  const participantRow = async (id: number): Promise<Record<string, unknown>> =>
    (await db.query(`SELECT status, version, event_count, last_hash, signed_on, last_act_on FROM participants WHERE id = $1`, [id]))[0];
  const eventsOf = (id: number): Promise<EventRow[]> => db.query(`SELECT * FROM events WHERE participant_id = $1 ORDER BY seq`, [id]);
  const outboxOf = (eventId: number): Promise<OutboxRow[]> =>
    db.query(`SELECT topic, payload FROM outbox WHERE (payload->>'eventId')::bigint = $1 ORDER BY topic`, [eventId]);

  const ledger = (): LedgerTreaty => ({ db, id: treatyId, slug: SLUG, actor: officer });
  const invite = (code: string, invitedOn?: string) => inviteIn(ledger(), code, invitedOn);
  const act = (code: string, body: { action: 'sign' | 'ratify' | 'accede'; date: string }, within?: (tx: EntityManager) => Promise<void>) =>
    actIn(ledger(), code, body, within);

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new DataSource(dataSourceOptions(database.serviceUrl, 4));
    await db.initialize();
    [{ id: treatyId }] = await db.query(
      `INSERT INTO treaties (slug, title, opened_for_signature_on, entry_into_force)
       VALUES ($1, 'The ledger treaty', '2013-12-10', $2) RETURNING id`,
      [SLUG, { minimumParties: 10, countedInstruments: ['ratification', 'accession'], entersIntoForce: {} }],
    );
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('runs as the service role, not the owner of the tables', async () => {
    const [{ role }]: { role: string }[] = await db.query(`SELECT current_user AS role`);
    expect(role).toBe(new URL(database.serviceUrl).username);
  });

  it('appendEvent with KEEP_ROW adds the event and its outbox row and leaves the participant row as it was', async () => {
    const { participantId, hash } = await invite('KAZ');
    expect(await participantRow(participantId)).toEqual({
      status: 'invited',
      version: 1,
      event_count: 1,
      last_hash: hash,
      signed_on: null,
      last_act_on: '2013-12-10',
    });
    const [event] = await eventsOf(participantId);
    expect(event).toMatchObject({ seq: 1, action: 'invite', prev_hash: GENESIS_HASH, hash, to_status: 'invited' });
    expect(chainHash(GENESIS_HASH, chainedContentOf(event))).toBe(hash);
    expect(await outboxOf(event.id)).toEqual([
      { topic: 'participant.changed', payload: { treatyId, participantId, eventId: event.id, requestId: null } },
    ]);
  });

  it('lockParticipant answers the treaty and the row, without its history unless asked', async () => {
    await db.transaction(async (tx) => {
      const locked = await lockParticipant(tx, SLUG, 'KAZ');
      expect(locked.treaty).toEqual({ id: treatyId, slug: SLUG, opened_for_signature_on: '2013-12-10', withdrawal: { months: 12 } });
      expect(locked.row).toMatchObject({ treaty_id: treatyId, country_code: 'KAZ', status: 'invited', version: 1, event_count: 1 });
      expect(locked.row.country_name).toEqual(expect.any(String));
      expect(locked.history).toBeUndefined();
    });
  });

  it('lockParticipant with history answers the events of the row when it counts as many', async () => {
    await db.transaction(async (tx) => {
      const locked = await lockParticipant(tx, SLUG, 'KAZ', { withHistory: true });
      expect(locked.row.event_count).toBe(1);
      expect(locked.history).toEqual([{ action: 'invite', date: '2013-12-10', to: 'invited', details: null }]);
    });
  });

  it('lockParticipant answers 404 for an unknown treaty and for a country that is not a participant', async () => {
    const lock = (slug: string, code: string): Promise<unknown> => db.transaction((tx) => lockParticipant(tx, slug, code));
    await expect(lock('no-such-treaty', 'KAZ')).rejects.toEqual(expect.any(DomainError));
    await expect(lock('no-such-treaty', 'KAZ')).rejects.toMatchObject({
      code: ErrorCode.NotFound,
      message: 'treaty "no-such-treaty" not found',
    });
    await expect(lock(SLUG, 'BRA')).rejects.toMatchObject({
      code: ErrorCode.NotFound,
      message: 'participant BRA of this treaty not found',
    });
  });

  it('transition writes the row, a chained event, participant.changed and the draft of a notification for a person’s act', async () => {
    const { participantId, hash: inviteHash } = await invite('SEN');
    const { participant, event } = await act('SEN', { action: 'sign', date: '2014-01-10' });

    expect(participant).toMatchObject({ status: 'signed', version: 2, event_count: 2, last_hash: event.hash, signed_on: '2014-01-10' });
    expect(await participantRow(participantId)).toEqual({
      status: 'signed',
      version: 2,
      event_count: 2,
      last_hash: event.hash,
      signed_on: '2014-01-10',
      last_act_on: '2014-01-10',
    });

    const stored = await eventsOf(participantId);
    expect(stored.map((row) => row.seq)).toEqual([1, 2]);
    const [, signed] = stored;
    expect(signed).toMatchObject({
      id: event.id,
      action: 'sign',
      from_status: 'invited',
      to_status: 'signed',
      effective_date: '2014-01-10',
      actor_id: officer.id,
      actor_email: officer.email,
      actor_role: 'officer',
      prev_hash: inviteHash,
      hash: event.hash,
    });
    expect(chainHash(signed.prev_hash, chainedContentOf(signed))).toBe(signed.hash);

    expect(await outboxOf(event.id)).toEqual([
      { topic: 'notification.draft', payload: { eventId: event.id, requestId: null } },
      { topic: 'participant.changed', payload: { treatyId, participantId, eventId: event.id, requestId: null } },
    ]);
  });

  it('transition in an import (depositary.import on) drafts no notification, and still queues participant.changed', async () => {
    const { participantId } = await invite('SAU');
    const { event } = await act('SAU', { action: 'accede', date: '2014-02-01' }, async (tx) => {
      await tx.query(`SET LOCAL depositary.import = 'on'`);
    });
    expect(await participantRow(participantId)).toMatchObject({ status: 'ratified', version: 2, event_count: 2, last_hash: event.hash });
    expect((await outboxOf(event.id)).map((row) => row.topic)).toEqual(['participant.changed']);
    // The setting was the transaction's own: the next act drafts again.
    const { event: next } = await act('SEN', { action: 'ratify', date: '2014-03-01' });
    expect((await outboxOf(next.id)).map((row) => row.topic)).toEqual(['notification.draft', 'participant.changed']);
  });

  it('lockParticipant leaves the history out when the row it waited for counts other events than it read', async () => {
    const { participantId } = await invite('EGY');
    const holder = db.createQueryRunner();
    await holder.connect();
    try {
      await holder.startTransaction();
      const held = await lockParticipant(holder.manager, SLUG, 'EGY', { withHistory: true });
      expect(held.history).toHaveLength(1);

      // A second act waits for the lock; its events were read before the wait, its row after.
      const waiting = db.transaction((tx) => lockParticipant(tx, SLUG, 'EGY', { withHistory: true }));
      for (let tries = 0; ; tries++) {
        const [{ n }]: { n: number }[] = await db.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
        );
        if (n > 0) break;
        if (tries > 200) throw new Error('the second lock never waited');
        await sleep(10);
      }
      await transition(holder.manager, held.treaty, held.row, officer, { action: 'sign', date: '2014-04-01' }, held.history);
      await holder.commitTransaction();

      const afterWait = await waiting;
      expect(afterWait.row).toMatchObject({ status: 'signed', event_count: 2, version: 2 });
      expect(afterWait.history).toBeUndefined();
    } finally {
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await holder.release();
    }

    // transition reads the history itself then, and the chain goes on from the act that won.
    const { event } = await act('EGY', { action: 'ratify', date: '2014-05-01' });
    const stored = await eventsOf(participantId);
    expect(stored.map((row) => [row.seq, row.action])).toEqual([
      [1, 'invite'],
      [2, 'sign'],
      [3, 'ratify'],
    ]);
    expect(event.prev_hash).toBe(stored[1].hash);
    for (const row of stored) expect(chainHash(row.prev_hash, chainedContentOf(row))).toBe(row.hash);
  });
});
