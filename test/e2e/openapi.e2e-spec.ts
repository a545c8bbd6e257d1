// The served OpenAPI document: a valid OpenAPI 3.1 document, every operation with its answers, and types a client
// can generate from it.
import SwaggerParser from '@apidevtools/swagger-parser';
import openapiTS, { astToString } from 'openapi-typescript';
import { writeFileSync } from 'node:fs';
import { TestApp, startTestApp } from '../support/app';

describe('the OpenAPI document at /api/docs-json', () => {
  let t: TestApp;
  let doc: Record<string, unknown>;
  beforeAll(async () => {
    t = await startTestApp();
    const res = await t.http().get('/api/docs-json');
    expect(res.status).toBe(200);
    doc = res.body;
    if (process.env.OPENAPI_DUMP) writeFileSync(process.env.OPENAPI_DUMP, JSON.stringify(doc, null, 2));
  });
  afterAll(() => t.close());

  it('declares OpenAPI 3.1 and validates', async () => {
    expect(doc.openapi).toBe('3.1.0');
    // validate() dereferences in place: give it a copy.
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  const ERROR_REF = '#/components/schemas/Error';
  const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;
  interface Operation {
    responses: Record<string, { content?: Record<string, { schema?: { $ref?: string; type?: unknown } }> }>;
    security?: unknown[];
  }
  const operations = (): [string, Operation][] =>
    Object.entries(doc.paths as Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>).flatMap(([path, item]) =>
      METHODS.filter((method) => item[method]).map((method): [string, Operation] => [`${method.toUpperCase()} ${path}`, item[method]!]),
    );

  it('has the error shape as one component schema', () => {
    const schemas = (doc.components as { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> }).schemas;
    expect(schemas.Error.required).toEqual(['error', 'message']);
    expect(Object.keys(schemas.Error.properties ?? {})).toEqual(expect.arrayContaining(['error', 'message']));
  });

  it('lists the routes of the contract', () => {
    const names = operations().map(([name]) => name);
    expect(names.length).toBeGreaterThan(40);
    expect(names).toEqual(expect.arrayContaining(['GET /api/users/me', 'PATCH /api/users/me', 'GET /api/treaties/{slug}/participants']));
  });

  it('gives every operation a success answer with a schema for each content type (or 204)', () => {
    const missing: string[] = [];
    for (const [name, operation] of operations()) {
      const successes = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
      if (successes.length === 0) missing.push(`${name}: no 2xx answer`);
      for (const [status, response] of successes) {
        if (status === '204') continue;
        const contents = Object.entries(response.content ?? {});
        if (contents.length === 0) missing.push(`${name} ${status}: no content`);
        for (const [type, media] of contents)
          if (!media.schema?.$ref && !media.schema?.type) missing.push(`${name} ${status} ${type}: no schema`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('refers every error answer to the one error schema, and gives each route the errors of its kind', () => {
    const wrong: string[] = [];
    for (const [name, operation] of operations()) {
      const path = name.split(' ')[1];
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400 || (name.startsWith('GET /health') && status === '503')) continue;
        const schema = response.content?.['application/json']?.schema;
        if (schema?.$ref !== ERROR_REF || Object.keys(response.content ?? {}).length !== 1) wrong.push(`${name} ${status}`);
      }
      const expected = [
        ...(operation.security?.length ? ['401', '403', '429'] : []),
        ...(path.includes('{') ? ['400', '404'] : []),
        ...(path.startsWith('/public/') ? ['429'] : []),
      ];
      for (const status of expected) if (!operation.responses[status]) wrong.push(`${name}: no ${status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('declares the conflicts, stale versions and reused keys of recording an act', () => {
    const [, record] = operations().find(([name]) => name === 'POST /api/treaties/{slug}/participants/{code}/actions')!;
    expect(Object.keys(record.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '404', '409', '412', '422', '429']));
    const [, token] = operations().find(([name]) => name === 'POST /api/auth/token')!;
    expect(Object.keys(token.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '429']));
  });

  it('declares the content types of the answers that are not JSON', () => {
    const contentTypes = (name: string): string[] =>
      Object.keys(operations().find(([candidate]) => candidate === name)![1].responses['200'].content ?? {});
    expect(contentTypes('GET /api/treaties/{slug}/participants')).toEqual(['application/json', 'text/csv']);
    expect(contentTypes('GET /api/audit/events')).toEqual(['application/json', 'text/csv']);
    expect(contentTypes('GET /public/treaties/{slug}')).toEqual(['application/json', 'text/csv']);
    expect(contentTypes('GET /public/treaties/{slug}/notifications.atom')).toEqual(['application/atom+xml']);
    expect(contentTypes('GET /metrics')).toEqual(['text/plain']);
  });

  it('gives the signed-in user its language and permissions', () => {
    const schemas = (doc.components as { schemas: Record<string, { properties: Record<string, unknown> }> }).schemas;
    expect(Object.keys(schemas.Account.properties)).toEqual(expect.arrayContaining(['language', 'permissions', 'role']));
    for (const name of ['GET /api/users/me', 'PATCH /api/users/me']) {
      const [, operation] = operations().find(([candidate]) => candidate === name)!;
      expect(operation.responses['200'].content?.['application/json']?.schema?.$ref).toBe('#/components/schemas/Account');
    }
  });

  it('makes TypeScript types with openapi-typescript', async () => {
    const output = astToString(await openapiTS(structuredClone(doc) as never));
    expect(output).toContain('"/api/treaties/{slug}/participants": {');
    expect(output).toMatch(/\bError: \{/);
    expect(output).toMatch(/\bAccount: \{/);
    expect(output).toContain('permissions: (');
  });
});
