/**
 * A flood of new mentions for bench:api's flood-day row: a generated channel fed at a steady rate
 * (500 mentions/s), polled the way the scheduler polls a channel (pollChannel: fetch a page,
 * classify it on this thread, commit it with its cursor in the store's ingest writer thread,
 * pages of 100 until the backlog is drained, then again at the next tick). The posts are new
 * (created in the last seconds), as on a real flood day.
 */
import type { Channel, Classifier, PollResult, RawMention } from '../../src/domain';
import { pollChannel } from '../../src/ingest/poll-channel';
import type { Logger } from '../../src/logger';
import type { SqliteStore } from '../../src/store/sqlite';
import { generateMentions } from './generate-mentions';

/** The X API's page size: a poll run writes the backlog in pages of this many. */
const PAGE = 100;
/** How often the scheduler's tick polls the channel. */
const TICK_MS = 200;

/**
 * Posts arriving at `perSecond` from the moment start() is called: each poll takes what has
 * arrived since the last one (at most a page; hasMore when more is waiting).
 */
class FloodChannel implements Channel {
  readonly name = 'x';
  private readonly source: Generator<RawMention>;
  private startedAt = 0;
  private taken = 0;

  constructor(private readonly perSecond: number, seed: number) {
    this.source = generateMentions({ count: Number.MAX_SAFE_INTEGER, seed, idPrefix: `flood-${seed}` });
  }

  start(): void {
    this.startedAt = Date.now();
    this.taken = 0;
  }

  /** Mentions that have arrived and not been taken yet. */
  get backlog(): number {
    return Math.floor(((Date.now() - this.startedAt) / 1000) * this.perSecond) - this.taken;
  }

  async poll(): Promise<PollResult> {
    const n = Math.max(0, Math.min(PAGE, this.backlog));
    const now = Date.now();
    const mentions: RawMention[] = [];
    for (let i = 0; i < n; i++) {
      const m = this.source.next().value as RawMention;
      // Created a few seconds ago, spread over the page (the generator's own dates are in the past).
      mentions.push({ ...m, network: 'x', createdAt: new Date(now - 5_000 + Math.floor((i / PAGE) * 1000)).toISOString() });
    }
    this.taken += n;
    return { mentions, cursor: `flood:${this.taken}`, hasMore: this.backlog > 0 };
  }
}

export class FloodIngest {
  private readonly channel: FloodChannel;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private inserted = 0;
  private startedAt = 0;
  private failure: string | undefined;

  constructor(
    private readonly deps: { store: SqliteStore; classifier: Classifier; log: Logger },
    perSecond: number,
    seed = 99,
  ) {
    this.channel = new FloodChannel(perSecond, seed);
  }

  start(): void {
    this.inserted = 0;
    this.failure = undefined;
    this.startedAt = Date.now();
    this.channel.start();
    this.timer = setInterval(() => {
      // One run at a time, as the scheduler does; a run still busy at the next tick skips it.
      if (!this.running) this.running = this.pollOnce().finally(() => (this.running = undefined));
    }, TICK_MS);
  }

  /** Stops, lets the run in progress finish, and tells how many mentions were stored and in what time. */
  async stop(): Promise<{ inserted: number; seconds: number; error?: string }> {
    clearInterval(this.timer);
    const seconds = (Date.now() - this.startedAt) / 1000;
    await this.running;
    return { inserted: this.inserted, seconds, ...(this.failure ? { error: this.failure } : {}) };
  }

  private async pollOnce(): Promise<void> {
    const outcome = await pollChannel({ ...this.deps, channel: this.channel, maxPages: Infinity });
    this.inserted += outcome.inserted;
    if (outcome.status === 'failed') this.failure = outcome.error;
  }
}
