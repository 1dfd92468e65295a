/**
 * Wires case capture, the case API, forwarding, outgoing webhooks, the complaints webhook and
 * Open311 into hooks, routers and scheduled jobs, so composition.ts adds them in one block.
 */
import type { Router } from 'express';
import type { Config } from '../config';
import type { Case, Location, Mention, Reply } from '../domain';
import type { MentionStore } from '../mentions/store/mention-store';
import type { UserStore } from '../users/store/user-store';
import type { ReplyStore } from '../replies/store/reply-store';
import type { TemplateStore } from '../templates/store/template-store';
import type { CaseOutboxStore, CaseStore } from './store/case-store';
import type { Logger } from '../logger';
import type { Job } from '../scheduler/job';
import { open311Routes } from './open311/open311-routes';
import { createReplySentHook } from './reply-sent-hook';
import { CaseAudit, type AuditRecorder } from './case-audit';
import { CaseCaptureService } from './case-capture-service';
import { CaseCorrection } from './case-correction';
import { CaseLinkRepair } from './case-link-repair';
import { caseRoutes } from './case-routes';
import { CaseService } from './case-service';
import type { CaseSettings } from './case-settings';
import { complaintsWebhookRoutes } from './complaints-webhook-routes';
import { DeliverOutboxJob, type SystemReplies } from './deliver-outbox-job';
import { DEFAULT_ROUTING, type RoutingTable } from './routing-table';

/** The stores this feature reads and writes. */
export type CaseFeatureStores = {
  mentions: MentionStore;
  users: UserStore;
  replies: ReplyStore;
  cases: CaseStore;
  caseOutbox: CaseOutboxStore;
  /** Whether the citizen notice templates exist (the case page warns before a move that posts one). */
  templates?: Pick<TemplateStore, 'getTemplateByKey'>;
};

export interface CaseFeatureDeps {
  store: CaseFeatureStores;
  log: Logger;
  cases: Config['cases'];
  tzDisplay: string;
  /** The classifier's own case threshold (the learned model's), when CASE_MIN_CONFIDENCE is unset. */
  defaultMinConfidence?: number;
  audit: AuditRecorder;
  /** The reply service (enqueueSystemReply) for acknowledgements and status notices. */
  replies?: SystemReplies;
  /** Told of every case opened from a complaint (metrics). */
  onCaseOpened?: (opened: Case) => void;
  /** Told of every forward's outcome to the national system (metrics). */
  onForwardOutcome?: (outcome: 'delivered' | 'retry' | 'failed') => void;
  /** Reads an Open311 address_string into a location (the classifier's location extractor). */
  locate?: (text: string) => Location;
  now?: () => Date;
}

export interface CaseFeature {
  settings: CaseSettings;
  capture: CaseCaptureService;
  cases: CaseService;
  /** Cases following a person's correction of a mention's classification (src/corrections). */
  corrections: CaseCorrection;
  outbox: DeliverOutboxJob;
  /** Pass to pollChannel as onInserted. */
  onInserted(mentions: Mention[]): Promise<void>;
  /** Register with the reply sender: first-response time and the reply.sent webhook. */
  onReplySent(reply: Reply): Promise<void>;
  /** Under /api, after authentication. */
  apiRouters: Router[];
  /** Before the body parser and the /api token check (signature-authenticated). */
  publicRouters: Router[];
  /** At the root (Open311). */
  rootRouters: Router[];
  /** Capture sweep and case-link repair (also at start: leftovers after a crash) and outbox delivery. */
  jobs: Job[];
}

/**
 * The case-link repair's schedule: it runs at start (a crash's leftovers) and then every ten
 * minutes for a store call that failed in a running process; every minute would be wasted reads.
 */
const REPAIR_CASE_LINKS_SCHEDULE = '*/10 * * * *';

/** `defaultMinConfidence`: the classifier's threshold, used when CASE_MIN_CONFIDENCE is unset. */
export function caseSettingsFrom(c: Config['cases'], tzDisplay: string, defaultMinConfidence = 0.5): CaseSettings {
  const routing: RoutingTable = { ...DEFAULT_ROUTING };
  for (const [domain, unit] of Object.entries(c.routing) as [keyof RoutingTable, { name: string; nameAr?: string }][]) {
    routing[domain] = { name: unit.name, nameAr: unit.nameAr ?? unit.name };
  }
  return {
    prefix: c.prefix,
    minConfidence: c.minConfidence ?? defaultMinConfidence,
    slaHours: c.slaHours,
    routing,
    dedup: c.dedup,
    autoAck: c.autoAck,
    statusReplies: c.statusReplies,
    timeZone: tzDisplay,
    forwardUrl: c.forward.url,
    webhookUrls: c.webhooks.urls,
  };
}

export function createCaseFeature(deps: CaseFeatureDeps): CaseFeature {
  const { store, log } = deps;
  const settings = caseSettingsFrom(deps.cases, deps.tzDisplay, deps.defaultMinConfidence);
  const audit = new CaseAudit(deps.audit);
  const capture = new CaseCaptureService({ cases: store.cases, settings, audit, log, onCaseOpened: deps.onCaseOpened, now: deps.now });
  const { forward } = deps.cases;
  const forwardSecrets = [forward.token, forward.secret, forward.apiKey, deps.cases.webhooks.secret, deps.cases.inboundSecret];
  const cases = new CaseService({
    mentions: store.mentions,
    cases: store.cases,
    users: store.users,
    replies: store.replies,
    outbox: store.caseOutbox,
    templates: store.templates,
    forwardSecrets,
    forwardFormat: forward.format,
    settings,
    audit,
    now: deps.now,
  });
  const corrections = new CaseCorrection({ cases: store.cases, capture, settings, audit, now: deps.now });
  const linkRepair = new CaseLinkRepair({ cases: store.cases, corrections, log });
  const outbox = new DeliverOutboxJob({
    mentions: store.mentions,
    cases: store.cases,
    caseOutbox: store.caseOutbox,
    log,
    recordExternalRef: (number, ref) => cases.recordExternalRef(number, ref),
    forward: { token: forward.token, secret: forward.secret, format: forward.format, apiKey: forward.apiKey, jurisdictionId: forward.jurisdictionId },
    webhookSecret: deps.cases.webhooks.secret,
    replies: deps.replies,
    timeoutMs: deps.cases.outbox.timeoutMs,
    maxAttempts: deps.cases.outbox.maxAttempts,
    onForwardOutcome: deps.onForwardOutcome,
    now: deps.now,
  });
  const onReplySent = createReplySentHook({ cases: store.cases, caseOutbox: store.caseOutbox, webhookUrls: settings.webhookUrls });
  return {
    settings,
    capture,
    cases,
    corrections,
    outbox,
    onInserted: async (mentions) => {
      await capture.captureMentions(mentions);
    },
    onReplySent,
    apiRouters: [caseRoutes({ cases, routing: settings.routing })],
    publicRouters: [complaintsWebhookRoutes({ cases, secret: deps.cases.inboundSecret, now: deps.now })],
    rootRouters: [open311Routes({ cases, caseStore: store.cases, routing: settings.routing, apiKeys: deps.cases.open311.apiKeys, log, locate: deps.locate, now: deps.now })],
    jobs: [
      { name: 'capture-cases', schedule: deps.cases.captureSchedule, runAtStart: true, run: async () => void (await capture.captureLeftovers()) },
      { name: 'repair-case-links', schedule: REPAIR_CASE_LINKS_SCHEDULE, runAtStart: true, run: async () => void (await linkRepair.run()) },
      { name: 'deliver-outbox', schedule: deps.cases.outbox.schedule, runAtStart: true, run: async () => void (await outbox.perform()) },
    ],
  };
}
