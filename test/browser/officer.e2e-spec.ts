// The web page in Chromium as a depositary officer: the IOFS Statute's status, plot and chart, recording an act.
import type { Request } from 'playwright-core';
import { bearer } from '../support/app';
import {
  Demo,
  IOFS,
  Session,
  chooseLanguage,
  downloadedText,
  expectAccessible,
  expectConsoleErrors,
  screenshot,
  signIn,
  textOf,
  waitForCount,
  waitForText,
  demoInBrowser,
} from './web-page';

describe('the web page for an officer', () => {
  let demo: Demo;
  let browser: Session;

  demoInBrowser((started) => ({ demo, browser } = started));

  it('lists the treaties with their status and progress', async () => {
    const { page, errors } = browser;
    await signIn(page, demo.t.url, demo.t.users.officer);
    const row = page.locator(`tr[data-slug="${IOFS}"]`);
    await row.locator('[role="progressbar"]').waitFor();
    expect(await row.locator('.badge').textContent()).toBe('In force');
    expect(await row.textContent()).toContain('12 of 10');
    expect(await row.locator('time[datetime="2018-02-19"]').count()).toBe(1);
    expect(await page.locator('table.treaties caption').count()).toBe(1);
    expect(await page.locator('table.treaties thead th[scope="col"]').count()).toBe(6);
    expectConsoleErrors(errors);
  });

  it('shows the IOFS Statute in force on 2018-02-19, with the plot against the threshold and 57 rows', async () => {
    const { page, errors } = browser;
    await page.getByRole('link', { name: 'Statute of the Islamic Organization for Food Security' }).click();
    await waitForCount(page, '#chart tbody tr', 57);

    expect(await textOf(page, 'h1')).toBe('Statute of the Islamic Organization for Food Security');
    const facts = await textOf(page, '#treaty-facts');
    expect(facts).toContain('Secretary General of the Organization of Islamic Cooperation');
    expect(facts).toContain('Opened for signature 10 December 2013');
    expect(facts).toContain('Threshold: 10 instruments of ratification, acceptance, approval or accession deposited.');
    expect(facts).toContain('Enters into force on the day the threshold is met.');
    expect(facts).toMatch(/Status as at \d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}:\d{2} UTC/);

    expect(await textOf(page, '.headline')).toBe('In force since 19 February 2018');
    expect(await page.locator('.headline time').getAttribute('datetime')).toBe('2018-02-19');
    expect(await textOf(page, '#explanation')).toBe(
      'The 10th instrument, deposited by United Arab Emirates on 2018-02-19, met the threshold; the Statute entered into force that day.',
    );
    expect(await textOf(page, '#progress-count')).toContain('12 of 10 counted instruments deposited');
    expect(await page.locator('#treaty-summary [role="progressbar"]').first().getAttribute('aria-valuenow')).toBe('12');

    const plot = page.locator('svg.plot');
    expect(await plot.getAttribute('role')).toBe('img');
    expect(await plot.locator('.plot__threshold text').textContent()).toBe('Threshold: 10');
    expect(await plot.locator('.plot__points circle').count()).toBe(12);
    expect(await plot.locator('.plot__marker text').first().textContent()).toBe('Threshold met 2018-02-19: in force that day');
    expect(await plot.locator('desc').textContent()).toContain('reaching 12, against a threshold of 10');

    const chart = page.locator('#chart');
    expect(await chart.locator('caption').count()).toBe(1);
    expect(await chart.locator('thead th[scope="col"]').count()).toBeGreaterThanOrEqual(6);
    expect(await chart.locator('tbody th[scope="row"]').count()).toBe(57);
    const kazakhstan = chart.locator('tr[data-country="KAZ"]');
    expect(await kazakhstan.locator('.badge').textContent()).toBe('Member');
    for (const date of ['2013-12-10', '2015-01-20', '2018-02-19'])
      expect(await kazakhstan.locator(`time[datetime="${date}"]`).count()).toBeGreaterThan(0);
    expect(await kazakhstan.textContent()).toContain('ratification');
    expect(await textOf(page, '#chart-count')).toBe('Showing 57 of 57 countries.');
    expect(await page.evaluate('document.activeElement.id')).toBe('treaty-title');
    expect(await page.locator('#edit-treaty').getAttribute('href')).toBe(`#/treaties/${IOFS}/edit`);
    expect(await page.locator('#invite').getAttribute('href')).toBe(`#/treaties/${IOFS}/invite`);
    expect(await page.locator('#bulk-acts').getAttribute('href')).toBe(`#/treaties/${IOFS}/acts`);
    await expectAccessible(page, 'treaty, en');
    await screenshot(page, 'officer-treaty.png');
    expectConsoleErrors(errors);
  });

  it('filters, sorts and downloads the chart', async () => {
    const { page, errors } = browser;
    await page.fill('#chart-filter', 'kaz');
    await waitForCount(page, '#chart tbody tr', 1);
    expect(await page.locator('#chart tbody tr').getAttribute('data-country')).toBe('KAZ');
    await page.fill('#chart-filter', '');
    await page.selectOption('#chart-status', 'member');
    await waitForCount(page, '#chart tbody tr', 12);
    await page.selectOption('#chart-status', '');
    await waitForCount(page, '#chart tbody tr', 57);

    await page.click('button[data-sort="depositedOn"]');
    expect(await page.locator('th:has(button[data-sort="depositedOn"])').getAttribute('aria-sort')).toBe('ascending');
    const countries = await page
      .locator('#chart tbody tr')
      .evaluateAll((rows) => rows.slice(0, 3).map((row) => row.getAttribute('data-country')));
    expect(countries).toEqual(['KAZ', 'NER', 'BFA']);
    await page.click('button[data-sort="depositedOn"]');
    expect(await page.locator('#chart tbody tr').first().getAttribute('data-country')).toBe('SAU');
    await page.selectOption('#chart-sort', 'country:1');
    expect(await page.locator('#chart tbody tr').first().getAttribute('data-country')).toBe('AFG');

    const csv = await downloadedText(page, () => page.click('#download-chart'));
    expect(csv.name).toBe(`${IOFS}-chart.csv`);
    const lines = csv.text.trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      'country,name,status,invitedOn,signedOn,signature,signatureConfirmedOn,instrument,depositedOn,effectiveFrom,predecessor,' +
        'memberSince,withdrawalNotifiedOn,withdrawalEffectiveOn,withdrawnOn,version,statementKinds',
    );
    expect(lines).toHaveLength(58);
    expectConsoleErrors(errors);
  });

  it("records a signature from Albania's row: only allowed acts, the date checked first, If-Match sent, row and timeline updated", async () => {
    const { page, errors } = browser;
    const sent: Request[] = [];
    const listen = (request: Request): void => {
      if (request.method() === 'POST' && request.url().includes('/actions')) sent.push(request);
    };
    page.on('request', listen);

    await page.click('tr[data-country="ALB"] button[data-record]');
    await page.locator('#drawer[open] #record-action').waitFor();
    expect(page.url()).toMatch(/#\/treaties\/iofs-statute\/ALB$/);
    expect(await page.locator('#record-action option').evaluateAll((options) => options.map((o) => o.getAttribute('value')))).toEqual([
      'sign',
      'accept',
      'approve',
      'accede',
      'succeed',
    ]);
    await page.locator('#chain-local').waitFor();
    expect(await page.evaluate('document.activeElement.id')).toBe('record-action');
    await expectAccessible(page, 'drawer, en');

    await page.fill('#record-date', '2099-01-01');
    await page.click('#record-submit');
    expect(await textOf(page, '#record-error')).toMatch(/^Not sent: 1 January 2099 is in the future: today is .+ \(UTC\)\.$/);
    await page.fill('#record-date', '2013-12-09');
    await page.click('#record-submit');
    expect(await textOf(page, '#record-error')).toBe(
      'Not sent: 9 December 2013 is before the treaty was opened for signature on 10 December 2013.',
    );
    await page.fill('#record-date', '19/02/2018');
    await page.click('#record-submit');
    expect(await textOf(page, '#record-error')).toContain('is not a calendar day written YYYY-MM-DD');
    expect(sent).toHaveLength(0);

    await page.fill('#record-date', '2024-05-06');
    expect(await textOf(page, '#record-date-words')).toBe('6 May 2024');
    await page.fill('#record-reference', 'C.N.12.2024.TREATIES');
    await page.fill('#record-note', 'Signed at OIC headquarters, Jeddah');
    await page.click('#record-submit');
    await page.locator('#record-result').waitFor();
    expect(await textOf(page, '#record-result')).toBe('Recorded: Signed for Albania, effective 2024-05-06. The status is now “Signed”.');
    expect(sent).toHaveLength(1);
    expect(sent[0].headers()['if-match']).toBe('"1"');
    expect(sent[0].headers()['idempotency-key']).toMatch(/^[\x21-\x7e]{8,}$/);

    const row = page.locator('#chart tr[data-country="ALB"]');
    expect(await row.getAttribute('data-status')).toBe('signed');
    expect(await row.getAttribute('data-version')).toBe('2');
    expect(await row.locator('time[datetime="2024-05-06"]').count()).toBe(1);

    const signed = page.locator('#timeline li[data-action="sign"]');
    await signed.waitFor();
    const words = (await signed.innerText()).replace(/\s+/g, ' ');
    expect(words).toContain('Signed Invited → Signed');
    expect(words).toContain('Effective date 2024-05-06 (6 May 2024)');
    expect(words).toMatch(/Recorded \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/);
    expect(words).toContain(`By ${demo.t.users.officer.email} (Depositary officer)`);
    expect(words).toContain('Reference C.N.12.2024.TREATIES');
    expect(words).toContain('Note Signed at OIC headquarters, Jeddah');
    expect(await page.locator('#timeline li').count()).toBe(2);
    await page.locator('#chain-verified').waitFor();
    expect(await textOf(page, '#chain-verified')).toMatch(/^✓ Chain verified by the audit verification/);
    expect(await textOf(page, '#chain-local')).toBe(
      '✓ Chain verified in this browser: 2 events of Albania re-hashed, each linked to the one before.',
    );
    expect(await page.locator('.chain-link--ok').count()).toBe(2);
    expect(await page.locator('#record-action option').evaluateAll((options) => options.map((o) => o.getAttribute('value')))).toEqual([
      'ratify',
      'accept',
      'approve',
      'correct',
    ]);
    await page.locator('#timeline').scrollIntoViewIfNeeded();
    await screenshot(page, 'officer-timeline.png');

    const stored = await demo.t
      .http()
      .get(`/api/treaties/${IOFS}/participants/ALB`)
      .set(...bearer(demo.t.users.officer));
    expect(stored.body).toMatchObject({ status: 'signed', signedOn: '2024-05-06', version: 2 });
    page.off('request', listen);
    expectConsoleErrors(errors);
  });

  it('records a ratification; the worker admits Albania as a member and the page reads it again', async () => {
    const { page, errors } = browser;
    await page.selectOption('#record-action', 'ratify');
    await page.fill('#record-date', '2024-06-03');
    await page.click('#record-submit');
    await waitForText(page, '#record-result', 'ratification');
    expect(await textOf(page, '#record-result')).toBe(
      'Recorded: Instrument of ratification deposited for Albania, effective 2024-06-03. The status is now “Ratified”.',
    );
    const row = page.locator('#chart tr[data-country="ALB"]');
    await page.locator('#chart tr[data-country="ALB"][data-status="member"]').waitFor({ timeout: 15_000 });
    await page.locator('#timeline li[data-action="admit"]').waitFor();
    expect(await row.locator('time[datetime="2024-06-03"]').count()).toBe(2);
    expect(await textOf(page, '#timeline li[data-action="admit"]')).toContain('By the service (system)');
    expect(await textOf(page, '#record-result')).toContain('Recorded: Instrument of ratification deposited for Albania');
    expect(await page.locator('svg.plot .plot__points circle').count()).toBe(13);
    expect(await textOf(page, '#progress-count')).toContain('13 of 10');
    expectConsoleErrors(errors);
  });

  it('shows a refusal in words when the row changed meanwhile (412), and reads the row again', async () => {
    const { page, errors } = browser;
    await page.click('#drawer .dialog__close');
    await page.locator('#drawer[open]').waitFor({ state: 'detached' });
    await page.waitForURL(/#\/treaties\/iofs-statute$/);

    await page.click('tr[data-country="IDN"] button[data-record]');
    await page.locator('#drawer[open] #record-date').waitFor();
    const meanwhile = await demo.t
      .http()
      .post(`/api/treaties/${IOFS}/participants/IDN/actions`)
      .set(...bearer(demo.t.users.officer))
      .send({ action: 'sign', date: '2020-01-01' });
    expect(meanwhile.status).toBe(201);

    await page.fill('#record-date', '2021-03-04');
    await page.click('#record-submit');
    const refusal = page.locator('#record-result[role="alert"]');
    await refusal.waitFor();
    expect(await textOf(page, '#record-result')).toBe(
      'Not recorded: someone else changed this record after you opened it. The record has been read again: check it, then record the act again if it is still needed.',
    );
    const row = page.locator('#chart tr[data-country="IDN"]');
    expect(await row.getAttribute('data-status')).toBe('signed');
    expect(await row.locator('time[datetime="2020-01-01"]').count()).toBe(1);
    expect(await page.locator('#timeline li').count()).toBe(2);
    expectConsoleErrors(errors, [/status of 412/]);
  });

  it('reads the chart and the status as at a past day, then today again', async () => {
    const { page, errors } = browser;
    await page.click('#drawer .dialog__close');
    await page.locator('#drawer[open]').waitFor({ state: 'detached' });
    await page.fill('#as-at-date', '2018-02-18');
    await page.click('#as-at-form button[type="submit"]');
    await page.locator('#as-at[datetime="2018-02-18"]').waitFor();
    expect(await textOf(page, '#treaty-facts')).toContain('the end of 18 February 2018');
    // The United Arab Emirates deposited the 10th instrument the next day: as at 2018-02-18 it had only signed.
    expect(await page.locator('#chart tr[data-country="ARE"]').getAttribute('data-status')).toBe('signed');
    expect(await textOf(page, '#progress-count')).toContain('9 of 10');
    expect(await page.locator('#chart button[data-record]').count()).toBe(0);

    await page.getByRole('button', { name: 'Today' }).last().click();
    await page.locator('#chart tr[data-country="ARE"][data-status="member"]').waitFor();
    expect(await textOf(page, '#progress-count')).toContain('of 10');
    expectConsoleErrors(errors);
  });

  it("records a reservation in Indonesia's drawer, reads it, confirms it and withdraws it", async () => {
    const { page, errors } = browser;
    await page.click('tr[data-country="IDN"] a.country-link');
    await page.locator('#drawer[open] #statements-none').waitFor();
    expect(await textOf(page, '#statements-title')).toBe('Reservations and declarations');
    await page.click('#statement-make summary');
    await page.selectOption('#statement-kind', 'reservation');
    await page.fill('#statement-date', '2099-01-01');
    await page.fill('#statement-text', 'Indonesia does not consider itself bound by article 21.');
    await page.click('#statement-submit');
    expect(await textOf(page, '#statement-error')).toMatch(/^Not sent: 1 January 2099 is in the future: today is .+ \(UTC\)\.$/);
    await page.fill('#statement-date', '2020-01-02');
    await page.fill('#statement-reference', 'C.N.3.2020.TREATIES');
    await page.click('#statement-submit');
    const reservation = page.locator('#statements li[data-kind="reservation"]');
    await reservation.waitFor();
    const words = (await reservation.innerText()).replace(/\s+/g, ' ');
    expect(words).toContain('Reservation · 2020-01-02 · made upon signature');
    expect(words).toContain('not confirmed');
    expect(words).toContain('Indonesia does not consider itself bound by article 21.');
    expect(words).toContain('Reference: C.N.3.2020.TREATIES');
    await page.locator('#timeline li[data-action="state"]').waitFor();
    expect(await textOf(page, '#timeline li[data-action="state"]')).toContain('Statement made');
    await page.locator('#chain-local').waitFor();
    expect(await page.locator('.chain-link--broken').count()).toBe(0);
    await page.locator('#chart tr[data-country="IDN"] .statement-kinds').waitFor();
    expect(await textOf(page, '#chart tr[data-country="IDN"] .statement-kinds')).toBe('(Reservation)');

    const stored = await demo.t
      .http()
      .get(`/api/treaties/${IOFS}/statements?country=IDN`)
      .set(...bearer(demo.t.users.officer));
    expect(stored.body.items).toHaveLength(1);
    const id = stored.body.items[0].id as number;
    expect(stored.body.items[0]).toMatchObject({ kind: 'reservation', at: 'signature', date: '2020-01-02', confirmed: false });

    await page.fill(`#statement-${id}-date`, '2020-01-03');
    await page.click(`[data-confirm="${id}"]`);
    await page.locator(`li[data-statement="${id}"] .badge--member`).waitFor();
    expect(await textOf(page, `li[data-statement="${id}"] .badge--member`)).toBe('confirmed');
    expect(await page.locator('#timeline li[data-action="confirm_statement"]').count()).toBe(1);
    await page.fill(`#statement-${id}-date`, '2020-01-04');
    await page.click(`[data-withdraw="${id}"]`);
    await page.locator(`li[data-statement="${id}"] .badge--withdrawn`).waitFor();
    expect(await textOf(page, `li[data-statement="${id}"] .badge--withdrawn`)).toBe('withdrawn on 2020-01-04');
    expect(await page.locator(`[data-withdraw="${id}"]`).count()).toBe(0);
    expect(await page.locator('#timeline li[data-action="withdraw_statement"]').count()).toBe(1);
    const after = await demo.t
      .http()
      .get(`/api/treaties/${IOFS}/statements?country=IDN`)
      .set(...bearer(demo.t.users.officer));
    expect(after.body.items[0]).toMatchObject({ confirmedOn: '2020-01-03', withdrawnOn: '2020-01-04' });

    // A declaration given in French only is shown in French, and said to be so, in the English page.
    expect(await page.locator('#statement-make').getAttribute('open')).not.toBeNull();
    expect(await page.inputValue('#statement-text')).toBe('');
    await page.selectOption('#statement-kind', 'declaration');
    await page.fill('#statement-date', '2020-01-05');
    await page.selectOption('#statement-language', 'fr');
    await page.fill('#statement-text', 'L’Indonésie déclare que l’article 5 s’applique à l’ensemble de son territoire.');
    await page.click('#statement-submit');
    const declaration = page.locator('#statements li[data-kind="declaration"]');
    await declaration.waitFor();
    expect(await declaration.locator('blockquote').getAttribute('lang')).toBe('fr');
    expect(await textOf(page, '#statements li[data-kind="declaration"]')).toContain('Text available in Français only.');
    await page.click('#drawer .dialog__close');
    await page.locator('#drawer[open]').waitFor({ state: 'detached' });
    expectConsoleErrors(errors);
  });

  it('records a ratification in the Arabic page, laid out right to left, the chart and the drawer in Arabic', async () => {
    const { page, errors } = browser;
    const declared = await demo.t
      .http()
      .post(`/api/treaties/${IOFS}/participants/IDN/statements`)
      .set(...bearer(demo.t.users.officer))
      .send({
        kind: 'declaration',
        date: '2020-01-06',
        text: { en: 'A declaration in three languages.', fr: 'Une déclaration en trois langues.', ar: 'إعلان بثلاث لغات.' },
      });
    expect(declared.status).toBe(201);
    await chooseLanguage(page, 'ar');
    expect(await page.evaluate('document.documentElement.dir')).toBe('rtl');
    await page.getByRole('heading', { name: 'النظام الأساسي للمنظمة الإسلامية للأمن الغذائي', level: 1 }).waitFor();
    expect(await textOf(page, '#chart-heading')).toBe('جدول التوقيعات والتصديقات');
    expect(await textOf(page, '#chart tr[data-country="KAZ"] .badge')).toBe('عضو');
    expect(await textOf(page, '#chart tr[data-country="KAZ"] .country-link')).toBe('كازاخستان');
    expect(await textOf(page, '#rule-words')).toBe(
      'العتبة: إيداع 10 صكوك من صكوك التصديق أو القبول أو الموافقة أو الانضمام. ' +
        'يبدأ النفاذ في تاريخ بلوغ العتبة. بالنسبة إلى الدولة التي تودع صكّها لاحقًا: في تاريخ إيداع الدولة صكّها.',
    );
    expect(await page.evaluate(`getComputedStyle(document.querySelector('#chart')).direction`)).toBe('rtl');
    await expectAccessible(page, 'treaty, ar');
    await page.locator('#treaty-plot').scrollIntoViewIfNeeded();
    await screenshot(page, 'officer-treaty-arabic.png');

    await page.click('tr[data-country="IDN"] button[data-record]');
    await page.locator('#drawer[open] #record-action').waitFor();
    expect(await textOf(page, '#drawer-title')).toBe('إندونيسيا');
    const box = await page.locator('#drawer').boundingBox();
    expect(box?.x).toBeLessThanOrEqual(1);
    expect(await page.evaluate(`getComputedStyle(document.querySelector('#drawer')).direction`)).toBe('rtl');
    expect(await textOf(page, '#record-title')).toBe('تسجيل إجراء');
    expect(await textOf(page, '#statements li[data-kind="declaration"] blockquote[lang="ar"]')).toBe('إعلان بثلاث لغات.');
    await page.locator('#chain-local').waitFor();
    await expectAccessible(page, 'drawer, ar');

    await page.selectOption('#record-action', 'ratify');
    await page.fill('#record-date', '2021-03-04');
    expect(await textOf(page, '#record-date-words')).toBe('4 مارس 2021');
    await page.click('#record-submit');
    await page.locator('#record-result').waitFor();
    expect(await textOf(page, '#record-result')).toBe(
      'سُجل: أودعت صك التصديق (إندونيسيا)، ساريًا اعتبارًا من 2021-03-04. الحالة الآن «مصدِّقة».',
    );
    await page.locator('#chart tr[data-country="IDN"][data-status="member"]').waitFor({ timeout: 15_000 });
    await page.locator('#timeline li[data-action="admit"]').waitFor();
    expect(await textOf(page, '#timeline li[data-action="admit"]')).toContain('الخدمة (النظام)');
    expect(await textOf(page, '#progress-count')).toContain('14 من 10');
    await screenshot(page, 'officer-arabic.png');
    await page.keyboard.press('Escape');
    await page.locator('#drawer[open]').waitFor({ state: 'detached' });
    await chooseLanguage(page, 'en');
    expectConsoleErrors(errors);
  });
});
