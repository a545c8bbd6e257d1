// The web page in Chromium as the focal point of Kazakhstan: the treaties, and its own country's row and timeline only.
import { bearer } from '../support/app';
import {
  Demo,
  IOFS,
  Session,
  expectAccessible,
  expectConsoleErrors,
  goTo,
  sessionKeys,
  screenshot,
  signIn,
  textOf,
  waitForCount,
  demoInBrowser,
} from './web-page';

describe('the web page for the focal point of Kazakhstan', () => {
  let demo: Demo;
  let browser: Session;

  demoInBrowser((started) => ({ demo, browser } = started));

  it('refuses a wrong password in words, then signs in', async () => {
    const { page, errors } = browser;
    await page.goto(`${demo.t.url}/`);
    expect(await page.locator('#nav').isHidden()).toBe(true);
    await page.getByLabel('E-mail').fill(demo.t.users.focal_point.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#sign-in-error:not(:empty)').waitFor();
    expect(await textOf(page, '#sign-in-error')).toBe('The e-mail address or the password is wrong, or the account is inactive.');
    expectConsoleErrors(errors, [/status of 401/]);

    await signIn(page, demo.t.url, demo.t.users.focal_point);
    expect(await sessionKeys(page)).toEqual(['depositary.session']);
    expect(await page.locator('[data-nav="audit"]').isHidden()).toBe(true);
    await page.locator(`tr[data-slug="${IOFS}"] [role="progressbar"]`).waitFor();
    expect(await page.locator(`tr[data-slug="${IOFS}"] .badge`).textContent()).toBe('In force');
    expectConsoleErrors(errors);
  });

  it("sees the treaty's status and Kazakhstan's row, and not Senegal", async () => {
    const { page, errors } = browser;
    await page.getByRole('link', { name: 'Statute of the Islamic Organization for Food Security' }).click();
    await waitForCount(page, '#chart tbody tr', 1);
    expect(await page.locator('#chart tbody tr').getAttribute('data-country')).toBe('KAZ');
    expect(await textOf(page, '#chart tbody tr')).toContain('Kazakhstan');
    expect(await textOf(page, '.headline')).toBe('In force since 19 February 2018');
    expect(await textOf(page, '#progress-count')).toContain('12 of 10');
    expect(await textOf(page, '#who-name')).toBe(`${demo.t.users.focal_point.email} · Focal point of Kazakhstan`);
    expect(await textOf(page, '#chart-heading')).toBe('Your country');
    expect(await textOf(page, '#next-step')).toBe(
      'Kazakhstan has been a party since 19 February 2018 (instrument of ratification deposited on 20 January 2015). Nothing more is needed.',
    );
    expect(await page.locator('svg.plot').count()).toBe(0);
    expect(await textOf(page, '#chart-count')).toBe("You see your own country's row only; the counts above are the whole treaty's.");
    expect(await page.locator('[data-record]').count()).toBe(0);
    const text = await page.locator('body').innerText();
    expect(text).toContain('Kazakhstan');
    expect(text).not.toContain('Senegal');
    expect(await page.content()).not.toContain('SEN');
    await screenshot(page, 'focal-point-kazakhstan.png');
    expectConsoleErrors(errors);
  });

  it("opens Kazakhstan's timeline with the chain re-hashed in the browser", async () => {
    const { page, errors } = browser;
    await page.click('tr[data-country="KAZ"] a.country-link');
    await page.locator('#drawer[open] #chain-local').waitFor();
    expect(await textOf(page, '#drawer-title')).toBe('Kazakhstan');
    const actions = await page.locator('#timeline li').evaluateAll((items) => items.map((item) => item.getAttribute('data-action')));
    expect(actions).toEqual(['invite', 'sign', 'ratify', 'admit']);
    expect(await textOf(page, '#timeline li[data-action="admit"]')).toContain('By the service (system)');
    expect(await textOf(page, '#chain-local')).toBe(
      '✓ Chain verified in this browser: 4 events of Kazakhstan re-hashed, each linked to the one before.',
    );
    expect(await page.locator('#chain-verified').count()).toBe(0);
    expect(await page.locator('#drawer form').count()).toBe(0);
    expectConsoleErrors(errors);
  });

  it("shows a refusal in words for Senegal's address, and no link to the audit trail", async () => {
    const { page, errors } = browser;
    await goTo(page, '#/treaties/iofs-statute/SEN');
    await page.locator('#drawer[open] [role="alert"]').waitFor();
    expect(await textOf(page, '#drawer [role="alert"]')).toBe(
      'The record of SEN could not be read: you may not do this. A focal point sees its own country (KAZ) only.',
    );
    expect(await page.locator('#timeline').count()).toBe(0);
    expectConsoleErrors(errors, [/status of 403/]);
    await page.keyboard.press('Escape');
    await page.locator('#drawer[open]').waitFor({ state: 'detached' });
    await page.waitForURL(/#\/treaties\/iofs-statute$/);
    expect(await page.locator('#nav a[href="#/audit"]').count()).toBe(0);
    expectConsoleErrors(errors);
  });

  it('works at a phone width, without sideways scrolling', async () => {
    const { page, errors } = browser;
    await page.setViewportSize({ width: 390, height: 844 });
    await goTo(page, '#/');
    await page.locator(`tr[data-slug="${IOFS}"] [role="progressbar"]`).waitFor();
    await goTo(page, '#/treaties/iofs-statute');
    await waitForCount(page, '#chart tbody tr', 1);
    const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await page.locator('#chart thead').evaluate((head) => head.getBoundingClientRect().height)).toBeLessThanOrEqual(1);
    const label = await page.evaluate(
      `getComputedStyle(document.querySelector('#chart tbody td[data-label="Date of deposit"]'), '::before').content`,
    );
    expect(label).toBe('"Date of deposit"');
    await page.click('tr[data-country="KAZ"] a.country-link');
    await page.locator('#drawer[open] #chain-local').waitFor();
    const drawerWidth = await page.locator('#drawer').evaluate((drawer) => drawer.getBoundingClientRect().width);
    expect(drawerWidth).toBeLessThanOrEqual(390);
    await screenshot(page, 'focal-point-phone.png');
    expectConsoleErrors(errors);
  });

  it('signs out: the token is gone and the page asks to sign in again', async () => {
    const { page, errors } = browser;
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await sessionKeys(page)).toEqual([]);
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.locator('#nav').isHidden()).toBe(true);
    expectConsoleErrors(errors);
  });

  it('with the account in French: Kazakhstan and not Senegal, the page and the drawer in French', async () => {
    const { page, errors } = browser;
    const focal = demo.t.users.focal_point;
    const changed = await demo.t
      .http()
      .patch('/api/users/me')
      .set(...bearer(focal))
      .send({ language: 'fr' });
    expect(changed.status).toBe(200);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByLabel('E-mail').fill(focal.email);
    await page.getByLabel('Password').fill(focal.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('html[lang="fr"]').waitFor({ state: 'attached' });
    await goTo(page, '#/');
    await page.getByRole('heading', { name: 'Traités', level: 1 }).waitFor();

    await goTo(page, `#/treaties/${IOFS}`);
    await waitForCount(page, '#chart tbody tr', 1);
    expect(await textOf(page, 'h1')).toBe("Statut de l'Organisation islamique pour la sécurité alimentaire");
    expect(await page.locator('#chart tbody tr').getAttribute('data-country')).toBe('KAZ');
    expect(await textOf(page, '#chart-heading')).toBe('Votre pays');
    expect(await textOf(page, '.headline')).toBe('En vigueur depuis le 19 février 2018');
    expect(await textOf(page, '#progress-count')).toBe('12 sur 10 instruments pris en compte déposés — seuil atteint');
    expect(await textOf(page, '#rule-words')).toBe(
      'Seuil : 10 instruments de ratification, d’acceptation, d’approbation ou d’adhésion déposés. ' +
        'Entrée en vigueur : le jour où le seuil est atteint. ' +
        'Pour un État qui dépose son instrument ultérieurement : le jour où l’État dépose son propre instrument.',
    );
    expect(await textOf(page, '#explanation')).toBe(
      'Le 10e instrument, déposé le 19 février 2018 (Émirats Arabes Unis), a permis d’atteindre le seuil ; le traité est entré en vigueur le même jour.',
    );
    expect(await textOf(page, '#next-step')).toBe(
      'Kazakhstan est partie depuis le 19 février 2018 (instrument de ratification déposé le 20 janvier 2015). Aucune autre formalité n’est requise.',
    );
    expect(await textOf(page, '#chart tr[data-country="KAZ"] .badge')).toBe('Membre');
    expect(await textOf(page, '#chart-count')).toBe(
      'Vous ne voyez que la ligne de votre pays ; les chiffres ci-dessus portent sur l’ensemble du traité.',
    );
    const text = await page.locator('body').innerText();
    expect(text).toContain('Kazakhstan');
    expect(text).not.toContain('Sénégal');
    expect(text).not.toContain('Senegal');
    expect(await page.content()).not.toContain('SEN');
    expect(await page.locator('[data-record]').count()).toBe(0);
    await expectAccessible(page, 'treaty, fr');

    await page.click('tr[data-country="KAZ"] a.country-link');
    await page.locator('#drawer[open] #chain-local').waitFor();
    expect(await textOf(page, '#drawer-title')).toBe('Kazakhstan');
    expect(await textOf(page, '#chain-local')).toBe(
      '✓ Chaîne vérifiée dans ce navigateur : 4 événements (Kazakhstan) recalculés, chacun rattaché au précédent.',
    );
    expect(await textOf(page, '#timeline li[data-action="ratify"] strong')).toBe('Dépôt de l’instrument de ratification');
    expect(await textOf(page, '#timeline li[data-action="admit"]')).toContain('Par le service (système)');
    expect(await textOf(page, '#statements-none')).toBe('Aucune réserve, déclaration ou autre communication n’a été formulée.');
    expect(await page.locator('#drawer form').count()).toBe(0);
    await expectAccessible(page, 'drawer, fr');
    await page.keyboard.press('Escape');
    await page.locator('#drawer[open]').waitFor({ state: 'detached' });
    expectConsoleErrors(errors);
  });
});
