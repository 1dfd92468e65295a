/**
 * A local news-site double on a real socket: serves feed documents (bytes, so any charset) with
 * ETag / Last-Modified and answers conditional GETs with 304, like a well-behaved publisher.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FeedRoute {
  body: Buffer | string;
  contentType?: string;
  etag?: string;
  lastModified?: string;
  /** Answer with this status (and no feed) instead, e.g. 500 or 404. */
  status?: number;
  headers?: Record<string, string>;
}

export interface RssServer {
  url(path: string): string;
  routes: Map<string, FeedRoute>;
  requests: { path: string; headers: http.IncomingHttpHeaders }[];
  close(): Promise<void>;
}

export async function startRssServer(): Promise<RssServer> {
  const routes = new Map<string, FeedRoute>();
  const requests: RssServer['requests'] = [];
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push({ path, headers: req.headers });
    const route = routes.get(path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (route.status) {
      res.writeHead(route.status, { 'content-type': 'text/plain', ...route.headers }).end(`status ${route.status}`);
      return;
    }
    const validators: Record<string, string> = {};
    if (route.etag) validators.etag = route.etag;
    if (route.lastModified) validators['last-modified'] = route.lastModified;
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    const unchanged =
      (route.etag && inm === route.etag) ||
      (!inm && route.lastModified && ims && new Date(ims).getTime() >= new Date(route.lastModified).getTime());
    if (unchanged) {
      res.writeHead(304, validators).end();
      return;
    }
    res.writeHead(200, { 'content-type': route.contentType ?? 'application/rss+xml; charset=utf-8', ...validators, ...route.headers });
    res.end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    routes,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
