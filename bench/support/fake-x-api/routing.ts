/** Reading a request: which endpoint its method and path name, which credentials it carries, its JSON body. */
import type http from 'node:http';
import type { FakeXOptions, RequestLogEntry, XEndpoint } from './types';

export function routeOf(method: string, path: string): { endpoint: XEndpoint; id?: string } | undefined {
  let m: RegExpMatchArray | null;
  if (method === 'GET' && (m = path.match(/^\/2\/users\/(\d+)\/mentions$/))) return { endpoint: 'GET /2/users/:id/mentions', id: m[1] };
  if (method === 'GET' && (m = path.match(/^\/2\/users\/(\d+)\/tweets$/))) return { endpoint: 'GET /2/users/:id/tweets', id: m[1] };
  if (method === 'GET' && path === '/2/tweets/search/recent') return { endpoint: 'GET /2/tweets/search/recent' };
  if (method === 'GET' && path === '/2/users/me') return { endpoint: 'GET /2/users/me' };
  if (method === 'POST' && path === '/2/tweets') return { endpoint: 'POST /2/tweets' };
  if (method === 'GET' && path === '/2/usage/tweets') return { endpoint: 'GET /2/usage/tweets' };
  return undefined;
}

export function authOf(req: http.IncomingMessage, opts: FakeXOptions): RequestLogEntry['auth'] {
  const h = req.headers.authorization ?? '';
  if (!h) return 'none';
  if (h.startsWith('Bearer ')) {
    const token = h.slice(7);
    if (opts.appBearer && token === opts.appBearer) return 'app';
    if (opts.userBearer && token === opts.userBearer) return 'user';
    return opts.appBearer || opts.userBearer ? 'bad' : 'app';
  }
  if (h.startsWith('OAuth ')) {
    const key = /oauth_consumer_key="([^"]+)"/.exec(h)?.[1];
    return !opts.oauth1ConsumerKey || key === opts.oauth1ConsumerKey ? 'user' : 'bad';
  }
  return 'bad';
}

export function allowedAuth(ep: XEndpoint, auth: 'app' | 'user'): boolean {
  if (ep === 'GET /2/usage/tweets') return auth === 'app';
  if (ep === 'GET /2/users/me' || ep === 'POST /2/tweets') return auth === 'user';
  return true;
}

export async function readBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString();
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
