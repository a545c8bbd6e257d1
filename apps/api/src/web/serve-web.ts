import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { readFileSync } from 'node:fs';
import { basename, join, sep } from 'node:path';

/**
 * dist/web, where `npm run build` (Vite) writes the web page. This file sits at apps/api/src/web both in the
 * sources (Jest) and in dist/ (the compiled API), so four levels up is either the repository or dist/.
 */
const UP = join(__dirname, '..', '..', '..', '..');
export const WEB_ROOT = basename(UP) === 'dist' ? join(UP, 'web') : join(UP, 'dist', 'web');

/** The headers of every page: a strict content security policy (no inline script or style), no sniffing, no referrer. */
export const PAGE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'referrer-policy': 'no-referrer',
};

const ASSETS = join(WEB_ROOT, 'assets') + sep;

let publicPage: string | undefined;
/** public.html as Vite built it, read once. */
export const publicPageHtml = (): string => (publicPage ??= readFileSync(join(WEB_ROOT, 'public.html'), 'utf8'));

/**
 * Serves the web page: `/` is index.html, and each file Vite built its own route. No wildcard route,
 * so /api, /health, /metrics and the JSON 404 of unknown paths stay as they are.
 */
export async function serveWeb(app: NestFastifyApplication): Promise<void> {
  await app.register(fastifyStatic, {
    root: WEB_ROOT,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    decorateReply: false,
    cacheControl: true,
    maxAge: 0,
    setHeaders: (reply, path) => {
      for (const [name, value] of Object.entries(PAGE_HEADERS)) void reply.header(name, value);
      // Vite names each built asset by its content: a new build is a new name, so a browser may keep one for good.
      if (path.startsWith(ASSETS)) void reply.header('cache-control', 'public, max-age=31536000, immutable');
    },
  });
}
