/**
 * A small Graph API client on the built-in fetch: adds the token (and appsecret_proof when the app
 * secret is known), reads usage headers, holds back once usage passes the threshold, and turns
 * every failure into a typed channel error. It never retries; the scheduler does.
 */
import { createHmac } from 'node:crypto';
import { OutcomeUnknown, RateLimited, Transient } from '../channel';
import type { GraphErrorBody } from './graph-errors';
import { mapGraphError } from './graph-errors';
import { maskErrorSecrets } from '../../src/configured-secrets';
import type { UsageSnapshot } from './usage';
import { readUsage } from './usage';

export interface GraphClientOptions {
  baseUrl: string;
  accessToken: string;
  appSecret?: string;
  timeoutMs: number;
  /** Usage percentage from which the client stops calling until the wait is over. */
  usageThresholdPct: number;
  /** Wait after a throttling error or high usage when Meta gives no time. */
  throttleBackoffMs: number;
  channel: string;
}

/** Graph list envelope. */
export interface GraphPage<T> {
  data: T[];
  paging?: { cursors?: { before?: string; after?: string }; next?: string; previous?: string };
}

export class GraphClient {
  /** Latest usage figures seen, for the health view. */
  usage?: UsageSnapshot;
  private holdUntil = 0;
  /** Masked in every error this client raises: the token, the app secret and its proof. */
  private readonly secrets: string[];

  constructor(private readonly opts: GraphClientOptions) {
    const proof = opts.appSecret ? appSecretProof(opts.appSecret, opts.accessToken) : undefined;
    this.secrets = [opts.accessToken, opts.appSecret, proof].filter((s): s is string => !!s);
  }

  get(path: string, params: Record<string, string | number | undefined>, now: Date, action: string): Promise<unknown> {
    return this.send('GET', path, params, now, action);
  }

  post(path: string, params: Record<string, string | number | undefined>, now: Date, action: string): Promise<unknown> {
    return this.send('POST', path, params, now, action);
  }

  /** Time until which the client holds back because usage is high (0 = free to call). */
  heldUntil(): number {
    return this.holdUntil;
  }

  private async send(method: 'GET' | 'POST', path: string, params: Record<string, string | number | undefined>, now: Date, action: string): Promise<unknown> {
    try {
      return await this.call(method, path, params, now, action);
    } catch (err) {
      // A server or gateway may echo what it was sent: never let the credentials out in an error.
      throw maskErrorSecrets(err, this.secrets);
    }
  }

  private async call(method: 'GET' | 'POST', path: string, params: Record<string, string | number | undefined>, now: Date, action: string): Promise<unknown> {
    if (now.getTime() < this.holdUntil) {
      const until = new Date(this.holdUntil);
      throw new RateLimited(until, `instagram graph usage is at ${this.usage?.maxPct ?? '?'}%: holding back until ${until.toISOString()}`, this.opts.channel);
    }
    const url = new URL(`${this.opts.baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`);
    const form = new URLSearchParams();
    const target = method === 'GET' ? url.searchParams : form;
    for (const [k, v] of Object.entries(params)) if (v !== undefined) target.set(k, String(v));
    target.set('access_token', this.opts.accessToken);
    if (this.opts.appSecret) {
      target.set('appsecret_proof', appSecretProof(this.opts.appSecret, this.opts.accessToken));
    }

    let res: Response;
    try {
      res = await fetch(url, {
        method,
        ...(method === 'POST' ? { body: form } : {}),
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
    } catch (err) {
      const what = `instagram graph ${action}: ${describeFetchError(err)}`;
      // A write that timed out or lost its connection after sending may have been carried out.
      if (method === 'POST' && !neverConnected(err)) throw new OutcomeUnknown(what, this.opts.channel);
      throw new Transient(what, this.opts.channel);
    }
    const usage = readUsage(res.headers, now);
    if (usage) this.noteUsage(usage, now);
    const body = await res.json().catch(() => undefined);
    if (method === 'POST' && res.status >= 500 && res.status !== 503) {
      throw new OutcomeUnknown(`instagram graph ${action}: HTTP ${res.status} on a write`, this.opts.channel);
    }
    if (!res.ok || (body as GraphErrorBody | undefined)?.error) {
      throw mapGraphError(body as GraphErrorBody | undefined, {
        status: res.status,
        action,
        now,
        regainMinutes: usage?.regainMinutes,
        throttleBackoffMs: this.opts.throttleBackoffMs,
        channel: this.opts.channel,
      });
    }
    if (body === undefined) {
      const what = `instagram graph ${action}: the response was not JSON`;
      // A 2xx to a write whose answer cannot be read: it was carried out, its id is unknown.
      throw method === 'POST' ? new OutcomeUnknown(what, this.opts.channel) : new Transient(what, this.opts.channel);
    }
    return body;
  }

  private noteUsage(usage: UsageSnapshot, now: Date): void {
    this.usage = usage;
    if (usage.maxPct >= this.opts.usageThresholdPct || usage.regainMinutes > 0) {
      const waitMs = usage.regainMinutes > 0 ? usage.regainMinutes * 60_000 : this.opts.throttleBackoffMs;
      this.holdUntil = now.getTime() + waitMs;
    } else {
      this.holdUntil = 0;
    }
  }
}

function appSecretProof(appSecret: string, accessToken: string): string {
  return createHmac('sha256', appSecret).update(accessToken).digest('hex');
}

/** The "after" cursor of the next page, or undefined on the last page. */
export function nextAfter(page: GraphPage<unknown>, limit: number): string | undefined {
  const after = page.paging?.cursors?.after;
  if (!after || page.data.length === 0) return undefined;
  if (page.paging?.next) return after;
  // Some edges (e.g. /tags) send cursors without next/previous links: a full page may have more.
  return page.paging && !('next' in page.paging) && !('previous' in page.paging) && page.data.length >= limit ? after : undefined;
}

function describeFetchError(err: unknown): string {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return 'timed out';
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
}

/** Errors raised before a connection was made: nothing reached Meta. */
function neverConnected(err: unknown): boolean {
  const code = (err as { cause?: { code?: string } })?.cause?.code;
  return code !== undefined && ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code);
}
