/**
 * One scheduled poll of one channel: the only place that joins a channel, the classifier and the
 * store. Each page is committed with its cursor in one transaction, so a crash at any moment
 * neither loses nor duplicates a mention. The next page is fetched and classified while the
 * previous one is committed (with the SQLite store's ingest writer thread the two really overlap,
 * and two pages may wait there, see Store.pipelinedIngest). Every outcome is recorded in the
 * channel's health.
 */
import type { Channel, ClassifiedMention, Classifier, Mention, PollContext, PollResult } from '../domain';
import type { ChannelState } from '../domain';
import { ChannelError, RateLimited } from '../domain/channel-errors';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics/metrics';
import { BackoffPolicy, DEFAULT_BACKOFF, backoffDelay } from '../scheduler/backoff';
import { classifyMentions } from './classify-mentions';
import type { PollBackoffMemory } from './poll-backoff-memory';
import type { ChannelStateStore } from '../mentions/store/channel-state-store';
import type { MentionStore } from '../mentions/store/mention-store';

export interface PollDeps {
  store: { mentions: MentionStore; channelStates: ChannelStateStore };
  classifier: Classifier;
  channel: Channel;
  log: Logger;
  now?: () => Date;
  /** Pages fetched in one run before yielding to the next tick (bounded work per run). */
  maxPages?: number;
  backoff?: BackoffPolicy;
  /** This channel's backoff kept across runs in memory too, for when the store cannot save it. */
  memory?: PollBackoffMemory;
  /** Called with newly stored mentions (case capture, metrics). Failures are logged, not fatal. */
  onInserted?: (mentions: Mention[]) => Promise<void>;
  /** Stop between pages (graceful shutdown): the in-flight page still completes. */
  shouldStop?: () => boolean;
  metrics?: Metrics;
}

export interface PollOutcome {
  status: 'ok' | 'skipped' | 'failed';
  inserted: number;
  updated: number;
  pages: number;
  skippedItems: number;
  error?: string;
}

export async function pollChannel(deps: PollDeps): Promise<PollOutcome> {
  const { store, channel, log } = deps;
  const now = deps.now ?? (() => new Date());
  const outcome: PollOutcome = { status: 'ok', inserted: 0, updated: 0, pages: 0, skippedItems: 0 };
  const state = await store.channelStates.getChannelState(channel.name);
  if (deps.memory?.holds(now()) || (storedPauseHolds(state, now()) && !liftedAtStart(deps, state))) return { ...outcome, status: 'skipped' };

  const ctx: PollContext = { kv: store.channelStates.channelKv(channel.name), log, now };
  const endTimer = deps.metrics?.pollDuration.startTimer({ channel: channel.name });
  let cursor = state?.cursor ?? null;
  let last: PollResult | undefined;
  let dispatched = 0;
  // Pages being committed while the next one is fetched and classified, oldest first: one, or two
  // when the store queues writes in order and drops those behind a failed one (pipelinedIngest).
  // Either way pages commit in order and a failed write stops the run before anything after it.
  const committing: Promise<void>[] = [];
  const inFlight = store.mentions.pipelinedIngest ? 2 : 1;
  const commit = async (page: PollResult, classified: ClassifiedMention[]) => {
    const result = await store.mentions.ingestBatch(channel.name, classified, page.cursor);
    outcome.pages++;
    outcome.inserted += result.inserted.length;
    outcome.updated += result.updated;
    outcome.skippedItems += page.skipped?.length ?? 0;
    if (page.ownPosts?.length) await store.mentions.saveOwnPosts(channel.name, page.ownPosts);
    for (const m of result.inserted)
      deps.metrics?.mentionsIngested.inc({ channel: m.network, domain: m.classification.primaryDomain ?? 'none' });
    if (result.inserted.length && deps.onInserted) await notify(deps, result.inserted);
  };
  try {
    do {
      last = await channel.poll(cursor, ctx);
      const classified = classifyMentions(deps.classifier, last.mentions);
      while (committing.length >= inFlight) await committing.shift();
      const write = commit(last, classified);
      // Its failure is thrown where it is awaited (above or below), not reported as unhandled meanwhile.
      write.catch(() => {});
      committing.push(write);
      cursor = last.cursor;
      dispatched++;
      // The store may be synchronous (SQLite): give HTTP requests and timers their turn between pages.
      await yieldToEventLoop();
    } while (last.hasMore && dispatched < (deps.maxPages ?? 50) && !deps.shouldStop?.());
    while (committing.length) await committing.shift();
  } catch (err) {
    // A fetch or a write failed while other pages were being written: let those finish first.
    await Promise.allSettled(committing);
    await recordFailure(deps, state, err, now());
    endTimer?.({ outcome: 'failed' });
    return { ...outcome, status: 'failed', error: (err as Error).message };
  }
  await store.channelStates.saveChannelHealth(channel.name, {
    health: 'ok',
    lastPollAt: now().toISOString(),
    lastSuccessAt: now().toISOString(),
    consecutiveFailures: 0,
    lastError: undefined,
    backoffUntil: last?.nextPollAfter,
    ...(last?.rateLimits ? { rateLimits: last.rateLimits } : {}),
    ...(last?.info ? { info: last.info } : {}),
  });
  deps.memory?.succeeded();
  endTimer?.({ outcome: 'ok' });
  if (outcome.inserted || outcome.skippedItems) {
    log.info(
      { channel: channel.name, inserted: outcome.inserted, updated: outcome.updated, pages: outcome.pages, skipped: outcome.skippedItems },
      `polled ${channel.name}: ${outcome.inserted} new mentions, ${outcome.updated} known`,
    );
  }
  return outcome;
}

function storedPauseHolds(state: ChannelState | null, now: Date): boolean {
  return !!state?.backoffUntil && new Date(state.backoffUntil) > now;
}

/**
 * The hour's pause after a failure only a person can fix (refused credentials, a wrong account id)
 * waits for that fix, and a restart is how a fixed setting takes effect: the first poll of a new
 * process tries at once (once: if it still fails, the pause starts again). A rate limit's pause is
 * the server's, kept.
 */
function liftedAtStart(deps: PollDeps, state: ChannelState | null): boolean {
  if (!deps.memory || deps.memory.attempted || state?.health !== 'needs_attention') return false;
  deps.log.info({ channel: deps.channel.name, pausedUntil: state.backoffUntil }, `${deps.channel.name} was paused for a failure a person must fix (${state.lastError?.code ?? 'unknown'}); trying again now, after this start`);
  return true;
}

async function notify(deps: PollDeps, inserted: Mention[]): Promise<void> {
  try {
    await deps.onInserted?.(inserted);
  } catch (err) {
    // Mentions are already safe in the store (capture_pending); the capture job retries them.
    deps.log.error({ channel: deps.channel.name, err }, 'post-ingest hook failed');
  }
}

async function recordFailure(deps: PollDeps, state: ChannelState | null, err: unknown, at: Date): Promise<void> {
  // The stored count lags behind while the store refuses writes; the larger one is the true one.
  const failures = Math.max(state?.consecutiveFailures ?? 0, deps.memory?.failures ?? 0) + 1;
  const message = (err as Error).message ?? String(err);
  const kind = err instanceof ChannelError ? err.kind : 'transient';
  let backoffUntil: Date;
  let health: ChannelState['health'] = 'failing';
  if (err instanceof RateLimited) {
    backoffUntil = err.resetAt;
    health = 'rate_limited';
  } else if (kind === 'auth_failed' || kind === 'permanent') {
    // A human must act (new password, checkpoint, a wrong account id: asking again cannot help):
    // try again only rarely, no retry storm (or at once after a restart, see liftedAtStart).
    backoffUntil = new Date(at.getTime() + 60 * 60_000);
    health = 'needs_attention';
  } else {
    backoffUntil = new Date(at.getTime() + backoffDelay(failures, deps.backoff ?? DEFAULT_BACKOFF));
  }
  deps.memory?.failed(failures, backoffUntil);
  let unrecorded: string | undefined;
  try {
    await deps.store.channelStates.saveChannelHealth(deps.channel.name, {
      health,
      lastPollAt: at.toISOString(),
      consecutiveFailures: failures,
      lastError: { at: at.toISOString(), message, code: kind },
      backoffUntil: backoffUntil.toISOString(),
      ...(err instanceof RateLimited && err.rateLimits ? { rateLimits: err.rateLimits } : {}),
      ...(err instanceof ChannelError && err.info ? { info: err.info } : {}),
    });
  } catch (saveErr) {
    // Usually the same cause as the poll's failure (disk full): the backoff holds in memory.
    if (!deps.memory) throw saveErr;
    unrecorded = (saveErr as Error).message;
  }
  deps.metrics?.pollFailures.inc({ channel: deps.channel.name, kind });
  if (kind === 'rate_limited') deps.metrics?.rateLimitWaits.inc({ channel: deps.channel.name });
  const level = kind === 'rate_limited' ? 'warn' : 'error';
  deps.log[level](
    { channel: deps.channel.name, failures, backoffUntil: backoffUntil.toISOString(), err: message, ...(unrecorded ? { healthNotSaved: unrecorded } : {}) },
    `poll of ${deps.channel.name} failed (${kind})`,
  );
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
