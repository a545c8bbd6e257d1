// Shared by the browser tests: the API and worker in process with the IOFS demo loaded, and Debian's chromium
// driven by playwright-core (no browser download).
import { TreatyRecordFile, TreatyRecordImport } from '@depositary/accession';
import type { INestApplicationContext } from '@nestjs/common';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, ConsoleMessage, Page, chromium } from 'playwright-core';
import { TestApp, TestUser, bearer, startTestApp, startWorker } from '../support/app';
import { SmtpSink, eventually, startSmtpSink } from '../support/smtp-sink';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');
export const IOFS = 'iofs-statute';

export interface Demo {
  t: TestApp;
  sink: SmtpSink;
  worker: INestApplicationContext;
  close: () => Promise<void>;
}

/** The API and a worker on a fresh database, with the IOFS Statute loaded and in force (12 members). */
export async function startDemo(): Promise<Demo> {
  const sink = await startSmtpSink();
  const t = await startTestApp({ env: { SMTP_URL: sink.url } });
  const record = JSON.parse(
    readFileSync(join(__dirname, '..', '..', 'apps', 'dev', 'src', 'iofs-statute.json'), 'utf8'),
  ) as TreatyRecordFile;
  const officer = t.users.officer;
  await t.app.get(TreatyRecordImport).load({ id: officer.id, email: officer.email, role: 'officer', countryCode: null }, record);
  const worker = await startWorker(t);
  await eventually(
    async () => {
      const res = await t
        .http()
        .get(`/api/treaties/${IOFS}/status`)
        .set(...bearer(officer));
      return res.body.status === 'in_force' && res.body.counts.member === 12 ? res.body : undefined;
    },
    30_000,
    'the IOFS Statute in force with 12 members',
  );
  return {
    t,
    sink,
    worker,
    close: async () => {
      await worker.close();
      await t.close();
      await sink.close();
    },
  };
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors, as text. */
  errors: string[];
  close: () => Promise<void>;
}

/** Chromium on a fresh profile, one page at `width` × `height`, collecting console errors. */
export async function openBrowser(width = 1280, height = 900): Promise<Session> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'depositary-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width, height },
    acceptDownloads: true,
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return {
    context,
    page,
    errors,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the page's form and waits for the treaties list. */
export async function signIn(page: Page, url: string, user: TestUser): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Treaties', level: 1 }).waitFor();
}

/**
 * Fails on any console error or uncaught page error, except those expected: each pattern in `expected` must match
 * exactly one of them (a refused request shows in Chromium's console as "Failed to load resource ... 412").
 */
export function expectConsoleErrors(errors: string[], expected: RegExp[] = []): void {
  const left = [...errors];
  for (const pattern of expected) {
    const index = left.findIndex((error) => pattern.test(error));
    if (index < 0) throw new Error(`expected a console error matching ${String(pattern)}; got ${JSON.stringify(errors)}`);
    left.splice(index, 1);
  }
  expect(left).toEqual([]);
  errors.length = 0;
}

/** Waits until `selector` matches exactly `count` elements. */
export async function waitForCount(page: Page, selector: string, count: number, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let found = await page.locator(selector).count();
  while (found !== count) {
    if (Date.now() > deadline) throw new Error(`expected ${count} of ${selector}, found ${found}`);
    await page.waitForTimeout(50);
    found = await page.locator(selector).count();
  }
}

/** Moves the page to another view by its address (`#/audit`), as a person typing it would. */
export async function goTo(page: Page, hash: string): Promise<void> {
  await page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
}

/** The keys of the page's sessionStorage. */
export async function sessionKeys(page: Page): Promise<string[]> {
  return page.evaluate<string[]>('Object.keys(sessionStorage)');
}

/** The page's text with runs of white space made single spaces. */
export async function textOf(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).first().innerText()).replace(/\s+/g, ' ').trim();
}

/** Waits until an element matching `selector` contains `text`. */
export async function waitForText(page: Page, selector: string, text: string, timeout = 10_000): Promise<void> {
  await page.locator(selector, { hasText: text }).first().waitFor({ timeout });
}

/** Follows a download the page starts with `click`, and returns the file's text. */
export async function downloadedText(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, name), fullPage: false });
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core on the page as it is and fails on any serious or critical violation, naming each rule and the
 * elements it found. The script goes in through the debugging protocol, so the page's CSP does not stop it.
 */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const found = await page.evaluate(`(async () => {
    if (!window.axe) { ${AXE_SOURCE}; }
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | '));
  })()`);
  expect({ what, violations: found }).toEqual({ what, violations: [] });
}

/** Chooses `language` ('en', 'fr', 'ar') with the page's switch and waits for <html lang> to follow. */
export async function chooseLanguage(page: Page, language: 'en' | 'fr' | 'ar'): Promise<void> {
  await page.selectOption('#language', language);
  await page.waitForFunction(`document.documentElement.lang === ${JSON.stringify(language)}`);
}

/**
 * Starts the demo and a browser before a file's tests — `hold` receives them, `ready` (if given) runs next, e.g. to
 * sign in — and closes both after them.
 */
export function demoInBrowser(hold: (started: { demo: Demo; browser: Session }) => void, ready?: () => Promise<void>): void {
  const started: { demo?: Demo; browser?: Session } = {};
  beforeAll(async () => {
    const demo = (started.demo = await startDemo());
    const browser = (started.browser = await openBrowser());
    hold({ demo, browser });
    await ready?.();
  });
  afterAll(async () => {
    await started.browser?.close();
    await started.demo?.close();
  });
}
