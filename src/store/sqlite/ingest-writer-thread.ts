/**
 * The ingest writer thread: a worker thread with its own connection to the store's file that
 * runs the ingest transactions (MentionBatchWriter), so a channel's next page is fetched, parsed
 * and classified on the main thread while earlier pages are being inserted (poll-channel.ts
 * keeps up to two pages queued here, see write()). Inserting is about half of an ingest's CPU time (bench:ingest), and
 * better-sqlite3 runs every statement on the calling thread: without a second thread the two
 * halves can only take turns.
 *
 * What stays the same: one transaction per page with its cursor, pages of a channel committed in
 * order (the worker takes one message at a time), nothing committed that the caller was not told
 * of, except when the process dies, which is the crash case the cursor already covers. Readers on
 * the main connection see a page as soon as its write resolves (WAL; the store then tells the
 * queue's page cache which rows it inserted, see queue-change-feed.ts). Writes from the main connection (claims, cases) wait for
 * the lock at most one page's transaction (busy_timeout); that is why every multi-statement write
 * transaction on it is BEGIN IMMEDIATE: a deferred one that read before the writer committed
 * would fail with SQLITE_BUSY (stale snapshot) instead of waiting.
 *
 * The worker is started on the first write and held referenced only while writes are pending, so
 * an idle store never keeps the process alive. If it dies, its pending writes fail with a
 * StoreError and the next write starts a new one.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { StoreError } from '../store-error';
import type { MentionBatch, WrittenBatch } from './mention-batch-writer';

/** `after`: the channel's previous batch still pending when this one was sent (see write()). */
export type WriterRequest = { id: number; batch: MentionBatch; after?: number } | { close: true };
export type WriterReply = { id: number; written: WrittenBatch } | { id: number; error: { message: string; code?: string } };

export interface WriterThreadData {
  file: string;
}

interface Pending {
  resolve: (w: WrittenBatch) => void;
  reject: (err: Error) => void;
  channel: string;
}

/** Starts the worker script next to this file; from TypeScript sources (tsx, jest) through tsx's require hook. */
function startWorker(data: WriterThreadData): Worker {
  const script = path.join(__dirname, `ingest-writer-worker${path.extname(__filename)}`);
  if (!script.endsWith('.ts')) return new Worker(script, { workerData: data });
  const bootstrap = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(script)});`;
  return new Worker(bootstrap, { eval: true, workerData: data });
}

export class IngestWriterThread {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  /** Per channel, the last batch sent and not yet answered. */
  private readonly lastPending = new Map<string, number>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly file: string) {}

  /**
   * Sends a batch to be written after every batch sent before it. A batch sent while the
   * channel's previous one is still pending names it (`after`), and the worker does not write it
   * if that one failed: a page is never committed after a failed earlier page of its channel,
   * so its cursor can never skip that page.
   */
  write(batch: MentionBatch): Promise<WrittenBatch> {
    if (this.closed) return Promise.reject(new StoreError('store_unavailable', `${this.file}: the store is closed`));
    const worker = this.running();
    const id = this.nextId++;
    const after = this.lastPending.get(batch.channel);
    this.lastPending.set(batch.channel, id);
    return new Promise<WrittenBatch>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, channel: batch.channel });
      worker.ref();
      worker.postMessage({ id, batch, ...(after !== undefined ? { after } : {}) } satisfies WriterRequest);
    });
  }

  /** Lets pending writes finish, then closes the worker's connection and ends the thread. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    if (!worker) return;
    await new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      worker.ref();
      worker.postMessage({ close: true } satisfies WriterRequest);
    });
  }

  private running(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker({ file: this.file });
    worker.on('message', (reply: WriterReply) => this.settle(reply));
    worker.on('error', (err) => this.failAll(worker, err));
    worker.on('exit', (code) => this.failAll(worker, new Error(`ingest writer thread exited with code ${code}`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private settle(reply: WriterReply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (this.lastPending.get(waiting.channel) === reply.id) this.lastPending.delete(waiting.channel);
    if (this.pending.size === 0) this.worker?.unref();
    if ('written' in reply) waiting.resolve(reply.written);
    else waiting.reject(StoreError.wrap(Object.assign(new Error(reply.error.message), { code: reply.error.code }), this.file));
  }

  /**
   * The worker is gone: every write it had not answered fails. Such a write is committed whole or
   * not at all; as after a crash, the cursor in the store says which, and case capture's sweep
   * takes the complaints whose post-ingest hook never ran.
   */
  private failAll(worker: Worker, cause: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const err = StoreError.wrap(cause, this.file);
    for (const waiting of this.pending.values()) waiting.reject(err);
    this.pending.clear();
    this.lastPending.clear();
  }
}
