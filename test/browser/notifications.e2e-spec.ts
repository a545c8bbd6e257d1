// The web page's depositary notifications: the officer's drafts read in three languages and issued after a
// confirmation, the issued list with delivery counts that turn to sent (a real SMTP sink), and the focal point of
// Kazakhstan reading what its country received, in the page's language.
import type { Page } from 'playwright-core';
import { Reconciler } from '../../apps/worker/src/schedules/reconciler.service';
import { bearer, createTreaty } from '../support/app';
import { eventually } from '../support/smtp-sink';
import {
  Demo,
  IOFS,
  Session,
  chooseLanguage,
  expectAccessible,
  expectConsoleErrors,
  goTo,
  screenshot,
  signIn,
  textOf,
  waitForCount,
  waitForText,
  demoInBrowser,
} from './web-page';

interface Notification {
  id: number;
  number: string | null;
  status: string;
  kind: string;
  eventId: number | null;
  deliveries: { queued: number; sent: number; failed: number; dead: number };
}

const TITLE = 'Statute of the Islamic Organization for Food Security';
const today = new Date().toISOString().slice(0, 10);
const year = today.slice(0, 4);
const FOCAL_POINTS = [
  { country: 'KAZ', name: 'Aigerim Sarsenova', email: 'focal.kaz@notify.test', language: 'en' },
  { country: 'SEN', name: 'Awa Ndiaye', email: 'focal.sen@notify.test', language: 'fr' },
];

describe('depositary notifications in the web page', () => {
  let demo: Demo;
  let browser: Session;
  let draft: Notification;

  const officer = (): [string, string] => bearer(demo.t.users.officer);
  const list = async (query: string): Promise<Notification[]> => {
    const response = await demo.t
      .http()
      .get(`/api/depositary-notifications?${query}`)
      .set(...officer());
    expect(response.status).toBe(200);
    return response.body.items as Notification[];
  };
  /** Records an act through the API, as the page would, and waits for the worker to draft its notification. */
  const actAndDraft = async (code: string): Promise<Notification> => {
    const recorded = await demo.t
      .http()
      .post(`/api/treaties/${IOFS}/participants/${code}/actions`)
      .set(...officer())
      .send({ action: 'sign', date: today });
    expect(recorded.status).toBe(201);
    const eventId = Number(recorded.body.event.id);
    return eventually(
      async () => (await list(`treaty=${IOFS}&status=draft`)).find((n) => n.eventId === eventId),
      20_000,
      `the draft of ${code}'s signature`,
    );
  };
  const draftCard = (page: Page) => page.locator(`article[data-draft="${draft.id}"]`);

  demoInBrowser(
    (started) => ({ demo, browser } = started),
    async () => {
      for (const { country, ...focalPoint } of FOCAL_POINTS) {
        const created = await demo.t
          .http()
          .post(`/api/countries/${country}/focal-points`)
          .set(...officer())
          .send(focalPoint);
        expect(created.status).toBe(201);
      }
      // A second treaty, so that the list can be narrowed to one; the demo treaty does not auto-issue its drafts.
      await createTreaty(demo.t, 'notify-other', ['KAZ', 'SEN']);
      draft = await actAndDraft('IDN');
    },
  );

  it('drafts one notification for the act, and none for the history it imported, also after a reconciliation', async () => {
    expect(draft).toMatchObject({ status: 'draft', number: null, kind: 'sign' });
    await demo.worker.get(Reconciler).reconcile();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const drafts = await list(`treaty=${IOFS}`);
    expect(drafts.map((n) => [n.id, n.kind, n.status])).toEqual([[draft.id, 'sign', 'draft']]);
  });

  it('shows the officer the draft, readable in English, French and Arabic, accessible in each language', async () => {
    const { page, errors } = browser;
    await signIn(page, demo.t.url, demo.t.users.officer);
    await page.locator('[data-nav="notifications"]').click();
    await page.getByRole('heading', { name: 'Depositary notifications', level: 1 }).waitFor();
    expect(await page.evaluate('document.activeElement?.tagName')).toBe('H1');
    expect(await textOf(page, '#drafts-count')).toBe('1 draft is waiting to be issued.');
    await waitForCount(page, 'article[data-draft]', 1);
    const card = draftCard(page);
    const facts = (await card.locator('dl').innerText()).replace(/\s+/g, ' ');
    expect(facts).toContain('Draft, not yet numbered');
    expect(facts).toContain(TITLE);
    expect(facts).toContain('Signature');
    expect(facts).toContain('Indonesia');

    const panel = card.locator('[role="tabpanel"]');
    expect(await card.getByRole('tab', { name: 'Text in English' }).getAttribute('aria-selected')).toBe('true');
    expect(await panel.getAttribute('lang')).toBe('en');
    const english = (await panel.innerText()).replace(/\s+/g, ' ');
    expect(english).toContain(`${TITLE}: Indonesia: signature`);
    expect(english).toContain(`the Government of Indonesia signed the ${TITLE}.`);

    await card.getByRole('tab', { name: 'Text in Français' }).click();
    expect(await panel.getAttribute('lang')).toBe('fr');
    expect(await panel.getAttribute('dir')).toBe('ltr');
    const french = (await panel.innerText()).replace(/\s+/g, ' ');
    expect(french).toContain('Secretary General of the Organization of Islamic Cooperation) communique ce qui suit :');
    expect(french).toContain("l'État suivant a signé le Statut de l'Organisation islamique pour la sécurité alimentaire : Indonésie.");

    // The arrow keys move between the languages, as tabs do.
    await card.getByRole('tab', { name: 'Text in Français' }).press('ArrowRight');
    expect(await card.getByRole('tab', { name: 'Text in العربية' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate('document.activeElement?.dataset.language')).toBe('ar');
    expect(await panel.getAttribute('lang')).toBe('ar');
    expect(await panel.getAttribute('dir')).toBe('rtl');
    const arabic = (await panel.innerText()).replace(/\s+/g, ' ');
    expect(arabic).toContain('يُبلغ الوديع');
    expect(arabic).toContain('وقّعت حكومة إندونيسيا على النظام الأساسي للمنظمة الإسلامية للأمن الغذائي');
    await expectAccessible(page, 'the notifications of an officer, in English');
    await screenshot(page, 'notifications-draft.png');

    await chooseLanguage(page, 'fr');
    await page.getByRole('heading', { name: 'Notifications dépositaires', level: 1 }).waitFor();
    expect(await textOf(page, '#drafts-count')).toBe('1 projet attend d’être diffusé.');
    expect(await card.getByRole('button', { name: /^Diffuser le projet/ }).isVisible()).toBe(true);
    await expectAccessible(page, 'the notifications of an officer, in French');
    await chooseLanguage(page, 'ar');
    await page.getByRole('heading', { name: 'إخطارات الوديع', level: 1 }).waitFor();
    expect(await page.evaluate('document.documentElement.dir')).toBe('rtl');
    expect(await textOf(page, '#drafts-count')).toBe('يوجد مشروع واحد بانتظار الإصدار.');
    await expectAccessible(page, 'the notifications of an officer, in Arabic');
    await chooseLanguage(page, 'en');
    expectConsoleErrors(errors);
  });

  it('issues the draft after a confirmation, and shows it issued with its deliveries turning to sent', async () => {
    const { page, errors } = browser;
    const issueButton = draftCard(page).getByRole('button', { name: /^Issue the draft/ });
    await issueButton.click();
    await page.locator('#issue-dialog[open]').waitFor();
    expect(await textOf(page, '#issue-dialog-title')).toBe('Issue this notification?');
    expect(await textOf(page, '#issue-dialog')).toContain(`sent to the focal points of every state invited to ${TITLE}`);
    await expectAccessible(page, 'the confirmation before issuing');
    // Cancelled: nothing is issued and the focus goes back to the button.
    await page.keyboard.press('Escape');
    await page.locator('#issue-dialog').waitFor({ state: 'detached' });
    expect(await page.evaluate('document.activeElement?.dataset.issue')).toBe(String(draft.id));
    expect((await list(`treaty=${IOFS}&status=draft`)).map((n) => n.id)).toEqual([draft.id]);

    await issueButton.click();
    await page.locator('#confirm-issue').click();
    const number = `C.N.1.${year}`;
    await waitForText(page, '#flash', `Issued as ${number}; it is being sent to the states.`);
    await waitForText(page, '#drafts-count', 'No draft is waiting to be issued.');
    expect(await page.locator('article[data-draft]').count()).toBe(0);
    const row = page.locator(`#issued tr[data-number="${number}"]`);
    await row.waitFor();
    expect(await textOf(page, `#issued tr[data-number="${number}"] th`)).toBe(number);
    expect((await row.innerText()).replace(/\s+/g, ' ')).toContain(`${TITLE}: Indonesia: signature`);
    // Two focal points of invited states (KAZ and SEN): two e-mails, counted as the API counts them, until all are sent.
    await page.locator(`#issued tr[data-number="${number}"] [data-delivery="sent"]`, { hasText: '2 sent' }).waitFor({ timeout: 20_000 });
    expect(await textOf(page, `#issued tr[data-number="${number}"] [data-delivery="queued"]`)).toBe('0 queued');
    expect(await textOf(page, `#issued tr[data-number="${number}"] [data-delivery="failed"]`)).toBe('0 failed');
    expect(await textOf(page, `#issued tr[data-number="${number}"] [data-delivery="dead"]`)).toBe('0 given up');
    const [issued] = await list(`treaty=${IOFS}&status=issued`);
    expect(issued).toMatchObject({ id: draft.id, number, deliveries: { queued: 0, sent: 2, failed: 0, dead: 0 } });
    const mail = demo.sink.messages.filter((message) => message.subject.includes(number) || message.text.includes(number));
    expect(mail.map((message) => message.to.join()).sort()).toEqual(['focal.kaz@notify.test', 'focal.sen@notify.test']);
    expect(mail.find((message) => message.to.includes('focal.sen@notify.test'))!.text).toContain('Indonésie');
    await screenshot(page, 'notifications-issued.png');
    expectConsoleErrors(errors);
  });

  it('opens an issued notification to read it in each language, and narrows the list to one treaty', async () => {
    const { page, errors } = browser;
    const number = `C.N.1.${year}`;
    const read = page.getByRole('button', { name: `Read ${number}` });
    await read.click();
    await page.locator('#reader[open]').waitFor();
    expect(await textOf(page, '#reader-title')).toBe(number);
    const panel = page.locator('#reader [role="tabpanel"]');
    expect((await panel.innerText()).replace(/\s+/g, ' ')).toContain('the Government of Indonesia signed');
    await page.locator('#reader').getByRole('tab', { name: 'Text in Français' }).click();
    expect((await panel.innerText()).replace(/\s+/g, ' ')).toContain('Indonésie.');
    await page.locator('#reader').getByRole('tab', { name: 'Text in العربية' }).click();
    expect(await panel.getAttribute('dir')).toBe('rtl');
    expect((await panel.innerText()).replace(/\s+/g, ' ')).toContain('حكومة إندونيسيا');
    expect((await page.locator('#reader dl').innerText()).replace(/\s+/g, ' ')).toContain('2 recipients');
    await expectAccessible(page, 'an issued notification, read');
    await page.keyboard.press('Escape');
    await page.locator('#reader').waitFor({ state: 'detached' });
    expect(await page.evaluate('document.activeElement?.dataset.read')).toBe(number);

    await page.selectOption('#treaty-filter', 'notify-other');
    await page.waitForFunction(`location.hash === '#/notifications?treaty=notify-other'`);
    await waitForText(page, '#issued-none', 'No notification of this treaty has been issued yet.');
    expect(await page.locator('#issued').count()).toBe(0);
    await page.selectOption('#treaty-filter', IOFS);
    await page.locator(`#issued tr[data-number="${number}"]`).waitFor();
    expect(await textOf(page, '#issued caption')).toBe('1 issued notification');
    expectConsoleErrors(errors);
  });

  it('says in words why a draft issued meanwhile elsewhere cannot be issued again', async () => {
    const { page, errors } = browser;
    const second = await actAndDraft('LBN');
    await goTo(page, '#/');
    await goTo(page, '#/notifications');
    const card = page.locator(`article[data-draft="${second.id}"]`);
    await card.waitFor();
    const elsewhere = await demo.t
      .http()
      .post(`/api/depositary-notifications/${second.id}/issue`)
      .set(...officer());
    expect(elsewhere.status).toBe(200);
    await card.getByRole('button', { name: /^Issue the draft/ }).click();
    await page.locator('#confirm-issue').click();
    await card.locator('.form-error').waitFor();
    expect(await textOf(page, `article[data-draft="${second.id}"] .form-error`)).toBe(
      `The notification could not be issued: it conflicts with the record. Depositary notification ${second.id} was already issued as C.N.2.${year}.`,
    );
    expectConsoleErrors(errors, [/status of 409/]);
  });

  it('shows the focal point of Kazakhstan the notifications its country received, in the page’s language', async () => {
    const { page, errors } = browser;
    await page.locator('#sign-out').click();
    await signIn(page, demo.t.url, demo.t.users.focal_point);
    await page.locator('[data-nav="notifications"]').click();
    await page.getByRole('heading', { name: 'Depositary notifications received by Kazakhstan', level: 1 }).waitFor();
    expect(await page.locator('#drafts').count()).toBe(0);
    expect(await page.getByRole('columnheader', { name: 'Deliveries' }).count()).toBe(0);
    await waitForCount(page, '#issued tbody tr', 2);
    const first = `#issued tr[data-number="C.N.1.${year}"]`;
    expect(await textOf(page, first)).toContain(`${TITLE}: Indonesia: signature`);
    expect(await page.locator(`${first} [data-delivery]`).count()).toBe(0);
    await expectAccessible(page, 'the notifications of a focal point, in English');

    await chooseLanguage(page, 'fr');
    await page.getByRole('heading', { name: 'Kazakhstan : notifications dépositaires reçues', level: 1 }).waitFor();
    expect(await textOf(page, first)).toContain("Statut de l'Organisation islamique pour la sécurité alimentaire : Indonésie : signature");
    await page.getByRole('button', { name: `Lire la notification C.N.1.${year}` }).click();
    const panel = page.locator('#reader [role="tabpanel"]');
    expect(await panel.getAttribute('lang')).toBe('fr');
    expect((await panel.innerText()).replace(/\s+/g, ' ')).toContain("l'État suivant a signé le Statut");
    await expectAccessible(page, 'a notification read by a focal point, in French');
    await page.keyboard.press('Escape');
    await page.locator('#reader').waitFor({ state: 'detached' });
    await expectAccessible(page, 'the notifications of a focal point, in French');

    await chooseLanguage(page, 'ar');
    await page.getByRole('heading', { name: 'إخطارات الوديع الواردة إلى كازاخستان', level: 1 }).waitFor();
    expect(await textOf(page, first)).toContain('النظام الأساسي للمنظمة الإسلامية للأمن الغذائي: إندونيسيا: التوقيع');
    await page.getByRole('button', { name: `قراءة الإخطار C.N.1.${year}` }).click();
    expect(await panel.getAttribute('lang')).toBe('ar');
    expect((await panel.innerText()).replace(/\s+/g, ' ')).toContain('وقّعت حكومة إندونيسيا');
    await screenshot(page, 'notifications-focal-point-ar.png');
    await page.keyboard.press('Escape');
    await expectAccessible(page, 'the notifications of a focal point, in Arabic');
    await chooseLanguage(page, 'en');
    expectConsoleErrors(errors);
  });
});
