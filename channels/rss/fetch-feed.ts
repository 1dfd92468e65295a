/**
 * One conditional GET of a feed: sends If-None-Match / If-Modified-Since from the last fetch,
 * reads at most maxBytes, and maps failures to the channel's typed errors.
 */
import { Permanent, RateLimited, Transient } from '../channel';
import { parseRetryAfter } from '../../src/retry-after';
import { maskUrlSecrets } from '../../src/url-secrets';

export interface FeedValidators {
  etag?: string;
  lastModified?: string;
}

export type FeedResponse =
  | { status: 'unchanged' }
  | { status: 'ok'; bytes: Buffer; contentType: string | null; validators: FeedValidators };

export interface FetchFeedOptions {
  timeoutMs: number;
  maxBytes: number;
  userAgent: string;
  now: Date;
  channel: string;
}

const ACCEPT = 'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5';

export async function fetchFeed(url: string, validators: FeedValidators, opts: FetchFeedOptions): Promise<FeedResponse> {
  const headers: Record<string, string> = { accept: ACCEPT, 'user-agent': opts.userAgent };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  let res: Response;
  try {
    res = await fetch(url, { headers, redirect: 'follow', signal: AbortSignal.timeout(opts.timeoutMs) });
  } catch (err) {
    throw new Transient(`feed ${maskUrlSecrets(url)}: ${describe(err)}`, opts.channel);
  }
  if (res.status === 304) {
    await res.body?.cancel();
    return { status: 'unchanged' };
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw statusError(url, res, opts);
  }
  const bytes = await readCapped(res, opts.maxBytes, url, opts.channel);
  return {
    status: 'ok',
    bytes,
    contentType: res.headers.get('content-type'),
    validators: {
      ...(res.headers.get('etag') ? { etag: res.headers.get('etag')! } : {}),
      ...(res.headers.get('last-modified') ? { lastModified: res.headers.get('last-modified')! } : {}),
    },
  };
}

function statusError(url: string, res: Response, opts: FetchFeedOptions): Error {
  const what = `feed ${maskUrlSecrets(url)}: HTTP ${res.status}`;
  if (res.status === 429 || res.status === 503) {
    const waitMs = parseRetryAfter(res.headers.get('retry-after'), opts.now.getTime());
    const retryAfter = waitMs === undefined ? undefined : new Date(opts.now.getTime() + waitMs);
    if (res.status === 429 || retryAfter) {
      return new RateLimited(retryAfter ?? new Date(opts.now.getTime() + 30 * 60_000), what, opts.channel);
    }
  }
  if (res.status >= 500 || res.status === 408) return new Transient(what, opts.channel);
  return new Permanent(what, `http_${res.status}`, opts.channel);
}

async function readCapped(res: Response, maxBytes: number, url: string, channel: string): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > maxBytes) {
    await res.body?.cancel();
    throw new Permanent(`feed ${maskUrlSecrets(url)}: ${declared} bytes is more than the ${maxBytes} allowed`, 'too_large', channel);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    const reader = res.body?.getReader();
    for (;;) {
      const chunk = await reader?.read();
      if (!chunk || chunk.done) break;
      total += chunk.value.byteLength;
      if (total > maxBytes) {
        await reader?.cancel();
        throw new Permanent(`feed ${maskUrlSecrets(url)}: more than the ${maxBytes} bytes allowed`, 'too_large', channel);
      }
      chunks.push(chunk.value);
    }
  } catch (err) {
    if (err instanceof Permanent) throw err;
    throw new Transient(`feed ${maskUrlSecrets(url)}: ${describe(err)}`, channel);
  }
  return Buffer.concat(chunks);
}

function describe(err: unknown): string {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return 'timed out';
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
}
