/**
 * setup() for the reply/auth/template API tests: the real app (buildApp + createReplyFeature) on
 * a temp SQLite file, a replay channel whose sent file plays the remote side, and one user per
 * role with its token.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createReplayChannel } from '../../channels/replay';
import { buildApp } from '../../src/app';
import type { Channel, Classification, RawMention, User } from '../../src/domain';
import { DEFAULT_APPROVAL_RULES, type ApprovalRules } from '../../src/replies/approval-policy';
import { createReplyFeature } from '../../src/replies/reply-feature';
import { SqliteStore } from '../../src/store/sqlite';
import { buildClassified } from '../support/builders';
import { memoryLogger } from '../support/silent-log';
import { makeTempDir } from '../support/temp-dir';

export interface SetupOptions {
  approval?: Partial<ApprovalRules>;
  failedLoginLimit?: number;
  /** Replace the replay channel (e.g. a failing fake). */
  channel?: Channel;
  /** The feature's clock (default the real one). */
  now?: () => Date;
  /** Ingest through the store's writer thread, as the service does (default: on the store's connection). */
  ingestThread?: boolean;
}

export async function setupReplyApp(opts: SetupOptions = {}) {
  const tmp = makeTempDir('rasid-replies-');
  const store = new SqliteStore(path.join(tmp.dir, 'rasid.db'), { ingestThread: opts.ingestThread ?? false });
  const sentFile = path.join(tmp.dir, 'replay-sent.jsonl');
  const channel = opts.channel ?? createReplayChannel({ file: path.join(tmp.dir, 'none.jsonl'), batchSize: 10, sentFile });
  const { log, lines } = memoryLogger('debug');
  const feature = createReplyFeature({
    store,
    log,
    channels: (name) => (name === channel.name ? channel : undefined),
    dataDir: tmp.dir,
    auth: { failedLoginLimit: opts.failedLoginLimit ?? 1000, failedLoginWindowMs: 60_000, sessionTtlMs: 3_600_000, sessionCookieSecure: false },
    replies: {
      claimLeaseMs: 10 * 60_000,
      approval: { ...DEFAULT_APPROVAL_RULES, ...opts.approval },
      senderSchedule: '* * * * *',
      maxAttempts: 3,
      retryBaseMs: 1000,
      retryMaxMs: 10_000,
      testCrashAfterSend: false,
    },
    queueCountsTtlMs: 0,
    ...(opts.now ? { now: opts.now } : {}),
  });
  await feature.start();
  const app = buildApp({ store, log, channels: [], jobStats: () => [], authenticate: feature.authenticate, apiRouters: feature.apiRouters });

  const adminToken = fs.readFileSync(path.join(tmp.dir, 'initial-admin-token'), 'utf8').trim();
  const admin = (await store.findUserByName('admin')) as User;
  const make = async (name: string, role: User['role'], trainee = false) => feature.users.create(admin.id, { name, role, trainee });
  const supervisor = await make('sara', 'supervisor');
  const agent = await make('ali', 'agent');
  const agent2 = await make('huda', 'agent');
  const trainee = await make('tariq', 'agent', true);

  /** Ingests one mention on the channel; network 'x' by default (X weighted length applies). */
  async function mention(raw: Partial<RawMention> = {}, c: Partial<Classification> = {}) {
    const r = await store.ingestBatch(channel.name, [buildClassified({ network: 'x', ...raw }, c)], null);
    return r.inserted[0];
  }

  function sentLines(): { inReplyTo: string; text: string; idempotencyKey: string }[] {
    if (!fs.existsSync(sentFile)) return [];
    return fs.readFileSync(sentFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  }

  return {
    app,
    store,
    feature,
    log: lines,
    dir: tmp.dir,
    users: { admin, supervisor: supervisor.user, agent: agent.user, agent2: agent2.user, trainee: trainee.user },
    tokens: { admin: adminToken, supervisor: supervisor.token, agent: agent.token, agent2: agent2.token, trainee: trainee.token },
    mention,
    sentLines,
    async cleanup() {
      await store.close();
      tmp.remove();
    },
  };
}

export type ReplyApp = Awaited<ReturnType<typeof setupReplyApp>>;

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
