/**
 * Wires accounts, the reply queue, templates, the outbox sender and the audit trail into routers,
 * the authenticate middleware and one scheduled job, so composition.ts adds them in one block.
 */
import type { ChannelStateStore } from '../mentions/store/channel-state-store';
import type { RequestHandler, Router } from 'express';
import { AuditLog } from '../audit/audit-log';
import { auditRoutes } from '../audit/audit-routes';
import { createAuthenticate } from '../auth/authenticate';
import { SUPERVISORS, requireRole } from '../auth/require-role';
import { sessionRoutes } from '../auth/session-routes';
import { userRoutes } from '../auth/user-routes';
import { UserService } from '../auth/user-service';
import type { Config } from '../config';
import type { MentionStore } from '../mentions/store/mention-store';
import type { Logger } from '../logger';
import type { Job } from '../scheduler/job';
import { templateRoutes } from '../templates/template-routes';
import { TemplateService } from '../templates/template-service';
import type { TemplateStore } from '../templates/store/template-store';
import type { AuditStore } from '../audit/store/audit-store';
import type { UserStore } from '../users/store/user-store';
import type { QueueStore } from '../queue/store/queue-store';
import type { ReplyStore } from './store/reply-store';
import { QueueEvents } from '../queue/queue-events';
import { QueueService, type QueueCases } from '../queue/queue-service';
import { queueRoutes } from '../queue/queue-routes';
import { replyRoutes } from './reply-routes';
import { ReplyService, type CaseLookup, type ChannelLookup } from './reply-service';
import { ReplySender, type SendOutcome } from './send-replies-job';

/** The stores this feature reads and writes. */
export type ReplyFeatureStores = {
  mentions: MentionStore;
  templates: TemplateStore; audit: AuditStore; users: UserStore; queue: QueueStore; replies: ReplyStore; cases: CaseLookup;
  channelStates: Pick<ChannelStateStore, 'saveChannelHealth'> };

export interface ReplyFeatureDeps {
  store: ReplyFeatureStores;
  log: Logger;
  channels: ChannelLookup;
  dataDir: string;
  auth: Config['auth'];
  replies: Config['replies'];
  /** The cases feature's part in the queue (a spam post leaves its case, a set-back one gets it back, the list names cases); absent: none. */
  queueCases?: QueueCases;
  /** Told what each sender run did (metrics). */
  onSendOutcome?: (outcome: SendOutcome) => void;
  /** Per-domain queue counts cache (default 2 s); tests pass 0. */
  queueCountsTtlMs?: number;
  /** Queue pages served again while the store is unchanged (default on; bench:api measures both). */
  queuePageCache?: boolean;
  now?: () => Date;
}

export interface ReplyFeature {
  audit: AuditLog;
  templates: TemplateService;
  users: UserService;
  queue: QueueService;
  /** `GET /api/queue/events`: tells consoles when the queue may have changed; close() at shutdown. */
  queueEvents: QueueEvents;
  replies: ReplyService;
  sender: ReplySender;
  authenticate: RequestHandler;
  apiRouters: Router[];
  senderJob: Job;
  /** Once at start, before the scheduler: first admin, default templates, interrupted sends → unknown. */
  start(): Promise<void>;
}

export function createReplyFeature(deps: ReplyFeatureDeps): ReplyFeature {
  const { store, log } = deps;
  const audit = new AuditLog(store.audit, deps.now);
  const templates = new TemplateService(store.templates, audit);
  const users = new UserService(store.users, audit);
  const queueEvents = new QueueEvents(store.queue.changeStamp?.bind(store.queue));
  const queue = new QueueService({ mentions: store.mentions, cases: deps.queueCases, queue: store.queue, users: store.users, audit, leaseMs: deps.replies.claimLeaseMs, countsTtlMs: deps.queueCountsTtlMs, pageCache: deps.queuePageCache, now: deps.now });
  const replies = new ReplyService({ mentions: store.mentions, replies: store.replies, cases: store.cases, audit, users: store.users, templates, channels: deps.channels, approval: deps.replies.approval, now: deps.now });
  const sender = new ReplySender({
    mentions: store.mentions,
    replies: store.replies,
    audit,
    channels: deps.channels,
    channelStates: store.channelStates,
    log,
    backoff: { baseMs: deps.replies.retryBaseMs, maxMs: deps.replies.retryMaxMs },
    maxAttempts: deps.replies.maxAttempts,
    onOutcome: deps.onSendOutcome,
    // A real crash (no cleanup, no final write) for the exactly-once test; never set in production.
    afterChannelCall: deps.replies.testCrashAfterSend ? () => process.kill(process.pid, 'SIGKILL') : undefined,
    now: deps.now,
  });
  const authenticate = createAuthenticate({
    store: store.users,
    failedLogins: { limit: deps.auth.failedLoginLimit, windowMs: deps.auth.failedLoginWindowMs },
    log,
    now: deps.now,
  });
  const apiRouters = [
    sessionRoutes({ store: store.users, cookie: { secure: deps.auth.sessionCookieSecure, ttlMs: deps.auth.sessionTtlMs }, now: deps.now }),
    userRoutes({ users }),
    queueRoutes({ queue, events: queueEvents }),
    replyRoutes({ replies }),
    templateRoutes({ templates }),
    auditRoutes({ audit: store.audit, supervisorsOnly: requireRole(...SUPERVISORS) }),
  ];
  return {
    audit,
    templates,
    users,
    queue,
    queueEvents,
    replies,
    sender,
    authenticate,
    apiRouters,
    senderJob: { name: 'send:replies', schedule: deps.replies.senderSchedule, runAtStart: true, run: async () => void (await sender.perform()) },
    async start() {
      const tokenFile = await users.ensureInitialAdmin(deps.dataDir);
      if (tokenFile) log.warn({ file: tokenFile }, `no users yet: created user "admin", its API token is in ${tokenFile} (mode 0600)`);
      const seeded = await templates.seedDefaults();
      if (seeded) log.info({ seeded }, `seeded ${seeded} default reply templates`);
      await sender.recoverInterrupted();
    },
  };
}
