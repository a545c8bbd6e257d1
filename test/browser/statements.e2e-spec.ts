// Statements from a country's drawer: a reservation, another state's objection to it (chosen from a list), and a
// territorial application excluding a territory, each read back in the drawer and through the API; axe-clean.
import { bearer } from '../support/app';
import { Demo, IOFS, Session, expectAccessible, expectConsoleErrors, signIn, demoInBrowser } from './web-page';

describe('statements from the page: objections and territorial application', () => {
  let demo: Demo;
  let browser: Session;

  demoInBrowser(
    (started) => ({ demo, browser } = started),
    async () => {
      await signIn(browser.page, demo.t.url, demo.t.users.officer);
    },
  );

  const statementsOf = async (code: string): Promise<Record<string, unknown>[]> =>
    (
      await demo.t
        .http()
        .get(`/api/treaties/${IOFS}/statements?country=${code}`)
        .set(...bearer(demo.t.users.auditor))
    ).body.items;

  const openDrawer = async (code: string): Promise<void> => {
    const { page } = browser;
    await page.goto(`${demo.t.url}/#/treaties/${IOFS}/${code}`);
    await page.locator('#drawer[open] #statements-title').waitFor();
    await page.click('#statement-make summary');
  };

  it('records a reservation of Senegal, then an objection of Kazakhstan to it chosen from the reservations in effect', async () => {
    const { page, errors } = browser;
    await openDrawer('SEN');
    await page.selectOption('#statement-kind', 'reservation');
    await page.fill('#statement-date', '2019-03-01');
    await page.fill('#statement-text', 'Senegal does not consider itself bound by article 17.');
    await page.click('#statement-submit');
    await page.locator('#statements li[data-kind="reservation"]').waitFor();
    const [reservation] = await statementsOf('SEN');
    expect(reservation).toMatchObject({ kind: 'reservation', date: '2019-03-01' });

    await openDrawer('KAZ');
    await page.selectOption('#statement-kind', 'objection');
    await page.fill('#statement-date', '2019-06-01');
    await page.fill('#statement-text', 'Kazakhstan objects to the reservation of Senegal.');
    await page.click('#statement-submit');
    expect(await page.locator('#statement-error').innerText()).toBe('Not sent: choose the reservation the objection is made to.');
    const options = await page.locator('#statement-objects-to option').allInnerTexts();
    expect(options).toEqual([
      'Choose a reservation of another state',
      'Reservation of Senegal of 2019-03-01: Senegal does not consider itself bound by article 17.',
    ]);
    await page.selectOption('#statement-objects-to', String(reservation.id));
    await expectAccessible(page, 'the objection form, en');
    await page.click('#statement-submit');
    const objection = page.locator('#statements li[data-kind="objection"]');
    await objection.waitFor();
    expect(await objection.locator(`[data-objects-to="${String(reservation.id)}"]`).innerText()).toContain(
      `An objection to statement no. ${String(reservation.id)}.`,
    );
    expect(await statementsOf('KAZ')).toEqual([expect.objectContaining({ kind: 'objection', objectsTo: reservation.id })]);
    expectConsoleErrors(errors);
  });

  it('records the exclusion of a territory at ratification, in the French page', async () => {
    const { page, errors } = browser;
    await page.selectOption('#language', 'fr');
    await page.waitForFunction('document.documentElement.lang === "fr"');
    await openDrawer('TUR');
    await page.selectOption('#statement-kind', 'territorial_application');
    await page.fill('#statement-date', '2019-07-01');
    await page.fill('#statement-text', 'Le Statut ne s’applique pas aux territoires suivants.');
    await page.click('#statement-submit');
    expect(await page.locator('#statement-error').innerText()).toBe('Non envoyé : indiquez au moins un territoire.');
    await page.selectOption('#statement-scope', 'excluded');
    await page.fill('#statement-territories', 'Territoire A, Territoire B');
    await expectAccessible(page, 'the territorial application form, fr');
    await page.click('#statement-submit');
    const territorial = page.locator('#statements li[data-kind="territorial_application"] [data-scope="excluded"]');
    await territorial.waitFor();
    expect((await territorial.innerText()).replace(/\s+/g, ' ')).toBe('exclus de l’application du traité : Territoire A et Territoire B');
    expect(await statementsOf('TUR')).toEqual([
      expect.objectContaining({ kind: 'territorial_application', scope: 'excluded', territories: ['Territoire A', 'Territoire B'] }),
    ]);
    await page.selectOption('#language', 'en');
    expectConsoleErrors(errors);
  });
});
