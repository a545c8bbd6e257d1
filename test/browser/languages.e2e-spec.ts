// The page in English, French and Arabic: the switch, the right-to-left layout, the language kept with the account,
// and no serious accessibility violation in any of the three.
import { bearer } from '../support/app';
import { Demo, Session, chooseLanguage, expectAccessible, expectConsoleErrors, signIn, textOf, demoInBrowser } from './web-page';

describe('the web page in three languages', () => {
  let demo: Demo;
  let browser: Session;

  demoInBrowser((started) => ({ demo, browser } = started));

  it('signs in, in English, left to right, with nothing serious for axe on the sign-in form and the list', async () => {
    const { page, errors } = browser;
    await page.goto(`${demo.t.url}/`);
    await expectAccessible(page, 'sign-in, en');
    await signIn(page, demo.t.url, demo.t.users.officer);
    expect(await page.evaluate('document.documentElement.dir')).toBe('ltr');
    await page.locator('tr[data-slug="iofs-statute"] [role="progressbar"]').waitFor();
    expect(await textOf(page, 'tr[data-slug="iofs-statute"]')).toContain('In force');
    expect(await page.evaluate('document.activeElement.tagName')).toBe('H1');
    await expectAccessible(page, 'treaties, en');
    expectConsoleErrors(errors);
  });

  it('switches to Arabic: right to left, the words in Arabic, and the choice kept with the account', async () => {
    const { page, errors } = browser;
    await chooseLanguage(page, 'ar');
    expect(await page.evaluate('document.documentElement.dir')).toBe('rtl');
    await page.getByRole('heading', { name: 'المعاهدات', level: 1 }).waitFor();
    expect(await textOf(page, 'tr[data-slug="iofs-statute"]')).toContain('نافذة');
    await expectAccessible(page, 'treaties, ar');
    const me = await demo.t
      .http()
      .get('/api/users/me')
      .set(...bearer(demo.t.users.officer));
    expect(me.body.language).toBe('ar');
    expectConsoleErrors(errors);
  });

  it('in French after signing in again in a fresh tab: the account remembers', async () => {
    const { page, errors } = browser;
    await chooseLanguage(page, 'fr');
    await page.getByRole('heading', { name: 'Traités', level: 1 }).waitFor();
    await page.click('#sign-out');
    await page.evaluate('localStorage.clear()');
    await page.reload();
    await page.getByLabel('E-mail').fill(demo.t.users.officer.email);
    await page.getByLabel('Password').fill(demo.t.users.officer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Traités', level: 1 }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('fr');
    await expectAccessible(page, 'treaties, fr');
    await chooseLanguage(page, 'en');
    expectConsoleErrors(errors);
  });
});
