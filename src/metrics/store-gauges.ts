/** Levels the /metrics gauges read from the store at scrape time: queue length and overdue cases. */
import type { Stores } from '../stores/stores';
import type { MetricsSnapshotSource } from './metrics';

export function storeGauges(store: Stores): MetricsSnapshotSource {
  return {
    async queueByUrgency() {
      const out: Record<string, number> = {};
      for (const urgency of ['high', 'medium', 'low'] as const) {
        const byDomain = await store.queue.countQueueByDomain({ status: 'needs_reply', urgency, now: new Date().toISOString() });
        out[urgency] = Object.values(byDomain).reduce((a, b) => a + b, 0);
      }
      return out;
    },
    /** Open cases past their SLA now, counted page by page (the store computes overdue). */
    async overdueCases() {
      const overdueAt = new Date().toISOString();
      let count = 0;
      let cursor: string | undefined;
      do {
        const page = await store.cases.listCases({ overdueAt, limit: 500, cursor });
        count += page.items.length;
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return count;
    },
  };
}
