/**
 * setup() for the case, webhook and Open311 API tests: the real app (buildApp with the reply and
 * case features) on a temp SQLite file, one user per role with a real token, a settable clock
 * and helpers to ingest complaints and run capture.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createClassifier } from '../../classifiers';
import { createReplayChannel } from '../../channels/replay';
import { buildApp } from '../../src/app';
import type { Config } from '../../src/config';
import type { Classification, Location, Mention, RawMention } from '../../src/domain';
import { createCaseFeature } from '../../src/cases/case-feature';
import { createCorrectionFeature } from '../../src/corrections/correction-feature';
import { DEFAULT_APPROVAL_RULES } from '../../src/replies/approval-policy';
import { createReplyFeature } from '../../src/replies/reply-feature';
import { createSqliteStores, type SqliteStores } from '../../src/stores/sqlite-stores';
import { buildClassified } from '../support/builders';
import { memoryLogger } from '../support/silent-log';
import { makeTempDir } from '../support/temp-dir';
import type { User } from '../../src/users/store/user-store';

export function caseConfig(overrides: Partial<Config['cases']> = {}): Config['cases'] {
  return {
    prefix: 'MOW',
    minConfidence: 0.5,
    slaHours: { high: 4, medium: 24, low: 72 },
    routing: {},
    dedup: { sameAuthorHours: 72, samePlaceHours: 24 },
    autoAck: false,
    statusReplies: true,
    captureSchedule: '*/30 * * * * *',
    forward: {},
    webhooks: { urls: [] },
    outbox: { schedule: '*/10 * * * * *', maxAttempts: 5, timeoutMs: 2000 },
    open311: { apiKeys: ['open311-test-key'] },
    ...overrides,
  };
}

/** Open311 address_string → location, as composition wires it; the gazetteer loads on first use only. */
let classifier: ReturnType<typeof createClassifier> | undefined;
export function locate(text: string): Location {
  classifier ??= createClassifier({ withoutSecondOpinion: true });
  return classifier.classify(text).location;
}

export async function setupCaseApp(cases: Partial<Config['cases']> = {}, start = new Date('2026-11-20T09:00:00.000Z')) {
  const tmp = makeTempDir('rasid-cases-');
  const store = createSqliteStores(path.join(tmp.dir, 'rasid.db'));
  const channel = createReplayChannel({ file: path.join(tmp.dir, 'none.jsonl'), batchSize: 10, sentFile: path.join(tmp.dir, 'sent.jsonl') });
  const { log, lines } = memoryLogger('debug');
  let clock = start;
  const now = () => clock;
  const replyFeature = createReplyFeature({
    store,
    log,
    channels: (name) => (name === channel.name ? channel : undefined),
    dataDir: tmp.dir,
    auth: { failedLoginLimit: 100_000, failedLoginWindowMs: 60_000, sessionTtlMs: 3_600_000, sessionCookieSecure: false },
    replies: {
      claimLeaseMs: 10 * 60_000,
      approval: { ...DEFAULT_APPROVAL_RULES },
      senderSchedule: '* * * * *',
      maxAttempts: 3,
      retryBaseMs: 1000,
      retryMaxMs: 10_000,
      testCrashAfterSend: false,
    },
    queueCountsTtlMs: 0,
    // as composition.ts wires it: the case feature is built below
    queueCases: {
      leaveCase: (actor, mention) => feature.corrections.leaveCase(actor, mention),
      backInQueue: (actor, mention) => feature.corrections.backInQueue(actor, mention),
      caseLabels: (caseIds) => store.cases.caseLabels(caseIds),
    },
  });
  await replyFeature.start();
  const feature = createCaseFeature({
    store,
    log,
    cases: caseConfig(cases),
    tzDisplay: 'Asia/Bahrain',
    audit: replyFeature.audit,
    replies: replyFeature.replies,
    locate,
    now,
  });
  replyFeature.sender.onSent((reply) => feature.onReplySent(reply));
  const corrections = createCorrectionFeature({ store, audit: replyFeature.audit, cases: feature.corrections, log, now });
  const app = buildApp({
    store,
    log,
    channels: [],
    jobStats: () => [],
    authenticate: replyFeature.authenticate,
    apiRouters: [...replyFeature.apiRouters, ...feature.apiRouters, ...corrections.apiRouters],
    publicRouters: feature.publicRouters,
    rootRouters: feature.rootRouters,
  });

  const adminToken = fs.readFileSync(path.join(tmp.dir, 'initial-admin-token'), 'utf8').trim();
  const admin = (await store.users.findUserByName('admin')) as User;
  const make = (name: string, role: User['role']) => replyFeature.users.create(admin.id, { name, role });
  const supervisor = await make('sara', 'supervisor');
  const agent = await make('ali', 'agent');
  const agent2 = await make('huda', 'agent');

  /** Stores one complaint on the replay channel (network x), without capturing it. */
  async function ingest(raw: Partial<RawMention> = {}, c: Partial<Classification> = {}): Promise<Mention> {
    const r = await store.mentions.ingestBatch(channel.name, [buildClassified({ network: 'x', createdAt: clock.toISOString(), ...raw }, c)], null);
    return r.inserted[0];
  }

  /** Ingests and captures (the onInserted hook), returning the mention. */
  async function complain(raw: Partial<RawMention> = {}, c: Partial<Classification> = {}): Promise<Mention> {
    const m = await ingest(raw, c);
    await feature.onInserted([m]);
    return (await store.mentions.getMention(m.id)) as Mention;
  }

  return {
    app,
    store,
    feature,
    replyFeature,
    channel,
    log: lines,
    dir: tmp.dir,
    users: { admin, supervisor: supervisor.user, agent: agent.user, agent2: agent2.user },
    tokens: { admin: adminToken, supervisor: supervisor.token, agent: agent.token, agent2: agent2.token },
    ingest,
    complain,
    now,
    setNow: (d: Date) => (clock = d),
    advance: (ms: number) => (clock = new Date(clock.getTime() + ms)),
    async cleanup() {
      await store.close();
      tmp.remove();
    },
  };
}

export type CaseApp = Awaited<ReturnType<typeof setupCaseApp>>;

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
