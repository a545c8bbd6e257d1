/**
 * Coded domain errors. Services throw these; one HTTP filter maps each code to a status.
 */
export const ErrorCode = {
  ValidationFailed: 'validation_failed',
  InvalidDate: 'invalid_date',
  Unauthorized: 'unauthorized',
  InvalidCredentials: 'invalid_credentials',
  Forbidden: 'forbidden',
  NotFound: 'not_found',
  InvalidTransition: 'invalid_transition',
  Duplicate: 'duplicate',
  ReservationsProhibited: 'reservations_prohibited',
  AlreadyIssued: 'already_issued',
  TreatyNotOpen: 'treaty_not_open',
  LastAdmin: 'last_admin',
  PreconditionFailed: 'precondition_failed',
  IdempotencyKeyReused: 'idempotency_key_reused',
  PayloadTooLarge: 'payload_too_large',
  UnsupportedMediaType: 'unsupported_media_type',
  TooManyRequests: 'too_many_requests',
  ServiceUnavailable: 'service_unavailable',
  Internal: 'internal_error',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string): DomainError => new DomainError(ErrorCode.NotFound, `${what} not found`);
export const forbidden = (message: string): DomainError => new DomainError(ErrorCode.Forbidden, message);
export const invalid = (message: string, details: Record<string, unknown> = {}): DomainError =>
  new DomainError(ErrorCode.ValidationFailed, message, details);
