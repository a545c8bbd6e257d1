import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiQuery, ApiResponse, OpenAPIObject } from '@nestjs/swagger';
import type { ContentObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';

const COMPONENTS = '#/components/schemas/';
const ERROR_SCHEMA_REF = `${COMPONENTS}Error`;

/**
 * A zod schema as an OpenAPI 3.1 schema (JSON Schema 2020-12). A named response view (see `named` in
 * libs/contracts) becomes a `$ref` to its component, wherever it appears.
 */
const jsonSchema = (schema: z.ZodType, io: 'input' | 'output' = 'input'): SchemaObject => {
  const converted = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema: _schema, $defs, ...rest } = converted;
  const named = new Set(Object.keys(componentSchemas()));
  for (const id of Object.keys(($defs as Record<string, unknown> | undefined) ?? {}))
    if (!named.has(id)) throw new Error(`the schema ${id} has no component: name it with named() in libs/contracts`);
  return JSON.parse(JSON.stringify(rest).replaceAll('"#/$defs/', `"${COMPONENTS}`)) as SchemaObject;
};

let components: Record<string, SchemaObject> | undefined;

/** The named response views, as `components.schemas`. */
export function componentSchemas(): Record<string, SchemaObject> {
  components ??= Object.fromEntries(
    Object.entries(
      z.toJSONSchema(z.globalRegistry, { io: 'output', unrepresentable: 'any', uri: (id) => `${COMPONENTS}${id}` }).schemas,
    ).map(([id, { $schema: _schema, $id: _id, ...schema }]) => [id, schema as SchemaObject]),
  );
  return components;
}

/** Documents a zod-validated body in OpenAPI, from the same schema that validates it. */
export const ApiZodBody = (schema: z.ZodType): MethodDecorator => applyDecorators(ApiBody({ schema: jsonSchema(schema) }));

export const ApiZodQuery = (schema: z.ZodObject): MethodDecorator =>
  applyDecorators(
    ...Object.entries(schema.shape).map(([name, field]) =>
      ApiQuery({ name, required: !(field as z.ZodType).safeParse(undefined).success, schema: jsonSchema(field as z.ZodType) }),
    ),
  );

export const Authenticated = (): ClassDecorator & MethodDecorator => ApiBearerAuth();

/** What a route answers: a zod schema (JSON), or one body per content type (a schema, or plain text). */
export type Answer = z.ZodType | Record<string, z.ZodType | 'text'>;

const contentOf = (answer: Answer): ContentObject =>
  answer instanceof z.ZodType
    ? { 'application/json': { schema: jsonSchema(answer, 'output') } }
    : Object.fromEntries(
        Object.entries(answer).map(([type, body]) => [type, { schema: body === 'text' ? { type: 'string' } : jsonSchema(body, 'output') }]),
      );

/** Documents a success answer of a route: its status and what it carries. */
export const ApiAnswer = (status: number, answer: Answer, description = 'success'): MethodDecorator =>
  ApiResponse({ status, description, content: contentOf(answer) });

/** A route that answers 204 and no body. */
export const ApiNoContent = (description = 'done'): MethodDecorator => ApiResponse({ status: 204, description });

/** Public answers carry an ETag: the same If-None-Match answers 304 and no body. */
export const ApiNotModified = (): MethodDecorator & ClassDecorator =>
  ApiResponse({ status: 304, description: 'the ETag of If-None-Match still holds' });

const ERRORS = {
  400: 'malformed input: a field missing, unknown or of the wrong type, a bad date, a body that is not JSON',
  401: 'not signed in: no bearer token, or one expired, signed out or of an inactive account',
  403: "the user's role may not do this, or the record is outside a focal point's own country",
  404: 'unknown: no such record',
  409: 'the record does not allow it: an invalid transition, a duplicate, a treaty no longer open',
  412: 'If-Match names a version that is no longer the current one',
  413: 'the body is larger than 1 MB',
  415: 'the body is not application/json',
  422: 'this Idempotency-Key was used with another request',
  429: 'too many requests: try again after Retry-After seconds',
  503: 'PostgreSQL or Redis is unavailable: try again shortly',
} as const;
export type ErrorStatus = keyof typeof ERRORS;

const errorResponse = (status: ErrorStatus, description?: string) => ({
  description: description ?? ERRORS[status],
  content: { 'application/json': { schema: { $ref: ERROR_SCHEMA_REF } } },
});

/** The error answers particular to a route (409, 412, 422 ...); completeDocument adds the ones every route of its kind has. */
export const ApiErrors = (...statuses: (ErrorStatus | [ErrorStatus, string])[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ...statuses.map((entry) => {
      const [status, description] = Array.isArray(entry) ? entry : [entry, undefined];
      return ApiResponse({ status, ...errorResponse(status, description) });
    }),
  );

/** Routes that touch neither PostgreSQL nor Redis, or answer their own 503. */
const NO_STORE = new Set(['/health/live', '/health', '/health/ready', '/metrics']);

/**
 * Adds the named views as components and, to every operation, the error answers of its kind: 400 where it takes
 * input, 401/403/429 where it needs a token, 404 where its path names a record, 413/415 where it takes a body,
 * 503 where it reads the database. Each refers to the one error schema.
 */
export function completeDocument(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...componentSchemas() } };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'patch', 'delete'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const statuses: ErrorStatus[] = [];
      if (operation.parameters?.length || operation.requestBody) statuses.push(400);
      if (operation.security?.length) statuses.push(401, 403, 429);
      if (path.includes('{')) statuses.push(404);
      if (operation.requestBody) statuses.push(413, 415);
      if (!NO_STORE.has(path)) statuses.push(503);
      for (const status of statuses) operation.responses[status] ??= errorResponse(status);
    }
  }
  return document;
}
