// The officer's work in the web page: a treaty built with the rule builder and its live preview, twenty states
// invited with the picker, nineteen signatures in one step, and a treaty's history imported after a dry run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { bearer } from '../support/app';
import { eventually } from '../support/smtp-sink';
import {
  Demo,
  Session,
  chooseLanguage,
  expectAccessible,
  expectConsoleErrors,
  goTo,
  screenshot,
  signIn,
  textOf,
  demoInBrowser,
  waitForCount,
} from './web-page';

const SLUG = 'convention-on-seed-banks';
const TITLE = 'Convention on Seed Banks';
/** Twenty states to invite; the first nineteen sign. */
const STATES = [
  'SEN',
  'GIN',
  'MLI',
  'NER',
  'TCD',
  'CMR',
  'GAB',
  'BEN',
  'TGO',
  'BFA',
  'CIV',
  'GMB',
  'MRT',
  'MAR',
  'TUN',
  'DZA',
  'EGY',
  'JOR',
  'KAZ',
  'UZB',
];
const SIGNERS = STATES.slice(0, 19);

const today = (): string => new Date().toISOString().slice(0, 10);
const inWords = (day: string): string =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
const daysFromToday = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Waits until the page's address is `hash` (the page's CSP keeps waitForFunction from evaluating a string). */
async function waitForHash(page: Page, hash: string, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while ((await page.evaluate('location.hash')) !== hash) {
    if (Date.now() > deadline) throw new Error(`expected the address ${hash}, at ${String(await page.evaluate('location.hash'))}`);
    await page.waitForTimeout(50);
  }
}

/** axe in English, French and Arabic on the view as it stands, then back to English. */
async function accessibleInThreeLanguages(page: Page, what: string): Promise<void> {
  await expectAccessible(page, `${what}, en`);
  await chooseLanguage(page, 'fr');
  await expectAccessible(page, `${what}, fr`);
  await chooseLanguage(page, 'ar');
  expect(await page.evaluate('document.documentElement.dir')).toBe('rtl');
  await expectAccessible(page, `${what}, ar`);
  await chooseLanguage(page, 'en');
}

describe('the web page for an officer at work', () => {
  let demo: Demo;
  let browser: Session;

  demoInBrowser(
    (started) => ({ demo, browser } = started),
    async () => {
      await signIn(browser.page, demo.t.url, demo.t.users.officer);
    },
  );

  const get = (path: string) =>
    demo.t
      .http()
      .get(path)
      .set(...bearer(demo.t.users.officer));

  it('creates a treaty of 10 ratifications, in force 30 days after the 10th, with the builder and its preview', async () => {
    const { page, errors } = browser;
    await page.getByRole('link', { name: 'New treaty' }).click();
    await page.getByRole('heading', { name: 'New treaty', level: 1 }).waitFor();
    expect(await page.evaluate('document.activeElement.tagName')).toBe('H1');
    expect(await textOf(page, '#rule-preview-title + .hint')).toBe('A new treaty has no record yet: the rule is applied to no deposit.');

    await page.fill('#treaty-title', TITLE);
    expect(await page.inputValue('#treaty-slug')).toBe(SLUG);
    await page.fill('#treaty-title-fr', 'Convention sur les banques de semences');
    await page.fill('#treaty-depositary', 'Secretary General of the Organization of Islamic Cooperation');
    await page.fill('#rule-minimum-parties', '10');
    await page.uncheck('input[name="counted"][value="succession"]');
    await page.uncheck('input[name="counted"][value="definitive_signature"]');
    await page.selectOption('#rule-enters-unit', 'days');
    await page.fill('#rule-enters-amount', '30');

    expect(JSON.parse(await page.inputValue('#rule-json'))).toEqual({
      minimumParties: 10,
      entersIntoForce: { days: 30 },
      countedInstruments: ['ratification', 'acceptance', 'approval', 'accession'],
    });
    const preview = await textOf(page, '#rule-preview');
    expect(preview).toContain('Threshold not yet met: 0 of 10; needs 10 more.');
    expect(preview).toContain(`If the threshold were met today, it would enter into force on ${inWords(daysFromToday(30))}.`);
    // (Whether English lists take a serial comma is the catalogue's affair, not this view's.)
    expect(await textOf(page, '#rule-words')).toMatch(
      /^Threshold: 10 instruments of ratification, acceptance, approval,? or accession deposited\. Enters into force 30 days after the day the threshold is met\. For a State that deposits later: 30 days after the day of its own deposit\.$/,
    );

    // The JSON leads the builder as well: a broken text is named, a valid one moves the builder and the preview.
    await page.fill('#rule-json', '{ "minimumParties": ');
    expect(await textOf(page, '#rule-issues')).toContain('This is not JSON');
    expect(await textOf(page, '#rule-preview')).toBe('No preview while the rule is not valid.');
    await page.fill('#rule-json', JSON.stringify({ minimumParties: 0, entersIntoForce: { days: 30 } }));
    expect(await textOf(page, '#rule-issues')).toContain('minimumParties: must be at least 1');
    await page.fill('#rule-json', JSON.stringify({ minimumParties: 12, entersIntoForce: { days: 30, then: 'first_day_of_next_month' } }));
    expect(await page.inputValue('#rule-minimum-parties')).toBe('12');
    expect(await page.isChecked('#rule-enters-then')).toBe(true);
    expect(await page.isChecked('input[name="counted"][value="succession"]')).toBe(true);
    expect(await textOf(page, '#rule-preview')).toContain('needs 12 more');
    expect(await textOf(page, '#rule-words')).toContain(
      'on the first day of the month following 30 days after the day the threshold is met',
    );
    await page.fill('#rule-minimum-parties', '10');
    await page.uncheck('#rule-enters-then');
    await page.uncheck('input[name="counted"][value="succession"]');
    await page.uncheck('input[name="counted"][value="definitive_signature"]');
    expect(await textOf(page, '#rule-issues')).toBe('');
    expect(await textOf(page, '#rule-preview')).toContain('Threshold not yet met: 0 of 10; needs 10 more.');

    await page.selectOption('#treaty-reservations', 'prohibited');
    await page.check('#treaty-public');
    await page.fill('#treaty-withdrawal-amount', '3');
    await page.check('#treaty-withdrawal-then');
    expect(await textOf(page, '#treaty-withdrawal .delay__words')).toBe(
      'on the first day of the month following 3 months after the day the notification of withdrawal is received',
    );
    await page.getByRole('button', { name: 'Add a reminder policy' }).click();
    await page.fill('#reminder-0-afterDays', '180');
    await page.getByRole('button', { name: 'Add a reminder policy' }).click();
    expect(await page.inputValue('#reminder-1-status')).toBe('signed');
    await page.fill('#reminder-1-maxReminders', '2');
    expect(await page.getByRole('button', { name: 'Add a reminder policy' }).count()).toBe(0);
    await accessibleInThreeLanguages(page, 'new treaty');
    await page.evaluate("document.getElementById('rule-title').scrollIntoView()");
    await screenshot(page, 'officer-rule-builder.png');
    await page.click('#treaty-save');
    await waitForHash(page, `#/treaties/${SLUG}`);

    const treaty = await get(`/api/treaties/${SLUG}`);
    expect(treaty.status).toBe(200);
    expect(treaty.body).toMatchObject({
      title: TITLE,
      titles: { fr: 'Convention sur les banques de semences' },
      depositary: 'Secretary General of the Organization of Islamic Cooperation',
      openedForSignatureOn: today(),
      status: 'open',
      reservations: 'prohibited',
      public: true,
      withdrawal: { months: 3, then: 'first_day_of_next_month' },
      reminders: [
        { status: 'invited', afterDays: 180, everyDays: 90, maxReminders: 4 },
        { status: 'signed', afterDays: 90, everyDays: 90, maxReminders: 2 },
      ],
      entryIntoForce: {
        minimumParties: 10,
        countedInstruments: ['ratification', 'acceptance', 'approval', 'accession'],
        entersIntoForce: { days: 30 },
      },
    });
    expect(treaty.body.entryIntoForce.laterParties).toBeUndefined();
    expectConsoleErrors(errors);
  });

  it('invites twenty states with the searchable multi-select', async () => {
    const { page, errors } = browser;
    await goTo(page, `#/treaties/${SLUG}/invite`);
    await page.getByRole('heading', { name: `Invite countries: ${TITLE}`, level: 1 }).waitFor();
    await page.fill('#invite-countries-search', 'sénég');
    expect(await page.locator('#invite-countries .picker__item').count()).toBe(1);
    await page.check('#invite-countries input[value="SEN"]');
    await page.fill('#invite-countries-search', 'gin');
    expect(await page.locator('#invite-countries input[value="GIN"]').count()).toBe(1);
    await page.fill('#invite-countries-search', '');
    for (const code of STATES.slice(1)) await page.check(`#invite-countries input[value="${code}"]`);
    expect(await textOf(page, '#invite-countries-count')).toContain('20 chosen');
    expect(await page.locator('#invite-countries .picker__chosen li').count()).toBe(20);
    await accessibleInThreeLanguages(page, 'invite');
    await page.click('#invite-submit');
    await page.locator('#invite-result').waitFor();
    expect(await textOf(page, '#invite-result h2')).toBe(`20 countries invited on ${inWords(today())}`);
    expect(await textOf(page, '#invite-result')).toContain('Senegal');

    // Now each of them is marked and cannot be chosen again.
    await page.locator('#invite-countries input[value="SEN"][disabled]').waitFor();
    expect(await textOf(page, '#invite-countries li:has(input[value="SEN"])')).toContain('already invited (Invited)');
    expect(await page.locator('#invite-countries input:disabled').count()).toBe(20);
    const chart = await get(`/api/treaties/${SLUG}/participants`);
    expect(chart.body.items.map((participant: { country: { code: string } }) => participant.country.code).sort()).toEqual(
      [...STATES].sort(),
    );
    await accessibleInThreeLanguages(page, 'invite, after');
    expectConsoleErrors(errors);
  });

  it('records the signature of nineteen of them in one step and sees 19 signed', async () => {
    const { page, errors } = browser;
    await goTo(page, `#/treaties/${SLUG}/acts`);
    await page.getByRole('heading', { name: `One act for many countries: ${TITLE}`, level: 1 }).waitFor();
    expect(await page.locator('#acts-countries .picker__item').count()).toBe(20);
    await page.selectOption('#acts-action', 'ratify');
    expect(await page.locator('#acts-countries .picker__item').count()).toBe(0);
    await page.selectOption('#acts-action', 'sign');
    await page.selectOption('#acts-signature', 'subject_to_ratification');
    await page.fill('#acts-reference', 'Signing ceremony, Conakry');
    for (const code of SIGNERS) await page.check(`#acts-countries input[value="${code}"]`);
    expect(await textOf(page, '#acts-submit')).toBe('Sign: record for 19 countries');
    await accessibleInThreeLanguages(page, 'bulk acts');
    await page.click('#acts-submit');
    await page.locator('#acts-result').waitFor();
    expect(await textOf(page, '#acts-result h2')).toBe(`Sign: recorded for 19 countries, dated ${inWords(today())}`);
    expect(await textOf(page, '#flash')).toBe(`Sign: recorded for 19 countries, dated ${inWords(today())}`);
    expect(await page.locator('#acts-result tr[data-outcome="recorded"]').count()).toBe(19);
    expect(await textOf(page, '#acts-counts')).toContain('19 signed, 19 signatories in all, 0 bound and 1 invited only');
    expect(await textOf(page, '#acts-result tr[data-country="SEN"]')).toContain('Signed');
    // Only the one left invited can still sign, once the page has read the record again.
    await waitForCount(page, '#acts-countries .picker__item', 1);
    expect(await page.locator('#acts-countries input[value="UZB"]').count()).toBe(1);

    const status = await get(`/api/treaties/${SLUG}/status`);
    expect(status.body.counts).toMatchObject({ invited: 1, signed: 19, signatories: 19, ratified: 0, member: 0 });
    expect(status.body.status).toBe('open');
    const senegal = await get(`/api/treaties/${SLUG}/participants/SEN`);
    expect(senegal.body.events.at(-1)).toMatchObject({ action: 'sign', reference: 'Signing ceremony, Conakry', date: today() });
    await accessibleInThreeLanguages(page, 'bulk acts, result');
    expectConsoleErrors(errors);
  });

  it('refuses the whole act when a country can no longer take it, and says why per country', async () => {
    const { page, errors } = browser;
    await page.check('#acts-countries input[value="UZB"]');
    // Someone else records Uzbekistan's signature meanwhile: the page's offer is now stale.
    const elsewhere = await demo.t
      .http()
      .post(`/api/treaties/${SLUG}/participants/UZB/actions`)
      .set(...bearer(demo.t.users.officer))
      .send({ action: 'sign', date: today() });
    expect(elsewhere.status).toBe(201);
    await page.click('#acts-submit');
    await page.locator('#acts-result.acts-result--refused').waitFor();
    expect(await textOf(page, '#acts-result h2')).toBe('Nothing was recorded: 1 of the 1 countries cannot take this act (Sign)');
    const row = await textOf(page, '#acts-result tr[data-country="UZB"]');
    expect(row).toContain('Refused: a participant whose status is “Signed” cannot take this act. Allowed now: Ratify');
    expect(await page.locator('#acts-result tr[data-outcome="refused"]').count()).toBe(1);
    const status = await get(`/api/treaties/${SLUG}/status`);
    expect(status.body.counts).toMatchObject({ invited: 0, signed: 20, signatories: 20 });
    const uzbekistan = await get(`/api/treaties/${SLUG}/participants/UZB`);
    expect(uzbekistan.body.events.filter((event: { action: string }) => event.action === 'sign')).toHaveLength(1);
    expectConsoleErrors(errors, [/status of 409/]);
  });

  it('edits the treaty: the preview applies the rule to its record', async () => {
    const { page, errors } = browser;
    await goTo(page, `#/treaties/${SLUG}/edit`);
    await page.getByRole('heading', { name: `Edit: ${TITLE}`, level: 1 }).waitFor();
    expect(await textOf(page, '#rule-preview-title + .hint')).toContain('20 participants');
    expect(await textOf(page, '#rule-preview')).toContain('Threshold not yet met: 0 of 10; needs 10 more.');
    expect(await page.inputValue('#treaty-slug')).toBe(SLUG);
    await page.fill('#treaty-title-ar', 'اتفاقية بنوك البذور');
    await accessibleInThreeLanguages(page, 'edit treaty');
    await page.click('#treaty-save');
    await waitForHash(page, `#/treaties/${SLUG}`);
    const treaty = await get(`/api/treaties/${SLUG}`);
    expect(treaty.body.titles).toEqual({ fr: 'Convention sur les banques de semences', ar: 'اتفاقية بنوك البذور' });
    expect(treaty.body.entryIntoForce.minimumParties).toBe(10);

    // A treaty in force: its rule is locked, and the preview finds the threshold the service found.
    await goTo(page, '#/treaties/iofs-statute/edit');
    await page.getByRole('heading', { name: 'Edit: Statute of the Islamic Organization for Food Security', level: 1 }).waitFor();
    expect(await textOf(page, '.rule-editor .notice')).toBe('The treaty is no longer open: its entry-into-force rule cannot change.');
    expect(await page.locator('.rule-builder:disabled').count()).toBe(1);
    const preview = await textOf(page, '#rule-preview');
    expect(preview).toMatch(/^Threshold met on 19 February 2018, by the deposit of .+ \(the 10th counted\)\./);
    expect(preview).toContain('In force since 19 February 2018.');
    const iofs = await get('/api/treaties/iofs-statute/status');
    expect(iofs.body).toMatchObject({ entryIntoForceOn: '2018-02-19', threshold: { metOn: '2018-02-19' } });
    expect(preview).toContain(`by the deposit of ${iofs.body.decisive.countryName} `);
    await accessibleInThreeLanguages(page, 'edit a treaty in force');
    expectConsoleErrors(errors);
  });

  it('builds a rule of every part of the language, the JSON and the words following', async () => {
    const { page, errors } = browser;
    await goTo(page, '#/treaties/new');
    await page.getByRole('heading', { name: 'New treaty', level: 1 }).waitFor();
    await page.fill('#rule-minimum-parties', '');
    await page.check('#rule-weights-on');
    expect(await textOf(page, '#rule-issues')).toContain('weights.values: must weigh at least one country');
    await page.selectOption('#rule-weights-add', 'USA');
    await page.selectOption('#rule-weights-add', 'CHN');
    await page.locator('.weights__table tbody tr').nth(0).locator('input').fill('17.89');
    await page.locator('.weights__table tbody tr').nth(1).locator('input').fill('20.09');
    await page.fill('#rule-weights-total', '100');
    await page.getByRole('button', { name: 'Add a group' }).click();
    await page.fill('#rule-group-0-count', '2');
    await page.fill('#rule-group-0-search', 'aus');
    await page.check('#rule-group-0 input[value="AUT"]');
    await page.fill('#rule-group-0-search', 'BEL');
    await page.check('#rule-group-0 input[value="BEL"]');
    await page.check('#rule-required-on');
    await page.check('#rule-required input[value="USA"]');
    await page.fill('#rule-not-before', '1998-09-24');
    await page.selectOption('#rule-enters-unit', 'months');
    await page.fill('#rule-enters-amount', '3');
    await page.check('#rule-enters-then');
    await page.check('#rule-later-on');
    await page.selectOption('#rule-later-unit', 'days');
    await page.fill('#rule-later-amount', '30');
    await page.uncheck('#rule-later-then');
    expect(await textOf(page, '#rule-issues')).toBe('');
    expect(JSON.parse(await page.inputValue('#rule-json'))).toEqual({
      entersIntoForce: { months: 3, then: 'first_day_of_next_month' },
      weights: { values: { USA: 17.89, CHN: 20.09 }, minimumShare: 55, total: 100 },
      minimumFrom: [{ parties: ['AUT', 'BEL'], count: 2 }],
      requiredParties: ['USA'],
      notBefore: '1998-09-24',
      laterParties: { days: 30 },
    });
    const words = await textOf(page, '#rule-words');
    expect(words).toContain('the parties that have deposited weigh at least 55% of a total of 100');
    expect(words).toContain('at least 2 of Austria and Belgium have deposited');
    expect(words).toContain('United States of America has deposited, all holding on the same day.');
    expect(words).toContain(
      'Enters into force on the first day of the month following 3 months after the day the threshold is met, but not before 24 September 1998.',
    );
    expect(words).toContain('For a State that deposits later: 30 days after the day of its own deposit.');
    const preview = await textOf(page, '#rule-preview');
    expect(preview).toContain('Threshold not yet met: 0 counted.');
    expect(preview).toContain('Weighted share: 0% of the 55% needed.');
    expect(preview).toContain('Still to deposit, as required: United States of America.');
    expect(preview).toContain('0 of the 2 needed from: Austria and Belgium.');
    await accessibleInThreeLanguages(page, 'new treaty, every part of the rule');
    // Nothing was saved.
    expect((await get('/api/treaties')).body.items).toHaveLength(2);
    expectConsoleErrors(errors);
  });

  it('imports a treaty history after its dry run, and the treaty is in force', async () => {
    const { page, errors } = browser;
    const record = JSON.parse(readFileSync(join(__dirname, '..', '..', 'apps', 'dev', 'src', 'iofs-statute.json'), 'utf8'));
    record.treaty.slug = 'iofs-statute-copy';
    record.treaty.title = 'Statute of the IOFS (imported copy)';
    delete record.treaty.titles;
    await goTo(page, '#/import');
    await page.getByRole('heading', { name: 'Import a treaty’s history', level: 1 }).waitFor();
    await expectAccessible(page, 'import, en');

    await page.setInputFiles('#import-file', { name: 'not-json.json', mimeType: 'application/json', buffer: Buffer.from('{ oops') });
    await page.locator('#import-problems li').waitFor();
    expect(await textOf(page, '#import-problems')).toContain('not-json.json is not a JSON file');

    // A line the machine refuses: the dry run names it, and nothing can be imported.
    const refused = { ...record, actions: [...record.actions, { country: 'ALB', action: 'ratify', date: '2020-01-01' }] };
    await page.setInputFiles('#import-file', {
      name: 'iofs-refused.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(refused)),
    });
    await page.locator('#import-problems li').waitFor();
    const refusal = await textOf(page, '#import-problems');
    expect(refusal).toMatch(
      new RegExp(
        `^iofs-refused\\.json cannot be imported: act no\\. ${record.actions.length + 1} of the file \\(Albania, Ratify, 1 January 2020\\) is refused\\. ` +
          'A participant whose status is then “Invited” cannot take this act\\. Allowed now: Sign, Accept, Approve, Accede,? or Succeed\\.$',
      ),
    );
    expect(await page.locator('#import-preview, #import-submit').count()).toBe(0);
    expectConsoleErrors(errors, [/status of 400/]);

    await page.setInputFiles('#import-file', {
      name: 'iofs-copy.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(record)),
    });
    await page.locator('#import-preview').waitFor();
    expect(await textOf(page, '#import-preview h2')).toBe('What the import would create');
    const preview = await textOf(page, '#import-preview');
    expect(preview).toContain('Statute of the IOFS (imported copy) iofs-statute-copy');
    expect(preview).toContain(`${record.invited.countries.length} countries, on 10 December 2013`);
    expect(preview).toContain(`${record.actions.length} acts recorded`);
    expect(preview).toContain('19 February 2018');
    expect(await textOf(page, '#import-status')).toContain('In force');
    expect(await page.locator('#import-preview tbody tr').count()).toBe(record.invited.countries.length);
    expect(await textOf(page, '#import-preview tr[data-country="SEN"]')).toContain('Signed');
    // The dry run wrote nothing.
    expect((await get('/api/treaties/iofs-statute-copy')).status).toBe(404);
    await accessibleInThreeLanguages(page, 'import, preview');

    await page.click('#import-submit');
    await page.locator('#import-done').waitFor();
    expect(await textOf(page, '#import-done')).toContain('Statute of the IOFS (imported copy) was imported.');
    expect(await textOf(page, '#import-preview h2')).toBe('What was imported');
    expect(await textOf(page, '#flash')).toBe('Statute of the IOFS (imported copy) was imported.');
    expect(await page.getByRole('link', { name: 'Open Statute of the IOFS (imported copy)' }).getAttribute('href')).toBe(
      '#/treaties/iofs-statute-copy',
    );
    const status = await eventually(
      async () => {
        const res = await get('/api/treaties/iofs-statute-copy/status');
        return res.body.status === 'in_force' ? res.body : undefined;
      },
      30_000,
      'the imported copy in force',
    );
    expect(status).toMatchObject({ status: 'in_force', entryIntoForceOn: '2018-02-19' });
    expect(status.counts.member).toBe(12);
    await accessibleInThreeLanguages(page, 'import, done');
    expectConsoleErrors(errors);
  });

  it('offers none of these views to a user who may not manage treaties', async () => {
    const { page, errors } = browser;
    await page.click('#sign-out');
    await signIn(page, demo.t.url, demo.t.users.auditor);
    for (const [hash, title] of [
      ['#/treaties/new', 'New treaty'],
      [`#/treaties/${SLUG}/invite`, 'Invite countries'],
      [`#/treaties/${SLUG}/acts`, 'One act for many countries'],
      ['#/import', 'Import a treaty’s history'],
    ]) {
      await goTo(page, hash);
      await page.getByRole('heading', { name: title, level: 1 }).waitFor();
      expect(await textOf(page, 'main .notice')).toBe('Your account may not do this. Ask an administrator if you need to.');
      expect(await page.locator('main form, main input').count()).toBe(0);
    }
    await expectAccessible(page, 'not allowed, en');
    expectConsoleErrors(errors);
  });
});
