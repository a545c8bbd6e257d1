import { LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { UsersService } from '@depositary/auth';
import { AppConfig } from '@depositary/config';
import { Counter, Histogram, collectDefaultMetrics, register } from 'prom-client';
import { ApiModule } from './api.module';
import { serveWeb } from './web/serve-web';

export const BODY_LIMIT = 1024 * 1024;

let metricsReady = false;
function httpMetrics(): { duration: Histogram<string> } {
  if (!metricsReady) {
    collectDefaultMetrics();
    new Counter({ name: 'depositary_http_errors_total', help: 'HTTP answers with status >= 500', labelNames: ['status'] });
    metricsReady = true;
  }
  return {
    duration:
      (register.getSingleMetric('depositary_http_request_duration_seconds') as Histogram<string> | undefined) ??
      new Histogram({
        name: 'depositary_http_request_duration_seconds',
        help: 'HTTP request duration by route and status',
        labelNames: ['method', 'route', 'status'],
        buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      }),
  };
}

/** Builds the HTTP application (not yet listening): the same for production, `npm start` and the tests. */
export async function createApi(config: AppConfig, logger?: LoggerService | LogLevel[] | false): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT, trustProxy: 'loopback' });
  // bodyParser: false leaves Fastify's own parsers: JSON (and text/plain, which no route accepts); no form bodies.
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), adapter, {
    logger: logger ?? ['log', 'warn', 'error'],
    bodyParser: false,
  });
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  const { duration } = httpMetrics();
  fastify.addHook('onResponse', async (request, reply) => {
    duration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  // The API's answers carry names, e-mail addresses, roles and tokens: no cache, shared or private, keeps them.
  fastify.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Depositary')
      .setDescription('The record of a multilateral treaty: signatures, ratifications, entry into force, reminders and an audit trail.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  await serveWeb(app);
  await app.init();
  await app.get(UsersService).ensureAdmin();
  return app;
}
