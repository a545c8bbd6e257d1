import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DomainError, ErrorCode } from '@depositary/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { QueryFailedError } from 'typeorm';

const STATUS_OF: Record<ErrorCode, number> = {
  validation_failed: 400,
  invalid_date: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  forbidden: 403,
  not_found: 404,
  invalid_transition: 409,
  already_issued: 409,
  duplicate: 409,
  reservations_prohibited: 409,
  treaty_not_open: 409,
  last_admin: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  too_many_requests: 429,
  service_unavailable: 503,
  internal_error: 500,
};

const CODE_OF_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.ValidationFailed,
  401: ErrorCode.Unauthorized,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  429: ErrorCode.TooManyRequests,
};

// Connection-level failures of PostgreSQL, and a statement cancelled by statement_timeout (57014): the dependency
// is down or stalled, not the request wrong.
const UNAVAILABLE_SQLSTATES = new Set(['57014', '57P01', '57P02', '57P03', '53300', '08000', '08003', '08006', '08001', '08004']);
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

export interface ErrorBody {
  error: ErrorCode;
  message: string;
  [detail: string]: unknown;
}

/** Turns any error into the contract's JSON error shape. The one place that knows HTTP status codes. */
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody; unexpected: boolean } {
  if (error instanceof DomainError) {
    return { status: STATUS_OF[error.code], body: { error: error.code, message: error.message, ...error.details }, unexpected: false };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return {
      status,
      body: { error: CODE_OF_STATUS[status] ?? ErrorCode.ValidationFailed, message: error.message },
      unexpected: status >= 500,
    };
  }
  const fastify = error as { statusCode?: number; code?: string; message?: string };
  if (typeof fastify.code === 'string' && fastify.code.startsWith('FST_') && fastify.statusCode && fastify.statusCode < 500) {
    const code = CODE_OF_STATUS[fastify.statusCode] ?? ErrorCode.ValidationFailed;
    const message = fastify.statusCode === 413 ? 'the request body is larger than 1 MB' : (fastify.message ?? 'bad request');
    return { status: fastify.statusCode, body: { error: code, message }, unexpected: false };
  }
  if (error instanceof SyntaxError && (error as { statusCode?: number }).statusCode === 400) {
    return {
      status: 400,
      body: { error: ErrorCode.ValidationFailed, message: `the body is not valid JSON: ${error.message}` },
      unexpected: false,
    };
  }
  const driver = (error instanceof QueryFailedError ? error.driverError : error) as { code?: string; message?: string };
  // SQLSTATE class 22 (data exception): a value PostgreSQL cannot take, which only a client's input can bring.
  if (error instanceof QueryFailedError && typeof driver.code === 'string' && driver.code.startsWith('22'))
    return {
      status: 400,
      body: { error: ErrorCode.ValidationFailed, message: `a value was refused by the database: ${driver.message ?? ''}` },
      unexpected: false,
    };
  if (driver && typeof driver.code === 'string' && (UNAVAILABLE_SQLSTATES.has(driver.code) || UNAVAILABLE_ERRNOS.has(driver.code)))
    return unavailable();
  if (
    error instanceof Error &&
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout/i.test(
      error.message,
    )
  )
    return unavailable();
  return { status: 500, body: { error: ErrorCode.Internal, message: 'an unexpected error occurred' }, unexpected: true };
}

const unavailable = (): { status: number; body: ErrorBody; unexpected: boolean } => ({
  status: 503,
  body: { error: ErrorCode.ServiceUnavailable, message: 'the database is unavailable; try again shortly' },
  unexpected: false,
});

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    sendError(reply, request, error, this.logger);
  }
}

export function sendError(reply: FastifyReply, request: FastifyRequest, error: unknown, logger: Logger): void {
  const { status, body, unexpected } = toErrorResponse(error);
  if (unexpected) {
    // The request id (echoed in x-request-id, on every access line) is the one to quote to an operator.
    const correlationId = typeof request.id === 'string' && request.id ? request.id : randomUUID();
    body.correlationId = correlationId;
    logger.error(`${request.method} ${request.url} failed [${correlationId}]`, error instanceof Error ? error.stack : String(error));
  } else if (status === 503) {
    logger.warn(`${request.method} ${request.url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (status === 429 && typeof body.retryAfterSeconds === 'number') void reply.header('retry-after', String(body.retryAfterSeconds));
  void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
}
