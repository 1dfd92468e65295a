/** OpenAPI paths for sessions (console sign-in) and users, with the User and Session records. */
import { UserCreateSchema, UserUpdateSchema } from './auth-schemas';
import { errors, jsonBody, ok, pathParam, ref, roles, type JsonSchema, type Paths } from '../http/openapi/builder';
import type { OpenApiArea } from '../http/openapi/document';

const userId = pathParam('id', 'User id');

const paths: Paths = {
  '/api/session': {
    post: {
      summary: 'Console sign-in: exchange the Bearer token for an HttpOnly session cookie and a CSRF token',
      description:
        'Call with `Authorization: Bearer <token>`. Sets `rasid_session` (HttpOnly, SameSite=Strict). With the cookie, send the returned `csrfToken` in `X-CSRF-Token` on every POST/PATCH/PUT/DELETE.',
      tags: ['auth'],
      responses: { ...ok('Signed in', { type: 'object', properties: { user: ref('User'), csrfToken: { type: 'string' }, expiresAt: { type: 'string' } } }, '201'), ...errors(422) },
    },
    get: { summary: 'Who is signed in, and the CSRF token for a cookie session', tags: ['auth'], responses: { ...ok('Session', ref('Session')), ...errors() } },
    delete: { summary: 'Sign out (ends the cookie session)', tags: ['auth'], responses: { '204': { description: 'Signed out' }, ...errors(403) } },
  },
  '/api/me': {
    get: { summary: 'The calling user', tags: ['auth'], responses: { ...ok('User', ref('User')), ...errors() } },
  },
  '/api/users': {
    get: { summary: 'List users', tags: ['users'], ...roles('supervisor', 'admin'), responses: { ...ok('Users', { type: 'object', properties: { items: { type: 'array', items: ref('User') } } }), ...errors(403) } },
    post: {
      summary: 'Create a user; the API token is returned once',
      tags: ['users'],
      ...roles('admin'),
      requestBody: jsonBody(UserCreateSchema),
      responses: { ...ok('Created', ref('UserWithToken'), '201'), ...errors(400, 403, 409) },
    },
  },
  '/api/users/names': {
    get: {
      summary: 'Every user\'s id and name, to show who claimed, wrote or changed something',
      tags: ['users'],
      ...roles('agent', 'supervisor', 'admin'),
      responses: {
        ...ok('Names', { type: 'object', properties: { items: { type: 'array', items: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: { type: 'string' } } } } } }),
        ...errors(),
      },
    },
  },
  '/api/users/{id}': {
    patch: {
      summary: 'Change role or trainee flag, or disable a user (ends their sessions)',
      tags: ['users'],
      ...roles('admin'),
      parameters: [userId],
      requestBody: jsonBody(UserUpdateSchema),
      responses: { ...ok('Updated', ref('User')), ...errors(400, 403, 404, 409) },
    },
  },
  '/api/users/{id}/token': {
    post: {
      summary: 'Issue a new API token (the old one and all sessions stop working)',
      tags: ['users'],
      ...roles('admin'),
      parameters: [userId],
      responses: { ...ok('New token', ref('UserWithToken')), ...errors(403, 404) },
    },
  },
};

const str = { type: 'string' };
const nullableStr = { type: ['string', 'null'] };
const time = { type: 'string', format: 'date-time' };

const SCHEMAS: Record<string, JsonSchema> = {
  User: {
    type: 'object',
    required: ['id', 'name', 'role', 'trainee', 'disabled', 'createdAt', 'updatedAt'],
    properties: { id: str, name: str, role: { enum: ['agent', 'supervisor', 'admin'] }, trainee: { type: 'boolean' }, disabled: { type: 'boolean' }, createdAt: time, updatedAt: time },
  },
  UserWithToken: {
    type: 'object',
    required: ['user', 'token'],
    properties: { user: { $ref: '#/components/schemas/User' }, token: { ...str, description: 'Shown once; only its hash is stored' } },
  },
  Session: {
    type: 'object',
    properties: { user: { $ref: '#/components/schemas/User' }, via: { enum: ['token', 'session'] }, csrfToken: nullableStr, expiresAt: nullableStr },
  },
};

export const authOpenApi: OpenApiArea = { paths, schemas: SCHEMAS };
