// The recompute of a treaty (EntryIntoForceService) on its own, on a real database as the service's role: it applies
// decideTreaty's outcome to the treaty, records each notice once with its outbox row and staff e-mails, and admits
// the ratified participants by `system`; run again, it adds nothing.
import { EntryIntoForceService } from '@depositary/accession';
import type { Actor } from '@depositary/domain';
import { dataSourceOptions } from '@depositary/persistence';
import { DataSource } from 'typeorm';
import { testConfig } from '../support/app';
import { createTestDatabase } from '../support/databases';
import { LedgerTreaty, act, invite } from '../support/ledger';

const officer: Actor = { id: '00000000-0000-4000-8000-000000000009', email: 'officer@recompute.test', role: 'officer', countryCode: null };

describe('EntryIntoForceService.recompute', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: DataSource;
  let service: EntryIntoForceService;

  const createTreaty = async (slug: string, entryIntoForce: Record<string, unknown>): Promise<LedgerTreaty> => {
    const [{ id }]: { id: number }[] = await db.query(
      `INSERT INTO treaties (slug, title, opened_for_signature_on, entry_into_force) VALUES ($1, $2, '2013-12-10', $3) RETURNING id`,
      [slug, `The ${slug} treaty`, entryIntoForce],
    );
    return { db, id, slug, actor: officer };
  };
  const treatyOf = async (id: number) =>
    (await db.query(`SELECT status, threshold_met_on, entry_into_force_on, decisive FROM treaties WHERE id = $1`, [id]))[0];
  const noticesOf = async (id: number): Promise<{ kind: string; key: string; id: number }[]> =>
    db.query(`SELECT id, kind, key FROM treaty_events WHERE treaty_id = $1 ORDER BY id`, [id]);

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new DataSource(dataSourceOptions(database.serviceUrl, 4));
    await db.initialize();
    service = new EntryIntoForceService(db, testConfig(database.serviceUrl, { DEPOSITARY_EMAILS: 'registry@recompute.test' }));
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('puts a treaty in force on its day, notices the threshold and the entry into force once, and admits its parties', async () => {
    const treaty = await createTreaty('in-force', { minimumParties: 2, entersIntoForce: {} });
    for (const code of ['KAZ', 'SEN', 'TUR']) await invite(treaty, code);
    await act(treaty, 'KAZ', { action: 'sign', date: '2013-12-10' });
    await act(treaty, 'KAZ', { action: 'ratify', date: '2015-01-20' });
    expect(await service.recompute(treaty.id)).toMatchObject({ status: 'open', notices: [], admitted: [] });
    await act(treaty, 'SEN', { action: 'accede', date: '2016-07-11' });

    const outcome = await service.recompute(treaty.id);
    expect(outcome).toMatchObject({
      status: 'in_force',
      metOn: '2016-07-11',
      entryIntoForceOn: '2016-07-11',
      notices: ['threshold_met', 'entered_into_force'],
    });
    expect(outcome!.admitted.sort()).toEqual(['KAZ', 'SEN']);
    expect(await treatyOf(treaty.id)).toMatchObject({
      status: 'in_force',
      threshold_met_on: '2016-07-11',
      entry_into_force_on: '2016-07-11',
      decisive: { country: 'SEN', ordinal: 2, depositedOn: '2016-07-11' },
    });
    const notices = await noticesOf(treaty.id);
    expect(notices.map(({ kind, key }) => [kind, key])).toEqual([
      ['threshold_met', `threshold-met-${treaty.id}-0`],
      ['entered_into_force', `in-force-${treaty.id}`],
    ]);
    // Each drafts a depositary notification through the outbox and e-mails depositary staff.
    const drafts: { id: string }[] = await db.query(
      `SELECT payload->>'treatyEventId' AS id FROM outbox WHERE topic = 'notification.draft' AND payload ? 'treatyEventId' ORDER BY id`,
    );
    expect(drafts.map((draft) => Number(draft.id))).toEqual(notices.map((notice) => notice.id));
    const mails: { kind: string; recipient: string }[] = await db.query(
      `SELECT kind, recipient FROM deliveries WHERE treaty_id = $1 ORDER BY id`,
      [treaty.id],
    );
    expect(mails).toEqual([
      { kind: 'notice.threshold_met', recipient: 'registry@recompute.test' },
      { kind: 'notice.entered_into_force', recipient: 'registry@recompute.test' },
    ]);
    const admissions: { country_code: string; actor_id: string | null; effective_date: string }[] = await db.query(
      `SELECT country_code, actor_id, effective_date FROM events WHERE treaty_slug = $1 AND action = 'admit' ORDER BY country_code`,
      [treaty.slug],
    );
    expect(admissions).toEqual([
      { country_code: 'KAZ', actor_id: null, effective_date: '2016-07-11' },
      { country_code: 'SEN', actor_id: null, effective_date: '2016-07-11' },
    ]);

    // Run again, by this worker or another: nothing new.
    expect(await service.recompute(treaty.id)).toMatchObject({ status: 'in_force', notices: [], admitted: [], exited: [] });
    expect(await noticesOf(treaty.id)).toHaveLength(2);
  });

  it('keeps a treaty whose threshold is met waiting for its day, and says when to look again', async () => {
    const treaty = await createTreaty('waiting', { minimumParties: 1, entersIntoForce: { days: 30 } });
    await invite(treaty, 'KAZ');
    const today = new Date().toISOString().slice(0, 10);
    await act(treaty, 'KAZ', { action: 'accede', date: today });
    const outcome = await service.recompute(treaty.id);
    const due = new Date(Date.parse(`${today}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
    expect(outcome).toMatchObject({
      status: 'threshold_met',
      metOn: today,
      entryIntoForceOn: due,
      nextDueOn: due,
      notices: ['threshold_met'],
    });
    expect(await treatyOf(treaty.id)).toMatchObject({ status: 'threshold_met', entry_into_force_on: due });
    expect((await noticesOf(treaty.id)).map((notice) => notice.kind)).toEqual(['threshold_met']);
  });

  it('answers null for a treaty that does not exist', async () => {
    expect(await service.recompute(999_999)).toBeNull();
  });
});
