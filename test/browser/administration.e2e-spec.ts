// The administration views in Chromium: the admin's users, an officer's focal points and reminder sweep with the
// deliveries it queued (a real worker and SMTP sink), and every view checked by axe in English, French and Arabic.
import { bearer } from '../support/app';
import { eventually } from '../support/smtp-sink';
import {
  Demo,
  Session,
  chooseLanguage,
  expectAccessible,
  expectConsoleErrors,
  goTo,
  signIn,
  textOf,
  waitForCount,
  demoInBrowser,
} from './web-page';

const NEW_OFFICER = { email: 'amina.diallo@example.org', password: 'first-password-1' };
const NEW_FOCAL_POINT = { email: 'nurlan.abenov@example.org', password: 'astana-2013-kz' };

describe('the administration views of the web page', () => {
  let demo: Demo;
  let browser: Session;

  demoInBrowser((started) => ({ demo, browser } = started));

  it('lets the admin create an officer and a focal point for Kazakhstan, then change and reset them', async () => {
    const { page, errors } = browser;
    await signIn(page, demo.t.url, demo.t.users.admin);
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    await waitForCount(page, '#users-table tbody tr', 4);
    expect(await textOf(page, '#users-table caption')).toBe('4 users');
    expect(await textOf(page, `#users-table tr[data-email="${demo.t.users.admin.email}"] th`)).toContain('(you)');
    expect(await textOf(page, `#users-table tr[data-email="${demo.t.users.focal_point.email}"]`)).toContain('Kazakhstan (KAZ)');

    // An officer: no country field for that role.
    await page.getByLabel('E-mail', { exact: true }).fill(NEW_OFFICER.email);
    await page.getByLabel('Name', { exact: true }).fill('Amina Diallo');
    await page.selectOption('#user-role', 'officer');
    expect(await page.locator('#user-country').count()).toBe(0);
    await page.selectOption('#user-language', 'fr');
    await page.fill('#user-password', 'short');
    await page.getByRole('button', { name: 'Create the user' }).click();
    expect(await textOf(page, '#user-create-error')).toBe('At least 8 characters.');
    await page.fill('#user-password', NEW_OFFICER.password);
    await page.getByRole('button', { name: 'Create the user' }).click();
    await waitForCount(page, '#users-table tbody tr', 5);
    const officerRow = `#users-table tr[data-email="${NEW_OFFICER.email}"]`;
    expect(await textOf(page, officerRow)).toContain('Amina Diallo');
    expect(await textOf(page, officerRow)).toContain('Depositary officer');
    expect(await textOf(page, officerRow)).toContain('Français');
    expect(await textOf(page, '#flash')).toBe(`${NEW_OFFICER.email} is created (Depositary officer).`);

    // A focal point needs its country, found by its name.
    await page.getByLabel('E-mail', { exact: true }).fill(NEW_FOCAL_POINT.email);
    await page.getByLabel('Name', { exact: true }).fill('Nurlan Abenov');
    await page.selectOption('#user-role', 'focal_point');
    expect(await page.inputValue('#user-language')).toBe('fr');
    await page.selectOption('#user-language', 'en');
    await page.fill('#user-password', NEW_FOCAL_POINT.password);
    await page.getByRole('button', { name: 'Create the user' }).click();
    expect(await textOf(page, '#user-create-error')).toBe('A focal point needs its country: give its name or code.');
    await page.getByLabel('Country of the focal point').fill('Kazakhstan');
    await page.getByRole('button', { name: 'Create the user' }).click();
    await waitForCount(page, '#users-table tbody tr', 6);
    const focalRow = `#users-table tr[data-email="${NEW_FOCAL_POINT.email}"]`;
    expect(await textOf(page, focalRow)).toContain('Focal point');
    expect(await textOf(page, focalRow)).toContain('Kazakhstan (KAZ)');

    // The same e-mail twice is refused in words.
    await page.getByLabel('E-mail', { exact: true }).fill(NEW_OFFICER.email);
    await page.getByLabel('Name', { exact: true }).fill('Amina again');
    await page.selectOption('#user-role', 'officer');
    await page.fill('#user-password', NEW_OFFICER.password);
    await page.getByRole('button', { name: 'Create the user' }).click();
    await page.locator('#user-create-error:not(:empty)').waitFor();
    expect(await textOf(page, '#user-create-error')).toMatch(/^The user was not created: it conflicts with the record\. .*already exists/);

    const users = await demo.t
      .http()
      .get('/api/users')
      .set(...bearer(demo.t.users.admin));
    const created = (users.body.items as { email: string; role: string; country: string | null; language: string }[]).filter((user) =>
      [NEW_OFFICER.email, NEW_FOCAL_POINT.email].includes(user.email),
    );
    expect(created.map(({ email, role, country, language }) => ({ email, role, country, language }))).toEqual([
      { email: NEW_OFFICER.email, role: 'officer', country: null, language: 'fr' },
      { email: NEW_FOCAL_POINT.email, role: 'focal_point', country: 'KAZ', language: 'en' },
    ]);

    // Deactivate the focal point in its dialog; the focus comes back to the button that opened it.
    const change = page.getByRole('button', { name: `Change ${NEW_FOCAL_POINT.email}` });
    await change.click();
    await page.locator('#user-change[open]').waitFor();
    expect(await page.inputValue('#user-change-country')).toBe('Kazakhstan (KAZ)');
    await page.uncheck('#user-change-active');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('#user-change').waitFor({ state: 'detached' });
    expect(await textOf(page, `${focalRow} .badge`)).toBe('Inactive');
    expect(await page.evaluate('document.activeElement.textContent')).toBe(`Change ${NEW_FOCAL_POINT.email}`);

    // A new password for the officer, who then signs in with it.
    await page.getByRole('button', { name: `New password for ${NEW_OFFICER.email}` }).click();
    await page.locator('#user-reset[open]').waitFor();
    NEW_OFFICER.password = 'second-password-2';
    await page.fill('#user-new-password', NEW_OFFICER.password);
    await page.getByRole('button', { name: 'Set the password' }).click();
    await page.locator('#user-reset').waitFor({ state: 'detached' });
    expect(await textOf(page, '#flash')).toBe(`${NEW_OFFICER.email}: the password is changed.`);
    const refused = await demo.t.http().post('/api/auth/token').send({ email: NEW_FOCAL_POINT.email, password: NEW_FOCAL_POINT.password });
    expect(refused.status).toBe(401);
    await page.click('#sign-out');
    expectConsoleErrors(errors, [/status of 409/]);
  });

  it('lets an officer add, edit and deactivate focal points of a country', async () => {
    const { page, errors } = browser;
    // The officer the admin created, signed in with the password the admin set; the page speaks French for her.
    await goTo(page, '#/');
    await page.getByLabel('E-mail').fill(NEW_OFFICER.email);
    await page.getByLabel('Password').fill(NEW_OFFICER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Traités', level: 1 }).waitFor();
    await chooseLanguage(page, 'en');
    expect(await page.locator('[data-nav="users"]').count()).toBe(0);
    await page.getByRole('link', { name: 'Focal points' }).click();
    await page.getByRole('heading', { name: 'Focal points', level: 1 }).waitFor();
    await page.getByLabel('Country').fill('alb');
    await page.getByRole('button', { name: 'Show its focal points' }).click();
    await page.waitForURL(/#\/focal-points\?country=ALB$/);
    expect(await textOf(page, '#focal-list-title')).toBe('Focal points of Albania');
    expect(await textOf(page, '#focal-none')).toBe('Albania has no focal point yet: no reminder can reach it.');

    await page.fill('#focal-add-name', 'Elira Hoxha');
    await page.fill('#focal-add-email', 'elira.hoxha@example.al');
    await page.selectOption('#focal-add-language', 'fr');
    await page.getByRole('button', { name: 'Add the focal point' }).click();
    await waitForCount(page, '#focal-table tbody tr', 1);
    expect(await textOf(page, '#focal-table caption')).toBe('1 focal point of Albania');
    const row = '#focal-table tbody tr:first-child';
    expect(await textOf(page, `${row} th`)).toBe('Elira Hoxha');
    expect(await textOf(page, row)).toContain('elira.hoxha@example.al Français Active');
    expect(await page.inputValue('#focal-add-name')).toBe('');

    await page.fill('#focal-add-name', 'Besnik Leka');
    await page.fill('#focal-add-email', 'not-an-address');
    await page.getByRole('button', { name: 'Add the focal point' }).click();
    await page.locator('#focal-add-error:not(:empty)').waitFor();
    expect(await textOf(page, '#focal-add-error')).toMatch(
      /^The focal point was not added: the request was refused as incomplete or malformed\./,
    );
    await page.fill('#focal-add-email', 'besnik.leka@example.al');
    await page.getByRole('button', { name: 'Add the focal point' }).click();
    await waitForCount(page, '#focal-table tbody tr', 2);

    await page.getByRole('button', { name: 'Edit Elira Hoxha' }).click();
    await page.locator('#focal-edit[open]').waitFor();
    expect(await page.inputValue('#focal-edit-form-email')).toBe('elira.hoxha@example.al');
    await page.fill('#focal-edit-form-name', 'Elira Hoxha-Kola');
    await page.selectOption('#focal-edit-form-language', 'ar');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('#focal-edit').waitFor({ state: 'detached' });
    await page.locator('#focal-table th', { hasText: 'Elira Hoxha-Kola' }).waitFor();

    await page.getByRole('button', { name: 'Deactivate Besnik Leka' }).click();
    await page.getByRole('button', { name: 'Reactivate Besnik Leka' }).waitFor();
    expect(await textOf(page, '#flash')).toBe('Besnik Leka is deactivated: no more reminders go to this address.');

    const listed = await demo.t
      .http()
      .get('/api/countries/ALB/focal-points')
      .set(...bearer(demo.t.users.officer));
    expect(
      (listed.body.items as { name: string; language: string; active: boolean }[])
        .map(({ name, language, active }) => ({ name, language, active }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    ).toEqual([
      { name: 'Besnik Leka', language: 'en', active: false },
      { name: 'Elira Hoxha-Kola', language: 'ar', active: true },
    ]);
    expectConsoleErrors(errors, [/Failed to load resource.*400/]);
  });

  it('lets the officer run the reminder sweep and follow the deliveries it queued', async () => {
    const { page, errors } = browser;
    await page.getByRole('link', { name: 'Deliveries' }).click();
    await page.getByRole('heading', { name: 'E-mail deliveries', level: 1 }).waitFor();
    // The notices the demo's entry into force sent to the depositary's staff are there already; no reminder yet.
    await page.locator('#deliveries-count', { hasText: 'Showing' }).waitFor();
    const notices = await page.locator('#deliveries-table tbody tr').count();
    expect(notices).toBeGreaterThan(0);
    expect(await page.locator('#deliveries-table td[data-kind="reminder"]').count()).toBe(0);
    expect(await page.locator('#deliveries-table td[data-kind="notice.entered_into_force"]').first().innerText()).toBe(
      'Notice: entry into force',
    );
    await page.getByRole('button', { name: 'Run the reminder sweep' }).click();
    // Albania, invited in 2013, is due a reminder; only its active focal point gets it.
    await page.locator('#sweep-result:not(:empty)').waitFor();
    expect(await textOf(page, '#sweep-result')).toBe('The sweep queued 1 reminder.');
    await waitForCount(page, '#deliveries-table tbody tr', notices + 1);
    const row = '#deliveries-table tbody tr:has(td[data-kind="reminder"])';
    expect(await page.locator(row).count()).toBe(1);
    expect(await textOf(page, `${row} td[data-kind]`)).toBe('Reminder no. 1 (Invited)');
    expect(await textOf(page, `${row} td:nth-child(4)`)).toBe('elira.hoxha@example.al');
    expect(await textOf(page, `${row} td:nth-child(6)`)).toBe('ALB');

    // The worker sends it to the SMTP sink; reading the list again shows it sent.
    await eventually(() => demo.sink.messages.find((mail) => mail.to.includes('elira.hoxha@example.al')), 20_000, 'the reminder');
    await eventually(async () => {
      await page.getByRole('button', { name: 'Read again' }).click();
      await page.waitForTimeout(200);
      return (await page.locator(`${row}`).getAttribute('data-status')) === 'sent' ? true : undefined;
    });
    expect(await textOf(page, `${row} td:nth-child(7)`)).toBe('Sent');
    expect(await textOf(page, `${row} td:nth-child(8)`)).toBe('1');
    expect(await textOf(page, `${row} td:nth-child(9)`)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(await textOf(page, `${row} td:nth-child(10)`)).toBe('');

    await page.selectOption('#delivery-status', 'failed');
    await page.locator('#deliveries-count', { hasText: 'No delivery has the status “Failed, to be tried again”.' }).waitFor();
    expect(await page.locator('#deliveries-table').count()).toBe(0);
    await page.selectOption('#delivery-status', 'sent');
    await page.locator(row).waitFor();
    const statuses = await page
      .locator('#deliveries-table tbody tr')
      .evaluateAll((rows) => rows.map((tr) => tr.getAttribute('data-status')));
    expect(new Set(statuses)).toEqual(new Set(['sent']));

    await page.getByRole('button', { name: 'Run the reminder sweep' }).click();
    await page.locator('#sweep-result', { hasText: 'none is due' }).waitFor();
    expect(await textOf(page, '#sweep-result')).toBe('The sweep queued no reminder: none is due today.');
    expect(demo.sink.messages.filter((mail) => mail.to.includes('elira.hoxha@example.al'))).toHaveLength(1);
    await page.click('#sign-out');
    expectConsoleErrors(errors);
  });

  it('has nothing serious for axe on each administration view, in English, French and Arabic', async () => {
    const { page, errors } = browser;
    await signIn(page, demo.t.url, demo.t.users.admin);
    const views: { hash: string; rows: string; titles: Record<'en' | 'fr' | 'ar', string> }[] = [
      { hash: '#/audit', rows: '#audit-table tbody tr', titles: { en: 'Audit trail', fr: 'Piste d’audit', ar: 'سجل التدقيق' } },
      {
        hash: '#/audit?kind=configuration',
        rows: '#audit-config-table tbody tr',
        titles: { en: 'Audit trail', fr: 'Piste d’audit', ar: 'سجل التدقيق' },
      },
      {
        hash: '#/deliveries',
        rows: '#deliveries-table tbody tr',
        titles: { en: 'E-mail deliveries', fr: 'Envois de courriels', ar: 'إرساليات البريد الإلكتروني' },
      },
      {
        hash: '#/focal-points?country=ALB',
        rows: '#focal-table tbody tr',
        titles: { en: 'Focal points', fr: 'Points focaux', ar: 'جهات الاتصال' },
      },
      { hash: '#/users', rows: '#users-table tbody tr', titles: { en: 'Users', fr: 'Utilisateurs', ar: 'المستخدمون' } },
    ];
    for (const language of ['en', 'fr', 'ar'] as const) {
      await chooseLanguage(page, language);
      for (const { hash, rows, titles } of views) {
        await goTo(page, hash);
        await page.getByRole('heading', { name: titles[language], level: 1, exact: true }).waitFor();
        await page.locator(rows).first().waitFor();
        if (hash.startsWith('#/audit')) await page.locator('#verify-result').waitFor();
        expect(await page.evaluate('document.documentElement.dir')).toBe(language === 'ar' ? 'rtl' : 'ltr');
        await expectAccessible(page, `${hash}, ${language}`);
      }
    }
    expect(await textOf(page, '#users-table caption')).toBe('6 مستخدمين');
    expect(await textOf(page, `#users-table tr[data-email="${NEW_FOCAL_POINT.email}"]`)).toContain('كازاخستان (KAZ)');
    // A dialog too, in Arabic.
    await page
      .getByRole('button', { name: /./ })
      .filter({ has: page.locator(':scope') })
      .first()
      .waitFor();
    await page.locator(`#users-table tr[data-email="${NEW_OFFICER.email}"] .row-actions button`).first().click();
    await page.locator('#user-change[open]').waitFor();
    await expectAccessible(page, 'user change dialog, ar');
    await page.keyboard.press('Escape');
    await page.locator('#user-change').waitFor({ state: 'detached' });
    await chooseLanguage(page, 'en');
    expectConsoleErrors(errors);
  });

  it('refuses each administration view in words to a focal point, whose header does not offer them', async () => {
    const { page, errors } = browser;
    await page.click('#sign-out');
    await signIn(page, demo.t.url, demo.t.users.focal_point);
    for (const nav of ['audit', 'deliveries', 'focal-points', 'users']) expect(await page.locator(`[data-nav="${nav}"]`).count()).toBe(0);
    const refusals: [string, string, string][] = [
      ['#/audit', 'Audit trail', 'Your role does not include the audit trail: it is for depositary officers and auditors.'],
      ['#/deliveries', 'E-mail deliveries', 'Your account does not include the deliveries.'],
      ['#/focal-points?country=KAZ', 'Focal points', 'Your account does not include managing focal points.'],
      ['#/users', 'Users', 'Your account does not include managing users.'],
    ];
    for (const [hash, title, refusal] of refusals) {
      await goTo(page, hash);
      await page.getByRole('heading', { name: title, level: 1, exact: true }).waitFor();
      expect(await textOf(page, 'main [role="alert"]')).toBe(refusal);
      expect(await page.locator('main table, main form').count()).toBe(0);
    }
    // Nothing was asked of the API that it would refuse.
    expectConsoleErrors(errors);
  });
});
