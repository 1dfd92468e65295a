/**
 * Cooperative time slicing for long runs of synchronous work (SQLite transactions) on the event
 * loop: give HTTP requests and timers their turn once `sliceMs` of work has gone by, not after
 * every item. Yielding after every item made a busy API starve that work: each yield waits for
 * a whole turn of the event loop, i.e. every pending request (the load test ingested 600 of 6,000
 * mentions in 8 s of API load, most of the time spent waiting after 1 ms captures).
 */
import { performance } from 'node:perf_hooks';

/** About the longest a request waits behind this work; well under the API's p99 goal (25 ms). */
export const DEFAULT_SLICE_MS = 8;

export class EventLoopSlice {
  private since: number;

  constructor(
    private readonly sliceMs = DEFAULT_SLICE_MS,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.since = clock();
  }

  /** Yields to the event loop when the slice is used up; otherwise returns at once. */
  async maybeYield(): Promise<boolean> {
    if (this.clock() - this.since < this.sliceMs) return false;
    await new Promise((resolve) => setImmediate(resolve));
    this.since = this.clock();
    return true;
  }
}
