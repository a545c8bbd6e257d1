// The web page's files are served beside the API without changing it: `/` is index.html, everything else as before.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestApp, bearer, startTestApp } from '../support/app';

const ROOT = join(__dirname, '..', '..');

describe('serving the web page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves index.html at / to anyone, with a strict content security policy', async () => {
    const res = await t.http().get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toMatch(/<script type="module" crossorigin src="\/assets\/app-[\w-]+\.js"><\/script>/);
    // No inline script or style: the policy allows none.
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=/);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect((await t.http().head('/')).status).toBe(200);
    expect((await t.http().get('/index.html')).status).toBe(200);
  });

  it('serves the script, the styles and the icon with their types', async () => {
    const index = (await t.http().get('/')).text;
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(index)?.[1];
    const styles = /href="(\/assets\/[^"]+\.css)"/.exec(index)?.[1];
    expect(script).toBeDefined();
    expect(styles).toBeDefined();
    const types: Record<string, RegExp> = {
      [script!]: /javascript/,
      [styles!]: /^text\/css/,
      '/favicon.svg': /^image\/svg\+xml/,
    };
    expect((await t.http().get(script!)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await t.http().get('/')).headers['cache-control']).not.toContain('immutable');
    for (const [path, type] of Object.entries(types)) {
      const res = await t.http().get(path);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(type);
    }
  });

  it('leaves /api, /health, /metrics and the JSON 404 as they were', async () => {
    const treaties = await t
      .http()
      .get('/api/treaties')
      .set(...bearer(t.users.officer));
    expect(treaties.status).toBe(200);
    expect(treaties.body).toEqual({ items: [], nextCursor: null });
    expect((await t.http().get('/api/treaties')).status).toBe(401);
    const health = await t.http().get('/health');
    expect(health.body).toEqual({ status: 'ok', postgres: 'up', redis: 'up' });
    expect((await t.http().get('/metrics')).text).toContain('depositary_http_request_duration_seconds');
    expect((await t.http().get('/api/docs-json')).body.info.title).toBe('Depositary');
    for (const path of ['/api/nothing-here', '/nothing-here.html', '/src/main.tsx', '/app.js']) {
      const missing = await t
        .http()
        .get(path)
        .set(...bearer(t.users.officer));
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ error: 'not_found', message: expect.any(String) });
    }
    expect((await t.http().get('/../package.json')).status).toBe(404);
  });

  it('the build bundles the page into dist/web, where the built API finds it, with no leftover of the sources', () => {
    // global-setup.ts runs `npm run build`: Vite writes dist/web; swc leaves apps/web alone.
    const built = join(ROOT, 'dist', 'web');
    for (const file of ['index.html', 'favicon.svg']) expect(existsSync(join(built, file))).toBe(true);
    expect(readFileSync(join(built, 'index.html'), 'utf8')).not.toContain('/src/main.tsx');
    expect(existsSync(join(ROOT, 'dist', 'apps', 'web'))).toBe(false);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const compiled = require(join(ROOT, 'dist', 'apps', 'api', 'src', 'web', 'serve-web.js')) as { WEB_ROOT: string };
    expect(compiled.WEB_ROOT).toBe(built);
  });
});
