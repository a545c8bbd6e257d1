// The public page of a treaty, /public/{slug}: no sign-in, three languages, status as at a date, axe-clean.
import { bearer } from '../support/app';
import { Demo, IOFS, Session, expectAccessible, expectConsoleErrors, screenshot, textOf, waitForCount, demoInBrowser } from './web-page';

describe('the public page of a treaty', () => {
  let demo: Demo;
  let browser: Session;

  demoInBrowser(
    (started) => ({ demo, browser } = started),
    async () => {
      const published = await demo.t
        .http()
        .patch(`/api/treaties/${IOFS}`)
        .set(...bearer(demo.t.users.officer))
        .send({ public: true });
      expect(published.status).toBe(200);
    },
  );

  it('answers a treaty that is not public exactly as one that does not exist, and serves the page under the CSP', async () => {
    await demo.t
      .http()
      .post('/api/treaties')
      .set(...bearer(demo.t.users.officer))
      .send({ slug: 'private-pact', title: 'Private Pact', openedForSignatureOn: '2020-01-01', entryIntoForce: { minimumParties: 2 } })
      .expect(201);
    const unknown = await demo.t.http().get('/public/no-such-treaty');
    const hidden = await demo.t.http().get('/public/private-pact');
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual({ ...unknown.body, message: unknown.body.message.replace('no-such-treaty', 'private-pact') });
    const page = await demo.t.http().get(`/public/${IOFS}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.text).toMatch(/<script type="module" crossorigin src="\/assets\/public-[\w-]+\.js"><\/script>/);
    const again = await demo.t.http().get(`/public/${IOFS}`).set('if-none-match', page.headers.etag);
    expect(again.status).toBe(304);
  });

  it('shows the chart, the progress and the status to anyone, in English', async () => {
    const { page, errors } = browser;
    await page.goto(`${demo.t.url}/public/${IOFS}?lang=en`);
    await waitForCount(page, '#public-chart tbody tr', 57);
    expect(await page.evaluate('document.documentElement.dir')).toBe('ltr');
    expect(await textOf(page, 'h1')).toBe('Statute of the Islamic Organization for Food Security');
    expect(await textOf(page, '.public__standing')).toBe('In force in force since 19 February 2018');
    expect(await textOf(page, 'tr[data-country="KAZ"]')).toContain('Member');
    expect(await page.locator('#sign-out').count()).toBe(0);
    await expectAccessible(page, 'public page, en');
    expectConsoleErrors(errors);
  });

  it('reads the record as at the day before entry into force', async () => {
    const { page, errors } = browser;
    await page.fill('#public-as-of', '2018-02-18');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.locator('.public__standing', { hasText: 'Open' }).waitFor();
    expect(await textOf(page, '.public__standing')).toBe('Open');
    expect(await textOf(page, '#progress-count')).toMatch(/^9 of 10\b/);
    expect(await page.locator('svg[aria-labelledby="plot-svg-title plot-svg-desc"]').count()).toBe(1);
    expect(await textOf(page, '.facts')).toContain('18 February 2018');
    expect(page.url()).toContain('asOf=2018-02-18');
    expectConsoleErrors(errors);
  });

  it('in French and in Arabic, right to left, axe-clean', async () => {
    const { page, errors } = browser;
    await page.goto(`${demo.t.url}/public/${IOFS}?lang=fr`);
    await waitForCount(page, '#public-chart tbody tr', 57);
    expect(await textOf(page, '.public__standing')).toContain('en vigueur depuis le 19 février 2018');
    await expectAccessible(page, 'public page, fr');
    await page.goto(`${demo.t.url}/public/${IOFS}?lang=ar`);
    await waitForCount(page, '#public-chart tbody tr', 57);
    expect(await page.evaluate('document.documentElement.dir')).toBe('rtl');
    expect(await textOf(page, 'tr[data-country="KAZ"] th')).toBe('كازاخستان');
    await expectAccessible(page, 'public page, ar');
    // Readable on a phone: nothing wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1')).toBe(true);
    await screenshot(page, 'public-page-phone-ar.png');
    await page.setViewportSize({ width: 1280, height: 900 });
    expectConsoleErrors(errors);
  });
});
