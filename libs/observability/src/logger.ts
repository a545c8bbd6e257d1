import { ConsoleLogger, LogLevel } from '@nestjs/common';
import { currentRequestId } from './request-context';

export type LogFormat = 'json' | 'pretty';

export const LOG_LEVELS: LogLevel[] = ['log', 'warn', 'error'];

/** Keys never printed, at any depth: what a client sent to sign in, and secrets. */
const REDACTED = ['password', 'currentPassword', 'authorization', 'accessToken', 'token', 'secret'];

/**
 * Nest's console logger: one JSON object per line (`level`, `time`, `context`, `message`, the fields passed as an
 * object, and the `requestId` of the request or job being served), or coloured text for a terminal (`npm start`).
 */
export class ServiceLogger extends ConsoleLogger {
  constructor(format: LogFormat, logLevels: LogLevel[] = LOG_LEVELS) {
    super({
      logLevels,
      json: format === 'json',
      colors: format === 'pretty' && process.stdout.isTTY === true,
      flattenParams: true,
      redact: REDACTED,
    });
  }

  protected override getJsonLogObject(
    message: unknown,
    options: Parameters<ConsoleLogger['getJsonLogObject']>[1],
  ): ReturnType<ConsoleLogger['getJsonLogObject']> {
    const record = super.getJsonLogObject(message, options);
    const requestId = currentRequestId();
    return {
      ...record,
      time: new Date(record.timestamp).toISOString(),
      ...(requestId && record.requestId === undefined ? { requestId } : {}),
    };
  }
}
