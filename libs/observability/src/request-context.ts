import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What a request (or a job it caused) carries through its asynchronous calls: its request id, for the logs and the outbox. */
export interface RequestContext {
  requestId: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

/** The request id of the request or job being served, if any. */
export const currentRequestId = (): string | undefined => requestContext.getStore()?.requestId;

const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._~-]{1,128}$/;

/** A client's `x-request-id` when it is a plain token of up to 128 characters, else a new UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given !== undefined && ACCEPTED_REQUEST_ID.test(given) ? given : randomUUID();
}
