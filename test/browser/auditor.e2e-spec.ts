// The web page in Chromium as an auditor: the audit view with its filters, CSV export and verification; no recording.
import { bearer } from '../support/app';
import {
  Demo,
  IOFS,
  Session,
  downloadedText,
  expectConsoleErrors,
  openBrowser,
  screenshot,
  signIn,
  startDemo,
  textOf,
  waitForCount,
} from './web-page';

describe('the web page for an auditor', () => {
  let demo: Demo;
  let browser: Session;

  beforeAll(async () => {
    demo = await startDemo();
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('reads the chart and the timelines, with nothing offered to record', async () => {
    const { page, errors } = browser;
    await signIn(page, demo.t.url, demo.t.users.auditor);
    expect(await textOf(page, '#who-name')).toBe(`${demo.t.users.auditor.email} · Auditor`);
    await page.goto(`${demo.t.url}/#/treaties/${IOFS}`);
    await waitForCount(page, '#chart tbody tr', 57);
    expect(await page.locator('[data-record]').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Record/ }).count()).toBe(0);

    await page.click('tr[data-country="SEN"] a.country-link');
    await page.locator('#drawer[open] #timeline li').first().waitFor();
    expect(await textOf(page, '#drawer-title')).toBe('Senegal');
    expect(await page.locator('#drawer form').count()).toBe(0);
    expect(await page.locator('#record-action').count()).toBe(0);
    expect(await page.locator('#statement-form').count()).toBe(0);
    expect(await page.locator('#statements, #statements-none').count()).toBe(1);
    expect(await page.locator('#edit-treaty, #invite, #bulk-acts').count()).toBe(0);
    await page.locator('#chain-verified').waitFor();
    expect(await textOf(page, '#chain-verified')).toMatch(
      /^✓ Chain verified by the audit verification at .+ UTC: \d+ events of every chain re-hashed/,
    );
    await page.keyboard.press('Escape');
    await page.locator('#drawer[open]').waitFor({ state: 'detached' });
    await page.waitForURL(/#\/treaties\/iofs-statute$/);
    expectConsoleErrors(errors);
  });

  it('opens the audit view: verification, filters, CSV export', async () => {
    const { page, errors } = browser;
    await page.getByRole('link', { name: 'Audit trail' }).click();
    await page.locator('#verify-result').waitFor();
    expect(await textOf(page, '#verify-result')).toMatch(
      /^✓ Chain verified at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC: \d+ events re-hashed; every chain is intact/,
    );
    await waitForCount(page, '#audit-table tbody tr', 100);
    expect(await textOf(page, '#audit-count')).toBe('Showing 100 events; more are available.');
    expect(await page.locator('#audit-table caption').count()).toBe(1);
    expect(await page.locator('#audit-table thead th[scope="col"]').count()).toBe(11);
    await page.click('#audit-more');
    await page.locator('#audit-table tbody tr').nth(100).waitFor();

    await page.selectOption('#audit-treaty', IOFS);
    await page.fill('#audit-country', 'Kazakhstan');
    await page.getByRole('button', { name: 'Show events' }).click();
    await waitForCount(page, '#audit-table tbody tr', 4);
    expect(page.url()).toContain(`#/audit?treaty=${IOFS}&country=KAZ`);
    const acts = await page.locator('#audit-table tbody tr td:nth-child(5)').allInnerTexts();
    expect(acts).toEqual(['invite', 'sign', 'ratify', 'admit']);
    expect(await page.locator('#audit-table tbody tr td:nth-child(8)').last().innerText()).toBe('system');
    await screenshot(page, 'auditor-audit.png');

    await page.fill('#audit-actor', 'system');
    await page.getByRole('button', { name: 'Show events' }).click();
    await waitForCount(page, '#audit-table tbody tr', 1);

    const csv = await downloadedText(page, () => page.click('#audit-csv'));
    expect(csv.name).toBe('audit-events.csv');
    const lines = csv.text.trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^id,treaty,country,seq,action,from,to,date,recordedAt,actor,/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',KAZ,4,admit,ratified,member,2018-02-19,');

    await page.fill('#audit-from', '2018-02-31');
    await page.getByRole('button', { name: 'Show events' }).click();
    expect(await textOf(page, '#audit-error')).toBe('“2018-02-31” is not a date (YYYY-MM-DD) or an ISO date-time.');
    expectConsoleErrors(errors);
  });

  it('reads a weighted rule in words, with the share and the missing required parties named', async () => {
    const { page, errors } = browser;
    const officer = bearer(demo.t.users.officer);
    const created = await demo.t
      .http()
      .post('/api/treaties')
      .set(...officer)
      .send({
        slug: 'emissions-protocol',
        title: 'Protocol on Emissions',
        openedForSignatureOn: '1998-03-16',
        entryIntoForce: {
          minimumParties: 3,
          weights: { values: { USA: 36.1, RUS: 17.4, JPN: 8.5, DEU: 7.4 }, minimumShare: 55 },
          requiredParties: ['USA', 'RUS'],
          entersIntoForce: { days: 90 },
        },
      });
    expect(created.status).toBe(201);
    await demo.t
      .http()
      .post('/api/treaties/emissions-protocol/participants')
      .set(...officer)
      .send({ countries: ['USA', 'RUS', 'JPN', 'DEU'], invitedOn: '1998-03-16' });
    for (const [country, action, date] of [
      ['JPN', 'sign', '1998-04-28'],
      ['JPN', 'accept', '2002-06-04'],
      ['DEU', 'sign', '1998-04-29'],
      ['DEU', 'ratify', '2002-05-31'],
    ])
      expect(
        (
          await demo.t
            .http()
            .post(`/api/treaties/emissions-protocol/participants/${country}/actions`)
            .set(...officer)
            .send({ action, date })
        ).status,
      ).toBe(201);

    await page.goto(`${demo.t.url}/#/treaties/emissions-protocol`);
    await waitForCount(page, '#chart tbody tr', 4);
    expect(await textOf(page, '#rule-words')).toBe(
      'Threshold: 3 instruments of ratification, acceptance, approval or accession deposited; the parties that have deposited weigh at least 55% of all listed weights; United States of America and Russian Federation have each deposited, all on the same day. Enters into force on the 90th day after the day the threshold is met. For a country that deposits later: on the 90th day after the day of its own deposit.',
    );
    expect(await textOf(page, '.headline')).toBe('Not yet in force');
    const progress = await textOf(page, '.summary__progress');
    expect(progress).toContain('2 of 3 counted instruments deposited — 1 more needed');
    expect(progress).toContain('22.91% of 55% of the weighted share');
    expect(progress).toContain('Still required: United States of America (USA) and Russian Federation (RUS)');
    expect(await page.locator('svg.plot .plot__threshold text').textContent()).toBe('Threshold: 3');
    expectConsoleErrors(errors);
  });
});
