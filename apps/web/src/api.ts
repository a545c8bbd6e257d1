// The one client of the JSON API: bearer token, JSON in and out, refusals as ApiError in the contract's error shape.
import { endSession, session } from './session';
import { t } from './i18n';

/** The JSON error shape of the API: `{ error, message, ... }` with fields of its own per code. */
export interface ErrorBody {
  error: string;
  message: string;
  status?: string;
  action?: string;
  allowed?: string[];
  currentVersion?: number;
  retryAfterSeconds?: number;
  details?: unknown;
  [field: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.message || `HTTP ${status}`);
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  /** 'text' for CSV and other non-JSON answers. */
  as?: 'json' | 'text';
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, as = 'json' } = options;
  const headers: Record<string, string> = { accept: as === 'json' ? 'application/json' : 'text/csv', ...options.headers };
  const token = session.value?.token;
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, { error: 'network', message: 'the service did not answer' });
  }
  const text = await response.text();
  let data: unknown = null;
  if (as === 'json' || !response.ok) {
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const error = new ApiError(
      response.status,
      (data as ErrorBody | null) ?? { error: `http_${response.status}`, message: response.statusText },
    );
    if (response.status === 401 && token && !path.startsWith('/api/auth/')) endSession(t('shell.sessionEnded'));
    throw error;
  }
  return (as === 'json' ? data : text) as T;
}

/** A path segment, encoded. */
export const seg = (value: string): string => encodeURIComponent(value);

/** A fresh Idempotency-Key for one act the user means to record once. */
export const idempotencyKey = (): string => crypto.randomUUID();
