/**
 * One poll of the X channel: one page per due source (mentions, each listening query), the own
 * timeline when due (channels/x/own-posts.ts), budget pacing, rate-limit bookkeeping. Returns the page and the cursor
 * to commit with it; `hasMore` while a backlog has pages left.
 */
import type { RawMention } from '../../src/domain/mention';
import type { PollContext, PollResult } from '../channel';
import { Permanent, RateLimited } from '../channel';
import { budgetInfo, computePacing, loadBudget, newPerInterval, nextEwma, saveBudget, usedSoFar, type BudgetRecord, type Pacing } from './budget';
import type { XClients } from './client';
import { newerId, parseCursor, serializeCursor, type SourceState, type XCursor } from './cursor';
import { mapXError } from './errors';
import { ENDPOINTS, MIN_PAGE, fetchMentionsPage, fetchSearchPage, type FetchedPage } from './fetch-page';
import { mergeInto, toRawMention, usersIndex } from './map-tweet';
import { refreshOwnPosts } from './own-posts';
import { pacedInfo } from './paced';
import type { ResolvedXOptions } from './resolved-options';
import { RateLimitBook, toRateLimitInfo } from './rate-limits';
import { refreshUsageIfDue } from './usage';
import { resolveAccount } from './account';

const PAGE_SIZE = 100;

interface PollRun {
  ctx: PollContext;
  now: Date;
  book: RateLimitBook;
  budget: BudgetRecord;
  /** Posts still allowed in this call (Infinity without a cap). */
  allowance: number;
  reads: number;
  requests: number;
  gaps: { source: string; sinceId?: string; oldestRead?: string }[];
  skipped: NonNullable<PollResult['skipped']>;
}

export function sourceKeys(queries: string[]): string[] {
  return ['mentions', ...queries.map((q) => `query:${q}`)];
}

export async function pollX(clients: XClients, opts: ResolvedXOptions, rawCursor: string | null, ctx: PollContext): Promise<PollResult> {
  const now = opts.now?.() ?? ctx.now();
  const cursor = parseCursor(rawCursor);
  const keys = sourceKeys(opts.queries);
  for (const k of Object.keys(cursor.sources)) if (!keys.includes(k)) delete cursor.sources[k];

  const book = await RateLimitBook.load(ctx.kv);
  const budget = await loadBudget(ctx.kv);
  const period = await refreshUsageIfDue(clients, opts, budget, book, ctx, now);
  const cap = effectiveCap(opts.monthlyPostCap, budget.projectCap);
  const reserve = opts.budgetReserve ?? Math.ceil((cap ?? 0) * 0.01);
  const startPacing = pacingFor(opts, budget, cap, reserve, period.end, now);
  // Windows are per endpoint: a spent one holds back only its own sources.
  const open = (k: string) => !book.exhaustedUntil(endpointOf(k), now);
  const backlog = keys.filter((k) => cursor.sources[k]?.next && open(k));
  const continuing = backlog.length > 0;

  const paced = (p: Pacing) => pacedInfo(p, { now, used: usedSoFar(budget), cap: cap ?? 0, baseIntervalMs: opts.pollIntervalMs, resetAt: period.end });

  if (startPacing.exhausted) {
    const info = paced(startPacing);
    ctx.log.warn({ channel: 'x', used: usedSoFar(budget), cap, nextPollAt: info.until }, 'x monthly post budget spent: not polling until the cap resets');
    await saveBudget(ctx.kv, budget);
    await book.save(ctx.kv);
    return {
      mentions: [],
      cursor: rawCursor,
      nextPollAfter: info.until,
      rateLimits: book.all(),
      info: { usage: budgetInfo(budget, cap, period, startPacing), paced: info },
    };
  }

  const account = await resolveAccount(clients, opts, ctx, book);
  const run: PollRun = { ctx, now, book, budget, allowance: startPacing.remaining, reads: 0, requests: 0, gaps: [], skipped: [] };
  const due = continuing ? backlog : keys.filter(open);
  if (!due.length) throw windowsSpent(book, keys, now);

  const found = new Map<string, RawMention>();
  // Posts new since each source's last cycle, each once: what pacing projects from.
  const fresh = new Set<string>();
  const limited: RateLimited[] = [];
  for (const key of due) {
    const state = (cursor.sources[key] ??= {});
    const firstContact = !state.primed && !state.sinceId && !state.next;
    // A first contact's pages are history, not inflow: they must not set the pace.
    if (firstContact) state.history = true;
    const minPage = key === 'mentions' ? MIN_PAGE.mentions : MIN_PAGE.search;
    const maxResults = Math.min(PAGE_SIZE, run.allowance);
    if (maxResults < minPage) break; // budget guard: never ask for more posts than the cap leaves
    const page = await fetchSource(clients, opts, account.id, key, state, maxResults, run).catch((err: unknown) => {
      if (!isStaleSinceId(err, key, state)) throw err;
      // Recent search only reaches 7 days back: after a long outage the stored since_id is refused.
      // Restart this query from its newest page once (not a loop) and report the gap.
      run.gaps.push({ source: key, sinceId: state.sinceId });
      for (const k of Object.keys(state) as (keyof SourceState)[]) delete state[k];
      state.primed = true;
      return fetchSource(clients, opts, account.id, key, state, maxResults, run);
    }).catch((err: unknown) => {
      if (err instanceof RateLimited) limited.push(err);
      else throw err;
    });
    if (!page) continue;
    for (const m of ingestPage(page, key, run)) {
      mergeInto(found, m);
      if (!state.history) fresh.add(m.externalId);
    }
    advance(state, page, key, run, pagesAllowed(firstContact, budget.throttled, opts));
  }

  if (limited.length && limited.length === due.length) throw withWindows(earliest(limited), book);
  const ownPosts = continuing ? undefined : await refreshOwnPosts(clients, opts, account, cursor, run);
  cursor.cycleNew = (cursor.cycleNew ?? 0) + fresh.size;
  budget.localReads += run.reads;
  const hasMore = keys.some((k) => cursor.sources[k]?.next && open(k));
  let pacing = startPacing;
  if (!hasMore) {
    // A cycle of first contacts only says nothing about the inflow.
    if (cursor.cycleNew > 0 || due.some((k) => !cursor.sources[k]?.history && cursor.sources[k]?.primed)) {
      budget.ewmaNewPerInterval = nextEwma(budget.ewmaNewPerInterval, newPerInterval(cursor.cycleNew, budget.lastCycleAt, now, opts.pollIntervalMs));
    }
    budget.lastCycleAt = now.toISOString();
    cursor.cycleNew = 0;
    pacing = pacingFor(opts, budget, cap, reserve, period.end, now);
    budget.throttled = pacing.throttled;
  }
  for (const k of keys) if (!cursor.sources[k]?.next) delete cursor.sources[k]?.history;
  await saveBudget(ctx.kv, budget);
  await book.save(ctx.kv);
  if (run.gaps.length) ctx.log.warn({ channel: 'x', gaps: run.gaps }, 'x budget pacing: older posts of a large backlog were not read');
  const pacedNow = !hasMore && pacing.throttled ? paced(pacing) : undefined;
  if (pacedNow) ctx.log.warn({ channel: 'x', nextPollAt: pacedNow.until, reason: pacedNow.reason }, `x polling ${pacedNow.message}`);

  return {
    mentions: [...found.values()],
    cursor: serializeCursor(cursor),
    hasMore,
    rateLimits: book.all().length ? book.all() : undefined,
    ownPosts,
    skipped: run.skipped.length ? run.skipped : undefined,
    nextPollAfter: pacedNow?.until,
    info: {
      usage: budgetInfo(budget, cap, period, pacing),
      ...(pacedNow ? { paced: pacedNow } : {}),
      requests: run.requests,
      postsRead: run.reads,
      accountId: account.id,
      ...(run.gaps.length ? { gaps: run.gaps } : {}),
    },
  };
}

function effectiveCap(configured: number | undefined, projectCap: number | undefined): number | undefined {
  const caps = [configured, projectCap].filter((c): c is number => !!c && c > 0);
  return caps.length ? Math.min(...caps) : undefined;
}

function pacingFor(opts: ResolvedXOptions, b: BudgetRecord, cap: number | undefined, reserve: number, end: Date, now: Date): Pacing {
  return computePacing({
    now,
    used: usedSoFar(b),
    cap,
    reserve,
    periodEnd: end,
    baseIntervalMs: opts.pollIntervalMs,
    maxIntervalMs: opts.maxPollIntervalMs,
    newPostsPerInterval: b.ewmaNewPerInterval ?? 0,
    minPage: MIN_PAGE.search,
  });
}

/** Pages a new backlog may span: first contact and throttled cycles stay shallow. */
function pagesAllowed(firstContact: boolean, throttled: boolean | undefined, opts: ResolvedXOptions): number | null {
  if (firstContact) return opts.initialBackfillPages;
  return throttled ? 1 : null;
}

function endpointOf(key: string): string {
  return key === 'mentions' ? ENDPOINTS.mentions : ENDPOINTS.search;
}

/** Every source's window is spent: wait for the first one to reset. */
function windowsSpent(book: RateLimitBook, keys: string[], now: Date): RateLimited {
  const resets = [...new Set(keys.map(endpointOf))].map((e) => ({ e, until: book.exhaustedUntil(e, now)! }));
  const first = resets.reduce((a, b) => (b.until < a.until ? b : a));
  const err = new RateLimited(first.until, `x ${first.e}: window spent until ${first.until.toISOString()}`, 'x');
  return withWindows(err, book);
}

function earliest(errs: RateLimited[]): RateLimited {
  return errs.reduce((a, b) => (b.resetAt < a.resetAt ? b : a));
}

function withWindows(err: RateLimited, book: RateLimitBook): RateLimited {
  err.rateLimits = book.all();
  return err;
}

async function fetchSource(
  clients: XClients,
  opts: ResolvedXOptions,
  accountId: string,
  key: string,
  state: SourceState,
  maxResults: number,
  run: PollRun,
): Promise<FetchedPage> {
  const req = { sinceId: state.sinceId, next: state.next, maxResults, timeoutMs: opts.requestTimeoutMs };
  const endpoint = key === 'mentions' ? ENDPOINTS.mentions : ENDPOINTS.search;
  run.requests += 1;
  try {
    const page =
      key === 'mentions'
        ? await fetchMentionsPage(clients.user, accountId, req)
        : await fetchSearchPage(clients.app, key.slice('query:'.length), req);
    run.book.record(toRateLimitInfo(endpoint, page.rateLimit));
    return page;
  } catch (err) {
    const mapped = mapXError(err, { now: run.now, credentials: key === 'mentions' ? clients.credentials.user : clients.credentials.app });
    const seen = toRateLimitInfo(endpoint, (err as { rateLimit?: FetchedPage['rateLimit'] }).rateLimit);
    // A 429 means the window is spent whatever its headers say (or when it has none).
    run.book.record(mapped instanceof RateLimited ? { ...seen, endpoint, remaining: 0, resetAt: mapped.resetAt.toISOString() } : seen);
    await run.book.save(run.ctx.kv);
    throw mapped;
  }
}

function isStaleSinceId(err: unknown, key: string, state: SourceState): boolean {
  return key !== 'mentions' && !!state.sinceId && err instanceof Permanent && err.code === 'invalid_request' && /since_id/i.test(err.message);
}

function ingestPage(page: FetchedPage, key: string, run: PollRun): RawMention[] {
  const data = page.body.data ?? [];
  run.reads += data.length;
  run.allowance -= data.length;
  for (const e of page.body.errors ?? []) {
    run.skipped.push({ externalId: e.resource_id, reason: [e.title, e.detail].filter(Boolean).join(': ') || 'unknown error' });
  }
  const users = usersIndex(page.body.includes);
  return data.map((t) => toRawMention(t, users, key));
}

/**
 * Moves a source's state after a page: inside a backlog keep sinceId and remember the next
 * token; at its end sinceId jumps to the backlog's newest id. A backlog cut short by
 * `pagesLeft` is recorded as a gap.
 */
function advance(state: SourceState, page: FetchedPage, key: string, run: PollRun, allowed: number | null): void {
  const meta = page.body.meta ?? {};
  state.primed = true;
  const newest = meta.newest_id ?? page.body.data?.[0]?.id;
  if (!state.next) {
    state.backlogNewest = newest;
    state.pagesLeft = allowed;
  }
  const pagesLeft = state.pagesLeft === null || state.pagesLeft === undefined ? null : state.pagesLeft - 1;
  if (meta.next_token && (pagesLeft === null || pagesLeft > 0)) {
    state.next = meta.next_token;
    state.pagesLeft = pagesLeft;
    return;
  }
  if (meta.next_token) run.gaps.push({ source: key, sinceId: state.sinceId, oldestRead: meta.oldest_id });
  state.sinceId = newerId(state.backlogNewest, state.sinceId);
  delete state.next;
  delete state.backlogNewest;
  delete state.pagesLeft;
}
