import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { basename, join } from 'node:path';

/**
 * dist/web, where `npm run build` (Vite) writes the web page. This file sits at apps/api/src/web both in the
 * sources (Jest) and in dist/ (the compiled API), so four levels up is either the repository or dist/.
 */
const UP = join(__dirname, '..', '..', '..', '..');
export const WEB_ROOT = basename(UP) === 'dist' ? join(UP, 'web') : join(UP, 'dist', 'web');

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
    setHeaders: (reply) => {
      void reply.header('x-content-type-options', 'nosniff');
      void reply.header(
        'content-security-policy',
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
      );
      void reply.header('referrer-policy', 'no-referrer');
    },
  });
}
