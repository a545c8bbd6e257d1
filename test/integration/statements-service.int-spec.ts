// The statements service (StatementsService) on its own, on a real database as the service's role: each statement,
// confirmation and withdrawal is an event of its participant's chain beside a statements row; a refused one writes
// nothing; a read as of a day leaves out what came later.
import { EventRow, StatementsService, chainedContentOf } from '@depositary/accession';
import { Actor, DomainError, ErrorCode, chainHash } from '@depositary/domain';
import { dataSourceOptions } from '@depositary/persistence';
import { DataSource } from 'typeorm';
import { createTestDatabase } from '../support/databases';
import { LedgerTreaty, act, invite } from '../support/ledger';

const officer: Actor = { id: '00000000-0000-4000-8000-000000000011', email: 'officer@statements.test', role: 'officer', countryCode: null };

interface Counts {
  events: number;
  statements: number;
  outbox: number;
}

describe('StatementsService', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: DataSource;
  let service: StatementsService;
  let treaty: LedgerTreaty;
  let prohibiting: LedgerTreaty;

  const createTreaty = async (slug: string, reservations: 'permitted' | 'prohibited'): Promise<LedgerTreaty> => {
    const [{ id }]: { id: number }[] = await db.query(
      `INSERT INTO treaties (slug, title, opened_for_signature_on, entry_into_force, reservations)
       VALUES ($1, $2, '2013-12-10', $3, $4) RETURNING id`,
      [slug, `The ${slug} treaty`, { minimumParties: 10, entersIntoForce: {} }, reservations],
    );
    return { db, id, slug, actor: officer };
  };
  const participantOf = async (
    t: LedgerTreaty,
    code: string,
  ): Promise<{ id: number; status: string; event_count: number; last_hash: string }> =>
    (
      await db.query(`SELECT id, status, event_count, last_hash FROM participants WHERE treaty_id = $1 AND country_code = $2`, [t.id, code])
    )[0];
  const eventsOf = (participantId: number): Promise<EventRow[]> =>
    db.query(`SELECT * FROM events WHERE participant_id = $1 ORDER BY seq`, [participantId]);
  const statementRow = async (id: number): Promise<Record<string, unknown>> =>
    (
      await db.query(
        `SELECT participant_id, treaty_id, country_code, kind, to_char(made_on, 'YYYY-MM-DD') AS made_on, at, text, objects_to,
                to_char(confirmed_on, 'YYYY-MM-DD') AS confirmed_on, to_char(withdrawn_on, 'YYYY-MM-DD') AS withdrawn_on, event_id
         FROM statements WHERE id = $1`,
        [id],
      )
    )[0];
  const outboxTopicsOf = async (eventId: number): Promise<string[]> =>
    (await db.query(`SELECT topic FROM outbox WHERE (payload->>'eventId')::bigint = $1 ORDER BY topic`, [eventId])).map(
      (row: { topic: string }) => row.topic,
    );
  const counts = async (): Promise<Counts> =>
    (
      await db.query(
        `SELECT (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM statements)::int AS statements,
                (SELECT count(*) FROM outbox)::int AS outbox`,
      )
    )[0];

  /** The participant's newest event follows its previous one (seq, prev_hash), its hash is its content's, and the row points at it. */
  const expectAppended = async (t: LedgerTreaty, code: string, before: { event_count: number; last_hash: string }): Promise<EventRow> => {
    const participant = await participantOf(t, code);
    const events = await eventsOf(participant.id);
    const last = events.at(-1)!;
    expect(events).toHaveLength(before.event_count + 1);
    expect(last.seq).toBe(before.event_count + 1);
    expect(last.prev_hash).toBe(before.last_hash);
    expect(chainHash(last.prev_hash, chainedContentOf(last))).toBe(last.hash);
    expect(participant).toMatchObject({ event_count: before.event_count + 1, last_hash: last.hash });
    return last;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new DataSource(dataSourceOptions(database.serviceUrl, 4));
    await db.initialize();
    service = new StatementsService(db);
    treaty = await createTreaty('statements', 'permitted');
    prohibiting = await createTreaty('no-reservations', 'prohibited');
    for (const code of ['KAZ', 'SEN', 'TUR']) await invite(treaty, code);
    await invite(prohibiting, 'KAZ');
    await act(treaty, 'KAZ', { action: 'sign', date: '2014-01-10' });
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  let reservationId: number;
  let declarationId: number;

  it('records a reservation at signature as a `state` event of the chain and a statements row, leaving the status as it was', async () => {
    const before = await participantOf(treaty, 'KAZ');
    const { statement, event } = await service.make(officer, treaty.slug, 'KAZ', {
      kind: 'reservation',
      date: '2014-01-10',
      text: { en: 'Article 5 does not bind KAZ.', fr: "L'article 5 ne lie pas le KAZ." },
    });
    reservationId = statement.id;
    const stored = await expectAppended(treaty, 'KAZ', before);
    expect(stored).toMatchObject({
      id: event.id,
      action: 'state',
      from_status: 'signed',
      to_status: 'signed',
      effective_date: '2014-01-10',
      actor_id: officer.id,
      details: { statement: String(statement.id), kind: 'reservation', at: 'signature', textHash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect((await participantOf(treaty, 'KAZ')).status).toBe('signed');
    expect(await statementRow(statement.id)).toEqual({
      participant_id: before.id,
      treaty_id: treaty.id,
      country_code: 'KAZ',
      kind: 'reservation',
      made_on: '2014-01-10',
      at: 'signature',
      text: { en: 'Article 5 does not bind KAZ.', fr: "L'article 5 ne lie pas le KAZ." },
      objects_to: null,
      confirmed_on: null,
      withdrawn_on: null,
      event_id: event.id,
    });
    expect(statement).toMatchObject({ kind: 'reservation', at: 'signature', confirmed: false, eventId: event.id, objections: [] });
    // Its follow-up work is queued with it: the participant's change and the draft of a depositary notification.
    expect(await outboxTopicsOf(event.id)).toEqual(['notification.draft', 'participant.changed']);
  });

  it('records a declaration and an objection to it, each on its own state’s chain, the objection linked to what it objects to', async () => {
    const senBefore = await participantOf(treaty, 'SEN');
    const declared = await service.make(officer, treaty.slug, 'SEN', { kind: 'declaration', date: '2014-02-03', text: 'SEN declares.' });
    declarationId = declared.statement.id;
    const declarationEvent = await expectAppended(treaty, 'SEN', senBefore);
    expect(declarationEvent).toMatchObject({
      action: 'state',
      details: { statement: String(declarationId), kind: 'declaration', at: 'later' },
    });
    expect(await statementRow(declarationId)).toMatchObject({
      kind: 'declaration',
      at: 'later',
      text: 'SEN declares.',
      event_id: declarationEvent.id,
    });

    const turBefore = await participantOf(treaty, 'TUR');
    const objected = await service.make(officer, treaty.slug, 'TUR', {
      kind: 'objection',
      date: '2014-03-04',
      text: 'TUR objects.',
      objectsTo: declarationId,
    });
    const objectionEvent = await expectAppended(treaty, 'TUR', turBefore);
    expect(objectionEvent.details).toMatchObject({
      statement: String(objected.statement.id),
      kind: 'objection',
      objectsTo: String(declarationId),
    });
    expect(await statementRow(objected.statement.id)).toMatchObject({
      country_code: 'TUR',
      kind: 'objection',
      objects_to: declarationId,
      event_id: objectionEvent.id,
    });
    // The SEN chain was not touched by TUR's objection.
    expect((await participantOf(treaty, 'SEN')).event_count).toBe(senBefore.event_count + 1);
    const [declaration] = await service.list(officer, treaty.slug, { country: 'SEN' });
    expect(declaration).toMatchObject({ id: declarationId, objections: [objected.statement.id] });
  });

  it('confirms a reservation made at signature with a `confirm_statement` event, once', async () => {
    await act(treaty, 'KAZ', { action: 'ratify', date: '2015-01-20' });
    const before = await participantOf(treaty, 'KAZ');
    const { statement, event } = await service.confirm(officer, treaty.slug, 'KAZ', reservationId, '2015-01-20');
    const stored = await expectAppended(treaty, 'KAZ', before);
    expect(stored).toMatchObject({
      id: event.id,
      action: 'confirm_statement',
      from_status: 'ratified',
      to_status: 'ratified',
      effective_date: '2015-01-20',
      details: { statement: String(reservationId), kind: 'reservation' },
    });
    expect(await statementRow(reservationId)).toMatchObject({ confirmed_on: '2015-01-20', withdrawn_on: null });
    expect(statement).toMatchObject({ confirmed: true, confirmedOn: '2015-01-20' });

    const written = await counts();
    const again = service.confirm(officer, treaty.slug, 'KAZ', reservationId, '2015-02-01');
    await expect(again).rejects.toEqual(expect.any(DomainError));
    await expect(service.confirm(officer, treaty.slug, 'KAZ', reservationId, '2015-02-01')).rejects.toMatchObject({
      code: ErrorCode.InvalidTransition,
      message: `statement ${reservationId} cannot be confirmed: it was confirmed on 2015-01-20`,
    });
    expect(await counts()).toEqual(written);
    expect(await statementRow(reservationId)).toMatchObject({ confirmed_on: '2015-01-20' });
  });

  it('withdraws a statement with a `withdraw_statement` event; the row stays, dated withdrawn, and a second withdrawal is refused', async () => {
    const before = await participantOf(treaty, 'SEN');
    const { statement, event } = await service.withdraw(officer, treaty.slug, 'SEN', declarationId, '2016-05-05');
    const stored = await expectAppended(treaty, 'SEN', before);
    expect(stored).toMatchObject({
      id: event.id,
      action: 'withdraw_statement',
      effective_date: '2016-05-05',
      details: { statement: String(declarationId), kind: 'declaration' },
    });
    expect(await outboxTopicsOf(event.id)).toEqual(['notification.draft', 'participant.changed']);
    expect(await statementRow(declarationId)).toMatchObject({ kind: 'declaration', made_on: '2014-02-03', withdrawn_on: '2016-05-05' });
    expect(statement.withdrawnOn).toBe('2016-05-05');

    const written = await counts();
    await expect(service.withdraw(officer, treaty.slug, 'SEN', declarationId, '2016-06-01')).rejects.toMatchObject({
      code: ErrorCode.InvalidTransition,
    });
    expect(await counts()).toEqual(written);
  });

  it('refuses to confirm a reservation that was withdrawn, and writes nothing', async () => {
    const other = await createTreaty('withdrawn-reservations', 'permitted');
    await invite(other, 'EGY');
    await act(other, 'EGY', { action: 'sign', date: '2014-01-10' });
    const { statement } = await service.make(officer, other.slug, 'EGY', {
      kind: 'reservation',
      date: '2014-01-10',
      text: 'Not article 7.',
    });
    await service.withdraw(officer, other.slug, 'EGY', statement.id, '2014-06-01');
    await act(other, 'EGY', { action: 'ratify', date: '2015-01-20' });

    const written = await counts();
    await expect(service.confirm(officer, other.slug, 'EGY', statement.id, '2015-01-20')).rejects.toMatchObject({
      code: ErrorCode.InvalidTransition,
      message: `statement ${statement.id} cannot be confirmed: it was withdrawn on 2014-06-01`,
    });
    expect(await counts()).toEqual(written);
    expect(await statementRow(statement.id)).toMatchObject({ confirmed_on: null, withdrawn_on: '2014-06-01' });
  });

  it('refuses a confirmation or a withdrawal dated before the statement, and a withdrawal dated before its confirmation', async () => {
    const other = await createTreaty('dated-statements', 'permitted');
    await invite(other, 'EGY');
    await act(other, 'EGY', { action: 'sign', date: '2014-01-10' });
    const { statement } = await service.make(officer, other.slug, 'EGY', {
      kind: 'reservation',
      date: '2014-02-01',
      text: 'Not article 8.',
    });
    await act(other, 'EGY', { action: 'ratify', date: '2015-01-20' });

    const written = await counts();
    for (const change of [service.confirm.bind(service), service.withdraw.bind(service)])
      await expect(change(officer, other.slug, 'EGY', statement.id, '2014-01-15')).rejects.toMatchObject({
        code: ErrorCode.InvalidDate,
        message: "date 2014-01-15 is before the participant's previous act on 2014-02-01",
      });
    expect(await counts()).toEqual(written);
    await service.confirm(officer, other.slug, 'EGY', statement.id, '2015-01-20');
    const confirmed = await counts();
    await expect(service.withdraw(officer, other.slug, 'EGY', statement.id, '2014-06-01')).rejects.toMatchObject({
      code: ErrorCode.InvalidDate,
      message: "date 2014-06-01 is before the participant's previous act on 2015-01-20",
    });
    expect(await counts()).toEqual(confirmed);
    expect(await statementRow(statement.id)).toMatchObject({ confirmed_on: '2015-01-20', withdrawn_on: null });
  });

  it('refuses a reservation to a treaty that prohibits them, and writes no event, no statement and no outbox row', async () => {
    const before = await counts();
    const participant = await participantOf(prohibiting, 'KAZ');
    const refused = service.make(officer, prohibiting.slug, 'KAZ', { kind: 'reservation', date: '2014-01-10', text: 'Not article 5.' });
    await expect(refused).rejects.toEqual(expect.any(DomainError));
    await expect(refused).rejects.toMatchObject({
      code: ErrorCode.ReservationsProhibited,
      message: 'the treaty "no-reservations" prohibits reservations',
    });
    expect(await counts()).toEqual(before);
    expect(await participantOf(prohibiting, 'KAZ')).toEqual(participant);
    const [{ n }]: { n: number }[] = await db.query(`SELECT count(*)::int AS n FROM statements WHERE treaty_id = $1`, [prohibiting.id]);
    expect(n).toBe(0);

    // A declaration is no reservation: the same treaty takes it.
    const { statement } = await service.make(officer, prohibiting.slug, 'KAZ', {
      kind: 'declaration',
      date: '2014-01-10',
      text: 'KAZ declares.',
    });
    expect(await statementRow(statement.id)).toMatchObject({ treaty_id: prohibiting.id, kind: 'declaration' });
  });

  it('refuses an objection to a statement it does not know, or that is of another treaty, and writes nothing', async () => {
    const [{ next }]: { next: number }[] = await db.query(`SELECT coalesce(max(id), 0)::int + 1000 AS next FROM statements`);
    const [{ id: otherTreatyStatement }]: { id: number }[] = await db.query(`SELECT id FROM statements WHERE treaty_id = $1`, [
      prohibiting.id,
    ]);
    const before = await counts();
    const participant = await participantOf(treaty, 'TUR');
    for (const objectsTo of [next, otherTreatyStatement]) {
      await expect(
        service.make(officer, treaty.slug, 'TUR', { kind: 'objection', date: '2014-04-01', text: 'TUR objects.', objectsTo }),
      ).rejects.toMatchObject({ code: ErrorCode.NotFound, message: `statement ${objectsTo} of this treaty not found` });
    }
    // Nor to its own statement.
    await expect(
      service.make(officer, treaty.slug, 'KAZ', { kind: 'objection', date: '2015-03-01', text: 'KAZ objects.', objectsTo: reservationId }),
    ).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
    expect(await counts()).toEqual(before);
    expect(await participantOf(treaty, 'TUR')).toEqual(participant);
  });

  it('reads as of a day only the statements made by then, with a confirmation or a withdrawal only from its day', async () => {
    const ids = async (asOf?: string): Promise<number[]> => (await service.list(officer, treaty.slug, { asOf })).map((s) => s.id);
    const [objection] = await service.list(officer, treaty.slug, { kind: 'objection' });

    expect(await ids('2014-01-09')).toEqual([]);
    expect(await ids('2014-01-10')).toEqual([reservationId]);
    expect(await ids('2014-02-03')).toEqual([reservationId, declarationId]);
    expect(await ids('2014-03-04')).toEqual([reservationId, declarationId, objection.id]);
    expect(await ids()).toEqual([reservationId, declarationId, objection.id]);

    const on = async (asOf: string, id: number) => (await service.list(officer, treaty.slug, { asOf })).find((s) => s.id === id)!;
    // Before the objection was made, the declaration had none.
    expect((await on('2014-03-03', declarationId)).objections).toEqual([]);
    expect((await on('2014-03-04', declarationId)).objections).toEqual([objection.id]);
    expect(await on('2015-01-19', reservationId)).toMatchObject({ confirmed: false, confirmedOn: null });
    expect(await on('2015-01-20', reservationId)).toMatchObject({ confirmed: true, confirmedOn: '2015-01-20' });
    expect((await on('2016-05-04', declarationId)).withdrawnOn).toBeNull();
    expect((await on('2016-05-05', declarationId)).withdrawnOn).toBe('2016-05-05');

    // The same of one participant, read in a transaction of the caller's.
    const kaz = await db.transaction((tx) => service.ofParticipant(tx, treaty.slug, 'KAZ', '2014-01-09'));
    expect(kaz).toEqual([]);
  });
});
