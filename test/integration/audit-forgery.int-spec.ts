import { chainedContentOf, EventRow } from '@depositary/accession';
import { chainHash } from '@depositary/domain';
import { createPublicKey, verify as verifySignature } from 'node:crypto';
import { Client } from 'pg';
import { TestApp, bearer, createTreaty, startTestApp, startWorker } from '../support/app';
import { eventually } from '../support/smtp-sink';

// What an insider with write access to the database could do, and how verification notices it.

const SLUG = 'forgery';

async function verify(t: TestApp): Promise<{ ok: boolean; checked: number; firstBroken: Record<string, unknown> | null }> {
  const res = await t
    .http()
    .get('/api/audit/verify')
    .set(...bearer(t.users.auditor));
  expect(res.status).toBe(200);
  return res.body;
}

async function setup(): Promise<{ t: TestApp; db: Client }> {
  const t = await startTestApp();
  await createTreaty(t, SLUG, ['KAZ', 'SAU', 'SEN']);
  for (const [code, body] of [
    ['KAZ', { action: 'sign', date: '2014-01-15' }],
    ['KAZ', { action: 'ratify', date: '2016-06-01' }],
    ['SEN', { action: 'sign', date: '2014-02-20' }],
  ] as const) {
    const res = await t
      .http()
      .post(`/api/treaties/${SLUG}/participants/${code}/actions`)
      .set(...bearer(t.users.officer))
      .send(body);
    expect(res.status).toBe(201);
  }
  // The owner of the tables, as an insider with the migration role would connect.
  const db = new Client({ connectionString: t.databaseUrl });
  await db.connect();
  return { t, db };
}

const participantId = async (db: Client, country: string): Promise<number> =>
  (
    await db.query(`SELECT p.id FROM participants p JOIN treaties t ON t.id = p.treaty_id WHERE t.slug = $1 AND p.country_code = $2`, [
      SLUG,
      country,
    ])
  ).rows[0].id;

describe('forging the audit trail', () => {
  let t: TestApp;
  let db: Client;
  beforeEach(async () => {
    ({ t, db } = await setup());
  });
  afterEach(async () => {
    await db?.end();
    await t?.close();
  });

  it('a participant row set to member with no event is named', async () => {
    expect((await verify(t)).ok).toBe(true);
    await db.query(`UPDATE participants SET status = 'member', member_since = '2018-02-19' WHERE id = $1`, [
      await participantId(db, 'SAU'),
    ]);
    const result = await verify(t);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toEqual(
      expect.objectContaining({ chain: 'participant', treaty: SLUG, country: 'SAU', reason: expect.stringMatching(/status/) }),
    );
  });

  it('a correctly hashed, back-dated event appended with the participant head bumped is named', async () => {
    const id = await participantId(db, 'SAU');
    const [head] = (await db.query(`SELECT * FROM events WHERE participant_id = $1 ORDER BY seq DESC LIMIT 1`, [id])).rows as EventRow[];
    const forged = {
      treaty_slug: SLUG,
      country_code: 'SAU',
      seq: head.seq + 1,
      action: 'sign',
      from_status: 'invited',
      to_status: 'signed',
      effective_date: '2014-03-01',
      recorded_at: new Date('2014-03-01T10:00:00.000Z'),
      actor_id: t.users.officer.id,
      actor_email: t.users.officer.email,
      actor_role: 'officer' as const,
      reference: null,
      note: null,
      reason: null,
      details: null,
    };
    const hash = chainHash(head.hash, chainedContentOf(forged));
    await db.query(
      `INSERT INTO events (participant_id, treaty_slug, country_code, seq, action, from_status, to_status, effective_date, recorded_at,
                           actor_id, actor_email, actor_role, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        id,
        SLUG,
        'SAU',
        forged.seq,
        'sign',
        'invited',
        'signed',
        forged.effective_date,
        forged.recorded_at,
        forged.actor_id,
        forged.actor_email,
        'officer',
        head.hash,
        hash,
      ],
    );
    await db.query(
      `UPDATE participants SET status = 'signed', signed_on = '2014-03-01', version = version + 1, event_count = event_count + 1, last_hash = $2 WHERE id = $1`,
      [id, hash],
    );
    const result = await verify(t);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toEqual(
      expect.objectContaining({ chain: 'participant', country: 'SAU', seq: forged.seq, reason: expect.stringMatching(/recordedAt/) }),
    );
  });

  it.each([
    ['a date of the row changed', `deposited_on = '2016-07-01'`, /depositedOn/],
    ['the version bumped with no act', 'version = version + 1', /^version is 4, but its events give 3$/],
    ['the event count bumped with no event', 'event_count = event_count + 1', /does not end where its events end/],
  ])('a participant row with %s is named', async (_name, change, reason) => {
    expect((await verify(t)).ok).toBe(true);
    await db.query(`UPDATE participants SET ${change} WHERE id = $1`, [await participantId(db, 'KAZ')]);
    const result = await verify(t);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toEqual(
      expect.objectContaining({ chain: 'participant', treaty: SLUG, country: 'KAZ', reason: expect.stringMatching(reason) }),
    );
  });

  it('an event renumbered past a gap and re-hashed, with the row to match, is named by its missing seq', async () => {
    // SEN's signature (seq 2) becomes seq 3: every hash and the row agree, only the numbering has a hole.
    const id = await participantId(db, 'SEN');
    await db.query(`ALTER TABLE events DISABLE TRIGGER USER`);
    try {
      await db.query(`UPDATE events SET seq = 3 WHERE participant_id = $1 AND seq = 2`, [id]);
      const [row] = (await db.query(`SELECT * FROM events WHERE participant_id = $1 AND seq = 3`, [id])).rows as EventRow[];
      const hash = chainHash(row.prev_hash, chainedContentOf(row));
      await db.query(`UPDATE events SET hash = $2 WHERE id = $1`, [row.id, hash]);
      await db.query(`UPDATE participants SET event_count = 3, last_hash = $2 WHERE id = $1`, [id, hash]);
    } finally {
      await db.query(`ALTER TABLE events ENABLE TRIGGER USER`);
    }
    const result = await verify(t);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toEqual(
      expect.objectContaining({ chain: 'participant', country: 'SEN', seq: 3, reason: 'event 2 of this participant is missing' }),
    );
  });

  it('the worker signs the heads of every chain on its schedule', async () => {
    const worker = await startWorker(t);
    try {
      const checkpoint = await eventually(
        async () => {
          const listed = await t
            .http()
            .get('/api/audit/checkpoints')
            .set(...bearer(t.users.auditor));
          return (listed.body.items as { takenBy: string; signed: string }[]).find((item) => item.takenBy === 'system');
        },
        20_000,
        'a checkpoint taken by the worker',
      );
      expect(Object.keys(JSON.parse(checkpoint.signed).heads)).toEqual(
        expect.arrayContaining([`participant:${SLUG}:KAZ`, `participant:${SLUG}:SAU`, `participant:${SLUG}:SEN`, 'configuration']),
      );
      expect(await verify(t)).toEqual(
        expect.objectContaining({ ok: true, checkpoint: expect.objectContaining({ takenAt: expect.any(String) }) }),
      );
    } finally {
      await worker.close();
    }
  });

  it('a chain rewritten and re-hashed is caught by the signed checkpoint', async () => {
    const taken = await t
      .http()
      .post('/api/audit/checkpoints')
      .set(...bearer(t.users.auditor));
    expect(taken.status).toBe(201);
    const listed = await t
      .http()
      .get('/api/audit/checkpoints')
      .set(...bearer(t.users.auditor));
    expect(listed.status).toBe(200);
    const [checkpoint] = listed.body.items;
    expect(checkpoint).toEqual(
      expect.objectContaining({ id: taken.body.id, signature: taken.body.signature, publicKey: taken.body.publicKey }),
    );
    // Anyone with the listing can check the signature outside the service.
    expect(
      verifySignature(
        null,
        Buffer.from(checkpoint.signed),
        createPublicKey(checkpoint.publicKey),
        Buffer.from(checkpoint.signature, 'base64'),
      ),
    ).toBe(true);
    expect(JSON.parse(checkpoint.signed).heads).toHaveProperty(`participant:${SLUG}:KAZ`);
    expect(await verify(t)).toEqual(expect.objectContaining({ ok: true, checkpoint: { id: checkpoint.id, takenAt: checkpoint.takenAt } }));

    // Rewrite KAZ's ratification date and re-hash the chain from there, with the row to match.
    const id = await participantId(db, 'KAZ');
    await db.query(`ALTER TABLE events DISABLE TRIGGER USER`);
    try {
      await db.query(`UPDATE events SET effective_date = '2016-07-01' WHERE participant_id = $1 AND seq = 3`, [id]);
      const rows = (await db.query(`SELECT * FROM events WHERE participant_id = $1 ORDER BY seq`, [id])).rows as EventRow[];
      let previous = rows[0].hash;
      for (const row of rows.slice(1)) {
        const hash = chainHash(previous, chainedContentOf(row));
        await db.query(`UPDATE events SET prev_hash = $2, hash = $3 WHERE id = $1`, [row.id, previous, hash]);
        previous = hash;
      }
      await db.query(`UPDATE participants SET deposited_on = '2016-07-01', last_hash = $2 WHERE id = $1`, [id, previous]);
    } finally {
      await db.query(`ALTER TABLE events ENABLE TRIGGER USER`);
    }
    const result = await verify(t);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toEqual(expect.objectContaining({ chain: 'checkpoint', treaty: SLUG, country: 'KAZ', seq: 3 }));
  });

  it('a checkpoint not signed with the service key is refused', async () => {
    const taken = await t
      .http()
      .post('/api/audit/checkpoints')
      .set(...bearer(t.users.officer));
    expect(taken.status).toBe(201);
    const forged = JSON.stringify({ ...JSON.parse(taken.body.signed), takenAt: '2030-01-01T00:00:00.000Z' });
    await db.query(
      `INSERT INTO audit_checkpoints (taken_at, taken_by, heads, signed, signature, public_key)
       SELECT now(), 'insider', heads, $1, signature, public_key FROM audit_checkpoints ORDER BY id DESC LIMIT 1`,
      [forged],
    );
    const result = await verify(t);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toEqual(expect.objectContaining({ chain: 'checkpoint', reason: expect.stringMatching(/not signed/) }));
  });

  it('a focal point may not take a checkpoint', async () => {
    const refused = await t
      .http()
      .post('/api/audit/checkpoints')
      .set(...bearer(t.users.focal_point));
    expect(refused.status).toBe(403);
  });
});
