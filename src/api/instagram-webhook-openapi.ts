/**
 * OpenAPI paths of the Instagram Graph webhook (instagram-webhook.ts). Mounted only when the
 * Graph channel runs and IG_GRAPH_APP_SECRET and IG_GRAPH_VERIFY_TOKEN are set; Meta calls it, so
 * it takes no bearer token: the GET checks the verify token, the POST the body's signature.
 */
import { ok, ref } from '../http/openapi/builder';
import type { OpenApiArea } from '../http/openapi/document';

const PUBLIC: Record<string, string[]>[] = [];
/** An error answer in the API's error shape. */
const error = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } });
const ONLY_WHEN = 'Mounted only when the Instagram Graph channel runs with IG_GRAPH_APP_SECRET and IG_GRAPH_VERIFY_TOKEN set.';

export const instagramWebhookOpenApi: OpenApiArea = {
  paths: {
    '/webhooks/instagram': {
      get: {
        summary: 'Webhook subscription handshake (Meta): answers hub.challenge when hub.verify_token matches',
        description: ONLY_WHEN,
        tags: ['integrations'],
        security: PUBLIC,
        parameters: [
          { name: 'hub.mode', in: 'query', required: true, schema: { type: 'string', const: 'subscribe' } },
          { name: 'hub.verify_token', in: 'query', required: true, schema: { type: 'string' }, description: 'IG_GRAPH_VERIFY_TOKEN' },
          { name: 'hub.challenge', in: 'query', required: false, schema: { type: 'string' }, description: 'Echoed back as text/plain' },
        ],
        responses: { '200': { description: 'The challenge, as text/plain', content: { 'text/plain': { schema: { type: 'string' } } } }, '403': error('Wrong hub.mode or hub.verify_token') },
      },
      post: {
        summary: 'Webhook delivery (Meta): comments and mentions, ingested at once',
        description: `${ONLY_WHEN} The body must carry X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body keyed with IG_GRAPH_APP_SECRET>; a failed ingest answers 500 so Meta delivers again.`,
        tags: ['integrations'],
        security: PUBLIC,
        parameters: [{ name: 'X-Hub-Signature-256', in: 'header', required: true, schema: { type: 'string' } }],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', description: 'Meta webhook envelope: { object: "instagram", entry: [{ changes: [{ field, value }] }] }' } } } },
        responses: {
          ...ok('What was taken in', { type: 'object', required: ['received', 'ignored'], properties: { received: { type: 'integer' }, ignored: { type: 'integer' } } }),
          '400': error('The body is not JSON'),
          '401': error('X-Hub-Signature-256 is missing or does not match the body'),
          '413': error('Body too large'),
          '500': error('The mentions could not be stored: Meta delivers again'),
        },
      },
    },
  },
};
