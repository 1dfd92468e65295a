/**
 * A bare HTTP client for the fuzz: sends exactly the bytes it is given (invalid UTF-8, broken
 * percent-encoding, any Content-Type), which fetch and supertest would clean up or refuse.
 */
import http from 'node:http';

export interface RawRequest {
  method: string;
  /** Path and query, already as they go on the wire (ASCII 0x21–0x7e). */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

export interface RawResponse {
  status: number;
  body: string;
}

export function rawClient(baseUrl: string): { send: (r: RawRequest) => Promise<RawResponse>; close: () => void } {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const send = (r: RawRequest) =>
    new Promise<RawResponse>((resolve, reject) => {
      const headers = { ...r.headers, ...(r.body ? { 'content-length': String(r.body.length) } : {}) };
      const req = http.request({ host: url.hostname, port: url.port, method: r.method, path: r.path, headers, agent }, (res) => {
        // An event stream never ends on its own: its status is the answer, then the client leaves.
        if (res.headers['content-type']?.startsWith('text/event-stream')) {
          resolve({ status: res.statusCode ?? 0, body: '' });
          res.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.setTimeout(30_000, () => req.destroy(new Error('no answer in 30 s')));
      req.on('error', reject);
      req.end(r.body);
    });
  return { send, close: () => agent.destroy() };
}
