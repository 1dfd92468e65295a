/**
 * News channel for traditional media: polls any number of RSS 2.0 / Atom feeds with conditional
 * GETs, decodes them by their charset (windows-1256, UTF-8 with BOM ...), and delivers the new
 * items whose normalized title or summary contains a listening term. News cannot be answered
 * in-channel, so the channel has no reply() and every item is `replyable: false`.
 */
import { createHash } from 'node:crypto';
import type { ChannelName, RawMention } from '../src/domain/mention';
import type { Channel, PollContext, PollResult } from './channel';
import { ChannelError, Permanent, RateLimited, Transient } from './channel';
import { decodeFeed } from './rss/decode-feed';
import type { RssFeedSource } from '../src/feed-settings';
import { maskUrlSecrets } from '../src/url-secrets';
import type { FeedValidators } from './rss/fetch-feed';
import { fetchFeed } from './rss/fetch-feed';
import type { FeedItem } from './rss/parse-feed';
import { MalformedFeedError, parseFeed } from './rss/parse-feed';
import type { TermMatcher } from './rss/match-terms';
import { createTermMatcher } from './rss/match-terms';

export type { RssFeedSource } from '../src/feed-settings';
export { parseRssFeedsSetting, parseRssTermsSetting } from '../src/feed-settings';

export interface RssOptions {
  /** Channel id (config key); default 'rss'. */
  name?: ChannelName;
  feeds: RssFeedSource[];
  /** Listening terms; an item is kept when its title or summary contains one (normalized). */
  terms: string[];
  /** Items older than this are ignored (default 30 days); undated items are kept. */
  maxItemAgeDays?: number;
  timeoutMs?: number;
  /** Largest feed document read (default 5 MB). */
  maxBytes?: number;
  userAgent?: string;
  /** Feeds fetched at the same time (default 4). */
  concurrency?: number;
}

export function rssOptionsComplete(opts: Partial<RssOptions>): { ok: boolean; missing: string[] } {
  const missing: string[] = [];
  if (!opts.feeds?.length) missing.push('RSS_FEEDS');
  if (!opts.terms?.length) missing.push('RSS_TERMS');
  return { ok: missing.length === 0, missing };
}

/** Per feed: HTTP validators, short hashes of the item ids in the last document, last success and failure. */
interface FeedState extends FeedValidators {
  seen?: string[];
  lastSuccessAt?: string;
  lastError?: { at: string; message: string };
}

interface RssCursor {
  v: 1;
  feeds: Record<string, FeedState>;
}

type FeedOutcome =
  | { feed: RssFeedSource; ok: true; state: FeedState; mentions: RawMention[]; info: Record<string, unknown> }
  | { feed: RssFeedSource; ok: false; error: ChannelError; reason: FeedFailure };

/** Why a feed failed, in a word the channels page says in the console's language. */
export type FeedFailure = 'not_a_feed' | 'refused' | 'too_large' | 'rate_limited' | 'server_error' | 'unreachable';

const MAX_SEEN = 500;
const MAX_TEXT = 2000;
const DAY_MS = 86_400_000;

export function createRssChannel(opts: RssOptions): Channel {
  const check = rssOptionsComplete(opts);
  if (!check.ok) throw new Error(`rss channel misconfigured, missing: ${check.missing.join(', ')}`);
  const name = opts.name ?? 'rss';
  const matcher = createTermMatcher(opts.terms);

  async function poll(rawCursor: string | null, ctx: PollContext): Promise<PollResult> {
    const cursor = parseCursor(rawCursor);
    const at = ctx.now();
    const outcomes = await mapLimit(opts.feeds, opts.concurrency ?? 4, (feed) => pollFeed(feed, cursor.feeds[feed.url] ?? {}, at));
    const failures = outcomes.filter((o): o is Extract<FeedOutcome, { ok: false }> => !o.ok);

    const feeds: RssCursor['feeds'] = {};
    const info: Record<string, unknown> = {};
    const mentions: RawMention[] = [];
    for (const o of outcomes) {
      let state: FeedState;
      let status: Record<string, unknown>;
      if (o.ok) {
        state = o.state;
        status = o.info;
        mentions.push(...o.mentions);
      } else {
        // One broken feed must not hold the others back: record it and keep its old state.
        state = { ...cursor.feeds[o.feed.url], lastError: { at: at.toISOString(), message: o.error.message } };
        status = { status: 'failed', error: o.error.message, reason: o.reason };
        ctx.log.warn({ channel: name, feed: maskUrlSecrets(o.feed.url), err: o.error.message }, `rss feed failed (${o.error.kind})`);
      }
      feeds[o.feed.url] = state;
      // The channels page lists each feed by its configured name, with when it last answered.
      info[maskUrlSecrets(o.feed.url)] = { ...(o.feed.name ? { name: o.feed.name } : {}), ...status, ...(state.lastSuccessAt ? { lastSuccessAt: state.lastSuccessAt } : {}) };
    }
    // Every feed failed: fail the poll so health shows it; the cursor stays as it was, and the
    // feeds' states go with the error (the channels page would show the last success's otherwise).
    if (failures.length && failures.length === outcomes.length) {
      const err = failures[0].error;
      if (err instanceof ChannelError) err.info = { feeds: info, failedFeeds: failures.length };
      throw err;
    }
    return {
      mentions,
      cursor: JSON.stringify({ v: 1, feeds } satisfies RssCursor),
      hasMore: false,
      info: { feeds: info, failedFeeds: failures.length },
    };
  }

  async function pollFeed(feed: RssFeedSource, state: FeedState, at: Date): Promise<FeedOutcome> {
    try {
      const res = await fetchFeed(feed.url, state, { timeoutMs: opts.timeoutMs ?? 20_000, maxBytes: opts.maxBytes ?? 5_000_000, userAgent: opts.userAgent ?? 'Rasid news listening', now: at, channel: name });
      if (res.status === 'unchanged') {
        return { feed, ok: true, state: { ...state, lastSuccessAt: at.toISOString(), lastError: undefined }, mentions: [], info: { status: 'unchanged' } };
      }
      const decoded = decodeFeed(res.bytes, res.contentType);
      let parsed;
      try {
        parsed = parseFeed(decoded.text);
      } catch (err) {
        // Kept transient (a site's passing error page answers 200 too), but said for what it most often is.
        if (err instanceof MalformedFeedError) return { feed, ok: false, error: new Transient(`feed ${maskUrlSecrets(feed.url)}: ${err.message}`, name), reason: 'not_a_feed' };
        throw err;
      }
      const source = feed.name ?? parsed.title ?? new URL(feed.url).hostname;
      const seen = new Set(state.seen ?? []);
      const minDate = at.getTime() - (opts.maxItemAgeDays ?? 30) * DAY_MS;
      const mentions: RawMention[] = [];
      const nowSeen: string[] = [];
      for (const item of parsed.items) {
        const externalId = item.id ?? item.link ?? `${item.title}|${item.date ?? ''}`;
        const key = shortHash(externalId);
        nowSeen.push(key);
        if (seen.has(key)) continue;
        const mention = toMention(item, externalId, { feed, source, lang: parsed.lang, at, minDate, matcher });
        if (mention) mentions.push(mention);
      }
      return {
        feed,
        ok: true,
        state: { ...res.validators, seen: nowSeen.slice(0, MAX_SEEN), lastSuccessAt: at.toISOString() },
        mentions,
        info: { status: 'changed', format: parsed.format, charset: decoded.charset, items: parsed.items.length, matched: mentions.length, ...(decoded.fellBackFrom ? { unknownCharset: decoded.fellBackFrom } : {}) },
      };
    } catch (err) {
      const error = err instanceof ChannelError ? err : new Transient(`feed ${maskUrlSecrets(feed.url)}: ${maskUrlSecrets((err as Error).message)}`, name);
      return { feed, ok: false, error, reason: failureOf(error) };
    }
  }

  return { name, poll };
}

function failureOf(err: ChannelError): FeedFailure {
  if (err instanceof RateLimited) return 'rate_limited';
  if (err instanceof Permanent) return err.code === 'too_large' ? 'too_large' : 'refused';
  return /: HTTP 5\d\d\b|: HTTP 408\b/.test(err.message) ? 'server_error' : 'unreachable';
}

function toMention(
  item: FeedItem,
  externalId: string,
  env: { feed: RssFeedSource; source: string; lang?: string; at: Date; minDate: number; matcher: TermMatcher },
): RawMention | undefined {
  const date = item.date ? new Date(item.date) : undefined;
  const valid = date && !Number.isNaN(date.getTime());
  if (valid && date.getTime() < env.minDate) return undefined;
  const matched = env.matcher.match(item.title, item.summary);
  if (matched.length === 0) return undefined;
  const text = item.summary && item.summary !== item.title ? `${item.title}\n${item.summary}` : item.title;
  const lang = env.lang?.toLowerCase().split(/[-_]/)[0];
  return {
    externalId,
    ...(item.link ? { url: item.link } : {}),
    author: { id: maskUrlSecrets(env.feed.url), handle: env.source, name: env.source },
    title: item.title,
    text: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text,
    ...(lang ? { lang } : {}),
    createdAt: (valid ? date : env.at).toISOString(),
    kind: 'news',
    replyable: false,
    sources: [`feed:${env.source}`, ...matched.map((t) => `term:${t}`)],
  };
}

function parseCursor(raw: string | null): RssCursor {
  if (!raw) return { v: 1, feeds: {} };
  const parsed = JSON.parse(raw) as RssCursor;
  return { v: 1, feeds: parsed.feeds ?? {} };
}

/** 12 characters are plenty to tell a feed's items apart and keep the cursor small. */
function shortHash(id: string): string {
  return createHash('sha1').update(id).digest('base64url').slice(0, 12);
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  });
  await Promise.all(workers);
  return out;
}
