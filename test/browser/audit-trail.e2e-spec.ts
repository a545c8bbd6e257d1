// The audit trail in Chromium, as an auditor: the verification, the filters kept in the address, paging, the CSV
// export, and the dates refused before they are sent.
import {
  Demo,
  IOFS,
  Session,
  downloadedText,
  expectConsoleErrors,
  screenshot,
  signIn,
  textOf,
  waitForCount,
  demoInBrowser,
} from './web-page';

describe('the audit trail in the web page', () => {
  let demo: Demo;
  let browser: Session;

  demoInBrowser(
    (started) => ({ demo, browser } = started),
    async () => {
      await signIn(browser.page, demo.t.url, demo.t.users.auditor);
    },
  );

  it('opens the audit view: verification, filters, CSV export', async () => {
    const { page, errors } = browser;
    await page.getByRole('link', { name: 'Audit trail' }).click();
    await page.getByRole('heading', { name: 'Audit trail', level: 1 }).waitFor();
    expect(await page.evaluate('document.activeElement.tagName')).toBe('H1');
    await page.locator('#verify-result').waitFor();
    expect(await textOf(page, '#verify-result')).toMatch(
      /^✓ Chain verified at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC: \d+ events re-hashed; every chain is intact/,
    );
    await waitForCount(page, '#audit-table tbody tr', 100);
    expect(await textOf(page, '#audit-count')).toBe('Showing 100 events; more are available.');
    expect(await textOf(page, '#audit-filtered')).toBe('All events.');
    expect(await page.locator('#audit-table caption').count()).toBe(1);
    expect(await page.locator('#audit-table thead th[scope="col"]').count()).toBe(11);
    await page.click('#audit-more');
    await page.locator('#audit-table tbody tr').nth(100).waitFor();
    const ids = await page.locator('#audit-table tbody tr').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-id'))));
    expect(ids.length).toBeGreaterThan(100);
    expect(new Set(ids).size).toBe(ids.length);

    await page.selectOption('#audit-treaty', IOFS);
    await page.fill('#audit-country', 'Kazakhstan');
    await page.getByRole('button', { name: 'Show events' }).click();
    await waitForCount(page, '#audit-table tbody tr', 4);
    expect(page.url()).toContain(`#/audit?treaty=${IOFS}&country=KAZ`);
    expect(await textOf(page, '#audit-count')).toBe('Showing 4 events.');
    expect(await textOf(page, '#audit-filtered')).toBe(`Filtered by Treaty: ${IOFS} and Country: Kazakhstan (KAZ).`);
    expect(await page.locator('#audit-more').count()).toBe(0);
    const acts = page.locator('#audit-table tbody tr td:nth-child(5)');
    expect(await acts.evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-action')))).toEqual([
      'invite',
      'sign',
      'ratify',
      'admit',
    ]);
    expect(await acts.allInnerTexts()).toEqual(['Invited', 'Signed', 'Instrument of ratification deposited', 'Became a member']);
    expect(await page.locator('#audit-table tbody tr td:nth-child(4)').allInnerTexts()).toEqual(['KAZ', 'KAZ', 'KAZ', 'KAZ']);
    expect(await page.locator('#audit-table tbody tr td:nth-child(6)').last().innerText()).toBe('Ratified → Member');
    expect(await page.locator('#audit-table tbody tr td:nth-child(8)').last().innerText()).toBe('system');
    expect(await page.locator('#audit-table tbody tr td:nth-child(8)').first().innerText()).toBe(demo.t.users.officer.email);
    await screenshot(page, 'auditor-audit.png');

    // The filters live in the address: reading it again gives the same events, the form filled in.
    await page.reload();
    await waitForCount(page, '#audit-table tbody tr', 4);
    expect(await page.inputValue('#audit-country')).toBe('Kazakhstan (KAZ)');
    expect(await page.inputValue('#audit-treaty')).toBe(IOFS);

    await page.fill('#audit-actor', 'system');
    await page.getByRole('button', { name: 'Show events' }).click();
    await waitForCount(page, '#audit-table tbody tr', 1);
    expect(page.url()).toContain(`#/audit?treaty=${IOFS}&country=KAZ&actor=system`);

    const csv = await downloadedText(page, () => page.click('#audit-csv'));
    expect(csv.name).toBe('audit-events.csv');
    const lines = csv.text.trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^id,treaty,country,seq,action,from,to,date,recordedAt,actor,/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',KAZ,4,admit,ratified,member,2018-02-19,');

    await page.fill('#audit-from', '2018-02-31');
    await page.getByRole('button', { name: 'Show events' }).click();
    expect(await textOf(page, '#audit-error')).toBe('“2018-02-31” is not a date (YYYY-MM-DD) or an ISO date-time.');
    expect(page.url()).not.toContain('from=');
    await page.fill('#audit-from', '');
    await page.fill('#audit-country', 'Atlantis');
    await page.getByRole('button', { name: 'Show events' }).click();
    expect(await textOf(page, '#audit-error')).toBe('“Atlantis” is not a country code or name.');

    await page.getByRole('button', { name: 'Clear' }).click();
    await page.waitForURL(/#\/audit$/);
    await waitForCount(page, '#audit-table tbody tr', 100);
    expect(await page.inputValue('#audit-country')).toBe('');
    expectConsoleErrors(errors);
  });

  it('reads the trail of configuration changes, kept in the address like the other filters', async () => {
    const { page, errors } = browser;
    await page.selectOption('#audit-kind', 'configuration');
    await page.getByRole('button', { name: 'Show events' }).click();
    await page.waitForURL(/#\/audit\?kind=configuration$/);
    await page.locator('#audit-config-table tbody tr').first().waitFor();
    expect(await page.locator('#audit-table').count()).toBe(0);
    expect(await page.locator('#audit-config-table thead th[scope="col"]').count()).toBe(9);
    expect(await textOf(page, '#audit-filtered')).toBe('Filtered by Trail: Changes of configuration.');
    const created = page.locator('#audit-config-table tbody tr:has(td[data-action="treaty.created"])');
    expect(await created.count()).toBe(1);
    expect(await textOf(page, '#audit-config-table tbody tr:has(td[data-action="treaty.created"]) td:nth-child(3)')).toBe('Treaty created');
    expect(await textOf(page, '#audit-config-table tbody tr:has(td[data-action="treaty.created"]) td:nth-child(4)')).toBe(IOFS);
    expect(await textOf(page, '#audit-config-table tbody tr:has(td[data-action="treaty.created"]) td:nth-child(8)')).toContain(
      `slug: ${IOFS}`,
    );
    const count = await page.locator('#audit-config-table tbody tr').count();
    expect(await textOf(page, '#audit-count')).toBe(count === 1 ? 'Showing 1 event.' : `Showing ${count} events.`);

    const csv = await downloadedText(page, () => page.click('#audit-csv'));
    expect(csv.name).toBe('audit-configuration-events.csv');
    const lines = csv.text.trim().split(/\r?\n/);
    expect(lines).toHaveLength(count + 1);
    expect(lines.some((line) => line.includes(',treaty.created,'))).toBe(true);

    // Back to the acts of the participants, with the browser's back button.
    await page.goBack();
    await page.waitForURL(/#\/audit$/);
    await waitForCount(page, '#audit-table tbody tr', 100);
    expect(await page.inputValue('#audit-kind')).toBe('');
    expectConsoleErrors(errors);
  });
});
