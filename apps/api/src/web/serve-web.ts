import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { join } from 'node:path';

/**
 * apps/web/public, from the sources (Jest) or from dist/ (the build copies the files beside the compiled API):
 * this file sits at apps/api/src/web in both trees.
 */
export const WEB_ROOT = join(__dirname, '..', '..', '..', 'web', 'public');

/**
 * Serves the web page: `/` is index.html, and each file of apps/web/public its own route. No wildcard route,
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
