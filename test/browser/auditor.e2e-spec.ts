// The web page in Chromium as an auditor: the chart, timelines and a weighted rule read, nothing offered to record (the audit view is in audit-trail.e2e-spec.ts).
import { bearer } from '../support/app';
import { Demo, IOFS, Session, expectConsoleErrors, signIn, textOf, waitForCount, demoInBrowser } from './web-page';

describe('the web page for an auditor', () => {
  let demo: Demo;
  let browser: Session;

  demoInBrowser((started) => ({ demo, browser } = started));

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
      'Threshold: 3 instruments of ratification, acceptance, approval, accession, succession or definitive signature deposited; ' +
        'the parties that have deposited weigh at least 55% of all the listed weights; ' +
        'United States of America and Russian Federation have each deposited, all holding on the same day. ' +
        'Enters into force 90 days after the day the threshold is met. For a State that deposits later: 90 days after the day of its own deposit.',
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
