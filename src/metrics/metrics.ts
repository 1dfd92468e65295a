/**
 * Prometheus metrics for operators (prom-client), on a registry of our own so tests can build
 * several apps side by side. Event counters are incremented where things happen; levels such as
 * queue length are read from the store at scrape time.
 */
import client from 'prom-client';

export interface MetricsSnapshotSource {
  /** Mentions waiting for a reply, by urgency. */
  queueByUrgency?: () => Promise<Record<string, number>>;
  /** Open cases past their SLA. */
  overdueCases?: () => Promise<number>;
}

export class Metrics {
  readonly registry = new client.Registry();

  readonly mentionsIngested = new client.Counter({
    name: 'rasid_mentions_ingested_total',
    help: 'Mentions stored for the first time, by channel and primary domain',
    labelNames: ['channel', 'domain'] as const,
    registers: [this.registry],
  });
  readonly pollDuration = new client.Histogram({
    name: 'rasid_poll_duration_seconds',
    help: 'Duration of one scheduled poll of a channel (all pages of the run)',
    labelNames: ['channel', 'outcome'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly pollFailures = new client.Counter({
    name: 'rasid_poll_failures_total',
    help: 'Failed polls, by channel and error kind',
    labelNames: ['channel', 'kind'] as const,
    registers: [this.registry],
  });
  readonly rateLimitWaits = new client.Counter({
    name: 'rasid_rate_limit_waits_total',
    help: 'Times a channel had to wait for a rate-limit reset',
    labelNames: ['channel'] as const,
    registers: [this.registry],
  });
  readonly repliesFinished = new client.Counter({
    name: 'rasid_replies_total',
    help: 'Reply send attempts by outcome (sent, retried, failed, unknown, withdrawn: the post was closed after the reply was queued)',
    labelNames: ['state'] as const,
    registers: [this.registry],
  });
  readonly casesOpened = new client.Counter({
    name: 'rasid_cases_opened_total',
    help: 'Cases opened from complaints, by domain',
    labelNames: ['domain'] as const,
    registers: [this.registry],
  });
  readonly caseForwards = new client.Counter({
    name: 'rasid_case_forwards_total',
    help: 'Forwards of cases to the national complaints system, by outcome (delivered, retry, failed: given up)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new client.Histogram({
    name: 'rasid_http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });

  constructor(source: MetricsSnapshotSource = {}) {
    client.collectDefaultMetrics({ register: this.registry, prefix: 'rasid_' });
    const queue = source.queueByUrgency;
    const overdue = source.overdueCases;
    new client.Gauge({
      name: 'rasid_queue_length',
      help: 'Mentions waiting for a reply, by urgency',
      labelNames: ['urgency'] as const,
      registers: [this.registry],
      async collect() {
        if (!queue) return;
        for (const [urgency, n] of Object.entries(await queue())) this.set({ urgency }, n);
      },
    });
    new client.Gauge({
      name: 'rasid_cases_overdue',
      help: 'Open cases past their SLA due time',
      registers: [this.registry],
      async collect() {
        if (overdue) this.set(await overdue());
      },
    });
  }
}
