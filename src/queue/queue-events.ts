/**
 * Server-sent events for the queue (`GET /api/queue/events`): each connected console is told
 * `changed` when the store has changed (a new mention, a claim, a reply, a status), and reloads
 * its page at once instead of at its next poll. Agents see new complaints within about a second
 * and see a colleague's claim before they open the same mention.
 *
 * The change is noticed by reading the store's change stamp (ReplyStore.changeStamp, a few µs)
 * once per second while anyone listens: one check serves every console, and a burst of writes
 * becomes one event. The reload itself is usually served by the queue page cache. A comment
 * line every 25 s keeps idle connections open through proxies. A store without a change stamp
 * (MongoDB) answers 204, which tells EventSource not to reconnect: those consoles keep polling.
 */
import type { Request, Response } from 'express';

export interface QueueEventsOptions {
  checkMs?: number;
  heartbeatMs?: number;
}

export class QueueEvents {
  private readonly listeners = new Set<Response>();
  private readonly checkMs: number;
  private readonly heartbeatMs: number;
  private timer: NodeJS.Timeout | undefined;
  private lastStamp: string | undefined;
  private lastWriteAt = 0;

  constructor(
    private readonly changeStamp: (() => string) | undefined,
    opts: QueueEventsOptions = {},
  ) {
    this.checkMs = opts.checkMs ?? 1_000;
    this.heartbeatMs = opts.heartbeatMs ?? 25_000;
  }

  /** Takes over the response as an event stream until the client goes away or close() is called. */
  subscribe(req: Request, res: Response): void {
    if (!this.changeStamp) {
      res.status(204).end();
      return;
    }
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    // How long EventSource waits before reconnecting after the connection drops.
    res.write('retry: 5000\n\n');
    this.listeners.add(res);
    req.on('close', () => this.drop(res));
    this.startChecking();
  }

  /** Ends every stream (shutdown) and stops checking. */
  close(): void {
    for (const res of this.listeners) res.end();
    this.listeners.clear();
    this.stopChecking();
  }

  get listening(): number {
    return this.listeners.size;
  }

  private drop(res: Response): void {
    this.listeners.delete(res);
    if (this.listeners.size === 0) this.stopChecking();
  }

  private startChecking(): void {
    if (this.timer) return;
    this.lastStamp = this.readStamp();
    this.lastWriteAt = Date.now();
    this.timer = setInterval(() => this.check(), this.checkMs);
    this.timer.unref();
  }

  private stopChecking(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private check(): void {
    const stamp = this.readStamp();
    if (stamp === undefined) return this.close();
    if (stamp !== this.lastStamp) {
      this.lastStamp = stamp;
      this.send('event: changed\ndata: {}\n\n');
    } else if (Date.now() - this.lastWriteAt >= this.heartbeatMs) {
      this.send(': keep-alive\n\n');
    }
  }

  /** undefined when the store cannot answer (closed during shutdown): the streams end. */
  private readStamp(): string | undefined {
    try {
      return this.changeStamp?.();
    } catch {
      return undefined;
    }
  }

  private send(text: string): void {
    this.lastWriteAt = Date.now();
    for (const res of this.listeners) res.write(text);
  }
}
