/**
 * The composition root: builds the store, classifier, channels, jobs and HTTP app from config.
 * Wired by hand; constructors take only what they need.
 */
import type express from 'express';
import { buildApp } from './app';
import { instagramWebhookRouter } from './api/instagram-webhook';
import { openApiRoutes } from './http/openapi/openapi-routes';
import { openApiDocument } from './openapi-document';
import { knownChannels } from './channel-catalog';
import { createChannels, findGraphChannel, type ScheduledChannel } from './channel-registry';
import { ingestPushed } from './ingest/ingest-pushed';
import type { Config } from './config';
import type { Classifier } from './domain';
import { createClassifier } from '../classifiers';
import { pollChannel } from './ingest/poll-channel';
import { PollBackoffMemory } from './ingest/poll-backoff-memory';
import type { Logger } from './logger';
import { Metrics } from './metrics/metrics';
import { storeGauges } from './metrics/store-gauges';
import { Scheduler } from './scheduler/scheduler';
import { consoleRouter } from './console/console-router';
import { createReplyFeature, type ReplyFeature } from './replies/reply-feature';
import { createCaseFeature, type CaseFeature } from './cases/case-feature';
import { createCorrectionFeature } from './corrections/correction-feature';
import { createSqliteStores } from './stores/sqlite-stores';
import { createMongoStores } from './stores/mongo-stores';
import type { Stores } from './stores/stores';
import { createScheduler } from './scheduler/leased-scheduler';
import { createSummaryFeature, type SummaryFeature } from './summaries/summary-feature';
import { createDemoFeature, type DemoFeature, type DemoFeatureDeps } from './demo/demo-feature';

export interface Services {
  config: Config;
  log: Logger;
  store: Stores;
  classifier: Classifier;
  channels: ScheduledChannel[];
  scheduler: Scheduler;
  metrics: Metrics;
  /** Accounts, reply queue, templates, outbox sender, audit. */
  replyFeature: ReplyFeature;
  /** Case capture, case API, forwarding, webhooks, Open311. */
  caseFeature: CaseFeature;
  /** Weekly summaries: their store, service, job and API. */
  summaryFeature: SummaryFeature;
  /** Present in demo mode: `ready` resolves once the demo's posts and history are in. */
  demo?: DemoFeature;
  app: express.Express;
}

/**
 * `instanceLock: false` for command-line tools that may run beside the service; `ingestThread`
 * for the service's ingest writer thread (both SQLite only, see SqliteStoreOptions).
 */
export async function createStore(config: Config, opts: { instanceLock?: boolean; ingestThread?: boolean } = {}): Promise<Stores> {
  if (config.storage.driver === 'mongodb') {
    // the config schema requires MONGODB_URI when STORE=mongodb
    return createMongoStores({ uri: config.storage.mongodbUri as string, dbName: config.storage.mongodbDb });
  }
  return createSqliteStores(config.storage.sqliteFile, opts);
}

/** The classifier every ingest path uses (lexicons, gazetteer and the learned model load once, ~300 ms). */
export function createDefaultClassifier(): Classifier {
  return createClassifier();
}

export async function createServices(config: Config, log: Logger): Promise<Services> {
  const store = await createStore(config, { ingestThread: true });
  const classifier = createDefaultClassifier();
  const channels = await createChannels(config, log, (name) => store.channelStates.channelKv(name));
  // MongoDB: every job runs on one instance at a time through a job lease
  // cron schedules read in the display time zone (the weekly summary's Sunday 08:00)
  const scheduler = createScheduler(store, log, { timezone: config.tzDisplay });
  const metrics = new Metrics(storeGauges(store));
  const demo = demoFeatureFor(config, store, log, {
    onReplySent: (reply) => caseFeature.onReplySent(reply),
    onReady: () => scheduler.runOnce(summaryFeature.job),
  });

  for (const { channel, schedule } of channels) {
    const memory = new PollBackoffMemory();
    scheduler.add({
      name: `poll:${channel.name}`,
      schedule,
      runAtStart: true,
      run: async () => {
        await pollChannel({
          store,
          classifier,
          channel,
          log,
          metrics,
          memory,
          shouldStop: () => scheduler.isStopping,
          onInserted: (mentions) => caseFeature.onInserted(mentions),
        });
        if (demo && channel.name === REPLAY_CHANNEL) await demo.afterPoll(channel.name);
      },
    });
  }

  // --- Accounts, reply queue, templates, outbox sender, audit ---
  const channelByName = new Map(channels.map((c) => [c.channel.name, c.channel]));
  const replyFeature = createReplyFeature({
    store,
    log,
    channels: (name) => channelByName.get(name),
    dataDir: config.storage.dataDir,
    auth: config.auth,
    replies: config.replies,
    // The queue's cases: a spam post leaves its case, a set-back one gets it back, the list names
    // each post's case. The case feature is built below.
    queueCases: {
      leaveCase: (actor, mention) => caseFeature.corrections.leaveCase(actor, mention),
      backInQueue: (actor, mention) => caseFeature.corrections.backInQueue(actor, mention),
      caseLabels: (caseIds) => store.cases.caseLabels(caseIds),
    },
    onSendOutcome: (o) => {
      for (const state of ['sent', 'retried', 'failed', 'unknown', 'withdrawn'] as const) if (o[state]) metrics.repliesFinished.inc({ state }, o[state]);
    },
  });
  await replyFeature.start();
  scheduler.add(replyFeature.senderJob);

  // --- Cases: capture, SLA, case API, forwarding, webhooks, Open311 ---
  const caseFeature = createCaseFeature({
    store,
    log,
    cases: config.cases,
    tzDisplay: config.tzDisplay,
    defaultMinConfidence: classifier.captureThreshold,
    audit: replyFeature.audit,
    replies: replyFeature.replies,
    onCaseOpened: (opened) => metrics.casesOpened.inc({ domain: opened.domain }),
    onForwardOutcome: (outcome) => metrics.caseForwards.inc({ outcome }),
    locate: (text) => classifier.classify(text).location,
  });
  replyFeature.sender.onSent((reply) => caseFeature.onReplySent(reply));
  for (const job of caseFeature.jobs) scheduler.add(job);

  // --- Classification corrections from the console: audited, cases follow, exported for training ---
  const correctionFeature = createCorrectionFeature({ store, audit: replyFeature.audit, cases: caseFeature.corrections, log });

  // --- Instagram Graph webhook: comments and mentions arrive without waiting for a poll ---
  const graph = findGraphChannel(channels);
  const graphSettings = config.channels.instagramGraph;
  const webhookRouters =
    graph && graphSettings.appSecret && graphSettings.verifyToken
      ? [
          instagramWebhookRouter({
            appSecret: graphSettings.appSecret,
            verifyToken: graphSettings.verifyToken,
            resolveMention: (ref) => graph.fetchMention(ref),
            onMentions: async (raws) => {
              await ingestPushed({ store, classifier, onInserted: (m) => caseFeature.onInserted(m) }, graph.name, raws);
            },
          }),
        ]
      : [];
  // --- end webhook ---

  // --- Web console at /: built in memory at start, no separate build step ---
  // The queue's waiting badges use the weekly summary's targets, and the composer the approval
  // rules the reply service applies: the console says what the server will do.
  const consoleRouters = [
    consoleRouter({
      tzDisplay: config.tzDisplay,
      responseSlaMinutes: config.summary.responseSlaMinutes,
      approval: { urgencies: config.replies.approval.urgencies, trainees: config.replies.approval.trainees },
      log,
    }),
  ];

  // --- Weekly summaries: job (history, missed run at start, e-mail) and API ---
  // The report names units as the case routing does (CASE_ROUTING may rename them).
  const summaryFeature = createSummaryFeature({ store: store.summaries, log, tzDisplay: config.tzDisplay, config: config.summary, units: caseFeature.settings.routing });
  await summaryFeature.prepareStore();
  // In demo mode last week's summary waits for the demo's posts and history (demo.onReady).
  scheduler.add(demo ? { ...summaryFeature.job, runAtStart: false } : summaryFeature.job);
  if (summaryFeature.rollupJob) scheduler.add(summaryFeature.rollupJob);

  const app = buildApp({
    authenticate: replyFeature.authenticate,
    apiRouters: [...replyFeature.apiRouters, openApiRoutes(openApiDocument), ...caseFeature.apiRouters, ...correctionFeature.apiRouters, ...summaryFeature.apiRouters],
    publicRouters: [...caseFeature.publicRouters, ...webhookRouters],
    rootRouters: [...caseFeature.rootRouters, ...consoleRouters],
    store,
    log,
    channels: channels.map((c) => ({ name: c.channel.name, schedule: c.schedule, canReply: !!c.channel.reply })),
    knownChannels: knownChannels(config),
    jobStats: () => scheduler.jobStats(),
    metrics,
    metricsToken: config.metricsToken,
    https: config.auth.sessionCookieSecure,
    trustProxy: config.server.trustProxy,
  });
  return { config, log, store, classifier, channels, scheduler, metrics, replyFeature, caseFeature, summaryFeature, demo, app };
}

const REPLAY_CHANNEL = 'replay';

/** Demo mode when the replay channel plays the demo file (not a file of one's own). */
function demoFeatureFor(config: Config, store: Stores, log: Logger, hooks: Pick<DemoFeatureDeps, 'onReplySent' | 'onReady'>): DemoFeature | undefined {
  if (!config.demo.enabled || config.channels.replay.file !== config.demo.file) return undefined;
  return createDemoFeature({ store, file: config.demo.file, log, ...hooks });
}
