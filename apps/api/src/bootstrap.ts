import { Logger, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { UsersService } from '@depositary/auth';
import { AppConfig } from '@depositary/config';
import {
  ServiceLogger,
  actsRecorded,
  ensureDefaultMetrics,
  notificationsIssued,
  processCounter,
  requestContext,
  requestIdFrom,
} from '@depositary/observability';
import { Counter, Histogram, register } from 'prom-client';
import type { IncomingMessage } from 'node:http';
import { ApiModule } from './api.module';
import { completeDocument } from './http/openapi';
import { serveWeb } from './web/serve-web';

export const BODY_LIMIT = 1024 * 1024;

function httpMetrics(): { duration: Histogram<string>; errors: Counter<string> } {
  ensureDefaultMetrics();
  // The domain counters, listed (at 0) from the first scrape.
  actsRecorded();
  notificationsIssued();
  return {
    duration:
      (register.getSingleMetric('depositary_http_request_duration_seconds') as Histogram<string> | undefined) ??
      new Histogram({
        name: 'depositary_http_request_duration_seconds',
        help: 'HTTP request duration by route and status',
        labelNames: ['method', 'route', 'status'],
        buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      }),
    errors: processCounter('depositary_http_errors_total', 'HTTP answers with status >= 500', ['status']),
  };
}

/** Probes and scrapes come every few seconds: their access lines are at debug level, which is off by default. */
const QUIET_ROUTES = new Set(['/health', '/health/live', '/health/ready', '/metrics']);

/** Builds the HTTP application (not yet listening): the same for production, `npm start` and the tests. */
export async function createApi(config: AppConfig, logger?: LoggerService | LogLevel[] | false): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT,
    trustProxy: 'loopback',
    // Each request's id: the client's x-request-id when it is a plain token, else a new UUID; echoed on the answer.
    genReqId: (request: IncomingMessage) => requestIdFrom(request.headers['x-request-id']),
  });
  // bodyParser: false leaves Fastify's own parsers: JSON (and text/plain, which no route accepts); no form bodies.
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), adapter, {
    logger: logger ?? new ServiceLogger(config.logFormat),
    bodyParser: false,
  });
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  const { duration, errors } = httpMetrics();
  const access = new Logger('HTTP');
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    requestContext.run({ requestId: request.id }, done);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    duration.observe({ method: request.method, route, status: String(status) }, reply.elapsedTime / 1000);
    if (status >= 500) errors.inc({ status: String(status) });
    const durationMs = Math.round(reply.elapsedTime * 10) / 10;
    const line = { method: request.method, route, url: request.url, status, durationMs, requestId: request.id };
    const text = `${request.method} ${request.url} ${status} ${durationMs} ms`;
    if (QUIET_ROUTES.has(route) && status < 500) access.debug(text, line);
    else access.log(text, line);
    if (route === '/api/auth/token' && (status === 401 || status === 429)) {
      const email = (request.body as { email?: unknown } | undefined)?.email;
      access.warn(`sign-in refused (${status})`, {
        email: typeof email === 'string' ? email.slice(0, 320) : null,
        ip: request.ip,
        status,
        requestId: request.id,
      });
    }
  });

  // The API's answers carry names, e-mail addresses, roles and tokens: no cache, shared or private, keeps them.
  fastify.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
  });

  const document = completeDocument(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Depositary')
        .setDescription('The record of a multilateral treaty: signatures, ratifications, entry into force, reminders and an audit trail.')
        .setOpenAPIVersion('3.1.0')
        .setVersion('1')
        .addBearerAuth()
        .build(),
    ),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  await serveWeb(app);
  await app.init();
  await app.get(UsersService).ensureAdmin();
  return app;
}
