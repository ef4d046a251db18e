// The API document: GET /api/openapi.json is valid OpenAPI 3.1 (checked by an
// OpenAPI schema validator, not by us) and lists every /api/v1 route the server
// really registered, with its method, and nothing it did not. A route added with
// plain app.get() instead of app.openapi(), or a schema the generator cannot render
// (as the If-Match header once was: 500 "Conflicting names for parameter"), fails here.
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, testApi } from '../helpers/api.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

interface Parameter {
  name: string;
  in: string;
}
interface Operation {
  operationId?: string;
  parameters?: Parameter[];
}
type Document = { openapi: string; paths: Record<string, Record<string, Operation> & { parameters?: Parameter[] }> };

/** Hono's `/orders/:id` (or `:id{[0-9]+}`) in OpenAPI's notation: `/orders/{id}`. */
const openApiPath = (honoPath: string) => honoPath.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}');

let api: TestApi;
let doc: Document;
beforeAll(async () => {
  api = await testApi();
  const r = await api.client().get('/api/openapi.json');
  expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(200);
  doc = r.body;
});
afterAll(() => api.close());

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    const validator = new Validator();
    const result = await validator.validate(doc as unknown as Record<string, unknown>);
    // one line per error (ajv's 'if/else' echoes of the real error left out)
    const errors =
      typeof result.errors === 'string'
        ? [result.errors]
        : (result.errors ?? []).filter((e) => e.keyword !== 'if').map((e) => `${e.instancePath} ${e.message}`);
    expect(errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('lists every /api/v1 route the server registered, with its method, and no other', () => {
    const registered = new Set(
      api.app.routes.filter((r) => r.path.startsWith('/api/v1/') && r.method !== 'ALL').map((r) => `${r.method.toUpperCase()} ${openApiPath(r.path)}`),
    );
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`)));
    // a sanity floor: the assembly of src/http/app.ts is what is compared, not an empty app
    expect(registered.size).toBeGreaterThan(100);
    expect([...registered].filter((r) => !documented.has(r)).sort(), 'registered but not in the document').toEqual([]);
    expect([...documented].filter((d) => !registered.has(d)).sort(), 'in the document but not registered').toEqual([]);
  });

  it('gives each operation a unique id, every path parameter, and no parameter twice', () => {
    const ids: string[] = [];
    const problems: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const m of METHODS) {
        const op = item[m];
        if (!op) continue;
        if (op.operationId) ids.push(op.operationId);
        const params = [...(item.parameters ?? []), ...(op.parameters ?? [])];
        // header names are case-insensitive: If-Match and if-match are one parameter
        const keys = params.map((p) => `${p.in}:${p.in === 'header' ? p.name.toLowerCase() : p.name}`);
        const twice = keys.filter((k, i) => keys.indexOf(k) !== i);
        if (twice.length) problems.push(`${m.toUpperCase()} ${path}: ${twice.join(', ')} twice`);
        for (const name of inPath) {
          if (!params.some((p) => p.in === 'path' && p.name === name)) problems.push(`${m.toUpperCase()} ${path}: path parameter {${name}} not declared`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('9.4 documents, on every un-audit, the refusal that lists its blockers', () => {
    const components = (doc as unknown as { components: { schemas: Record<string, any> } }).components.schemas;
    const unaudits = Object.entries(doc.paths).filter(([path]) => path.endsWith('/unaudit'));
    expect(unaudits.length).toBeGreaterThanOrEqual(10);
    for (const [path, item] of unaudits) {
      const schema = (item.post as any).responses['409'].content['application/json'].schema;
      expect(schema.$ref, path).toBe('#/components/schemas/UnauditRefusal');
    }
    const details = components.UnauditRefusal.properties.error.properties.details;
    expect(details.properties.blockers.items.$ref).toBe('#/components/schemas/UnauditBlocker');
    expect(components.UnauditBlocker.required).toEqual(expect.arrayContaining(['id', 'kind', 'number', 'steps', 'path']));
  });

  it('documents If-Match on the document edits that check it', () => {
    const edits = Object.entries(doc.paths).filter(([path, item]) => /^\/api\/v1\/purchase-orders\/\{id\}$/.test(path) && item.patch);
    expect(edits).toHaveLength(1);
    const params = edits[0][1].patch.parameters ?? [];
    expect(params.some((p) => p.in === 'header' && p.name.toLowerCase() === 'if-match')).toBe(true);
  });
});
