/**
 * The OpenAPI document matches the app: every route the real app (createServices) mounts is
 * documented, and every documented operation exists. Walks Express 5's router stack.
 */
import request from 'supertest';
import { openApiDocument } from '../../src/openapi-document';
import { createServices, type Services } from '../../src/composition';
import { loadConfig } from '../../src/config';
import { bearer } from '../replies/reply-app';
import { memoryLogger } from '../support/silent-log';
import { makeTempDir } from '../support/temp-dir';
import { buildClassified } from '../support/builders';
import fs from 'node:fs';
import path from 'node:path';

interface LayerLike {
  rawPath?: unknown;
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: LayerLike[] };
}

/** "METHOD /path" for every route, with Express params turned into OpenAPI {params}. */
function routesOf(stack: LayerLike[], prefix = ''): string[] {
  const out: string[] = [];
  for (const layer of stack) {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const p of paths) {
        for (const [method, on] of Object.entries(layer.route.methods)) {
          if (on && method !== '_all') out.push(`${method.toUpperCase()} ${toOpenApi(prefix + p)}`);
        }
      }
    } else if (layer.handle?.stack) {
      const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      out.push(...routesOf(layer.handle.stack, prefix + mount));
    }
  }
  return out;
}

const toOpenApi = (p: string) => p.replace(/:(\w+)/g, '{$1}');

describe('OpenAPI document', () => {
  const tmp = makeTempDir('rasid-openapi-');
  let services: Services;

  beforeAll(async () => {
    fs.writeFileSync(path.join(tmp.dir, 'none.jsonl'), '');
    // The Graph channel with its app secret and verify token mounts the webhook routes too (the
    // scheduler never starts here, so nothing calls the unreachable base URL).
    const config = loadConfig({
      DATA_DIR: tmp.dir,
      DEMO: 'false',
      REPLAY_ENABLED: 'true',
      REPLAY_FILE: path.join(tmp.dir, 'none.jsonl'),
      IG_GRAPH_TOKEN: 'test-token',
      IG_GRAPH_USER_ID: '17841400000000000',
      IG_GRAPH_BASE_URL: 'http://127.0.0.1:9/v21.0',
      IG_GRAPH_APP_SECRET: 'test-app-secret',
      IG_GRAPH_VERIFY_TOKEN: 'test-verify-token',
    });
    services = await createServices(config, memoryLogger().log);
  });
  afterAll(async () => {
    await services.scheduler.stop();
    await services.store.close();
    tmp.remove();
  });

  it('documents every route of the app, and every documented operation exists', () => {
    const stack = (services.app as unknown as { router: { stack: LayerLike[] } }).router.stack;
    const actual = new Set(routesOf(stack));
    const documented = new Set(
      Object.entries(openApiDocument().paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`)),
    );
    expect(actual.size).toBeGreaterThan(20);
    expect([...actual].filter((r) => !documented.has(r)).sort()).toEqual([]);
    expect([...documented].filter((r) => !actual.has(r)).sort()).toEqual([]);
  });

  it('is an OpenAPI 3.1 document whose operations all name their answers and error shape', () => {
    const doc = openApiDocument();
    expect(doc.openapi).toBe('3.1.0');
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        expect({ at: `${method} ${p}`, has: Object.keys(op.responses).length > 0 && op.summary.length > 0 }).toEqual({ at: `${method} ${p}`, has: true });
        for (const param of p.match(/\{(\w+)\}/g) ?? []) {
          const names = ((op.parameters ?? []) as { name: string; in: string }[]).filter((x) => x.in === 'path').map((x) => `{${x.name}}`);
          expect({ at: `${method} ${p}`, names }).toEqual({ at: `${method} ${p}`, names: expect.arrayContaining([param]) });
        }
      }
    }
  });

  it('documents the errors every /api operation can answer: 403, and 400, 413 and 415 with a JSON body', () => {
    const missing: string[] = [];
    for (const [p, item] of Object.entries(openApiDocument().paths)) {
      if (!p.startsWith('/api/')) continue;
      for (const [method, op] of Object.entries(item)) {
        const want = ['403', ...(op.requestBody ? ['400', '413', '415'] : []), ...(p.includes('{') ? ['400'] : [])];
        for (const status of want) if (!op.responses[status]) missing.push(`${method.toUpperCase()} ${p} ${status}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('declares every field a stored mention is served with', async () => {
    const token = fs.readFileSync(path.join(tmp.dir, 'initial-admin-token'), 'utf8').trim();
    const { inserted } = await services.store.mentions.ingestBatch('x', [buildClassified({ url: 'https://x.com/a/status/1', inReplyTo: '0', conversationId: '0', author: { id: '1', handle: 'a', verified: true } }, { modelVersion: 'm1', modelEvidence: [{ term: 'حفرة', start: 0, end: 4 }], intentEvidence: [], urgencyEvidence: [] })], null);
    const served = (await request(services.app).get(`/api/mentions/${inserted[0].id}`).set(bearer(token)).expect(200)).body as Record<string, unknown>;
    const schema = openApiDocument().components.schemas as Record<string, { properties: Record<string, { properties?: Record<string, unknown> }> }>;
    const mention = schema.Mention.properties;
    const undeclared = (obj: Record<string, unknown>, declared: Record<string, unknown>, at: string) => Object.keys(obj).filter((k) => !(k in declared)).map((k) => `${at}${k}`);
    const detailOnly = ['caseNumber', 'linkedCase', 'context', 'parentUrl'];
    expect([
      ...undeclared(served, mention, '').filter((k) => !detailOnly.includes(k)),
      ...undeclared(served.author as Record<string, unknown>, mention.author.properties ?? {}, 'author.'),
      ...undeclared(served.classification as Record<string, unknown>, mention.classification.properties ?? {}, 'classification.'),
    ]).toEqual([]);
  });

  it('serves the document and the human docs behind authentication', async () => {
    const token = fs.readFileSync(path.join(tmp.dir, 'initial-admin-token'), 'utf8').trim();
    await request(services.app).get('/api/openapi.json').expect(401);
    const json = await request(services.app).get('/api/openapi.json').set(bearer(token)).expect(200);
    expect(json.body.paths['/api/queue'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['status', 'domain', 'channel', 'intent', 'urgency', 'assignee', 'q', 'limit', 'cursor']),
    );
    const html = await request(services.app).get('/api/docs').set(bearer(token)).expect(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.text).toContain('/api/mentions/{id}/claim');
    expect(html.text).not.toMatch(/<script/);
  });
});
