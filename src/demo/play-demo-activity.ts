/**
 * Writes the demo's history (demo-activity.ts) into a store that holds the demo's posts and their
 * cases: the team's accounts, replies written, approved and sent at their times, case steps, and
 * the audit entries of each, so a first look shows a realistic fortnight rather than a queue
 * nobody touched. Everything goes straight to the store with its own time: nothing is sent to a
 * network. The audit trail is a log in the order things were recorded (newest first), so its
 * entries carry the moment of the replay and the history's own time as `happenedAt`. Played once per store (a mark in the demo channel's key-value state); each reply has
 * a dedupe key, so an interrupted run picks up where it stopped.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Case, CaseStatus, Mention, Reply, ReplyState } from '../domain';
import { historyActionFor } from '../cases/case-transitions';
import { firstPostPerAuthor } from '../cases/deliver-outbox-job';
import { SYSTEM_ACTOR } from '../replies/reply-service';
import { CASE_RESOLVED_TEMPLATE } from '../templates/default-templates';
import { renderForMention } from '../templates/template-service';
import type { Logger } from '../logger';
import type { DemoActivity, DemoItem } from './demo-activity';
import type { Stores } from '../stores/stores';
import type { User } from '../users/store/user-store';

export interface PlayDemoDeps {
  store: Stores;
  /** The channel the demo posts were replayed on. */
  channel: string;
  /** What the reply sender calls after a send (the case's first response). */
  onReplySent: (reply: Reply) => Promise<void>;
  log: Pick<Logger, 'info'>;
  now?: () => Date;
}

export type PlayOutcome = 'played' | 'already_played' | 'waiting_for_posts';

const PLAYED_KEY = 'demo-activity-played';
const MINUTE = 60_000;

export async function playDemoActivity(deps: PlayDemoDeps, activity: DemoActivity): Promise<PlayOutcome> {
  const kv = deps.store.channelStates.channelKv(deps.channel);
  if (await kv.get(PLAYED_KEY)) return 'already_played';
  const mentions = new Map<string, Mention>();
  for (const item of activity.items) {
    const m = await deps.store.mentions.findMentionByExternalId(deps.channel, item.externalId);
    // The replay has not reached this post yet.
    if (!m) return 'waiting_for_posts';
    mentions.set(item.externalId, m);
  }
  const now = (deps.now ?? (() => new Date()))().getTime();
  const users = await ensureUsers(deps.store, activity);
  let replies = 0;
  let steps = 0;
  for (const item of activity.items) {
    const m = mentions.get(item.externalId) as Mention;
    const at = (minutes: number) => {
      const t = Date.parse(m.createdAt) + minutes * MINUTE;
      return t <= now ? new Date(t).toISOString() : undefined;
    };
    if (item.reply && (await playReply(deps, item, m, users, at))) replies++;
    if (item.case && m.caseId) steps += await playCase(deps, item, m.caseId, users, at);
  }
  await kv.set(PLAYED_KEY, new Date(now).toISOString());
  deps.log.info({ channel: deps.channel, replies, caseSteps: steps }, `demo history written: ${replies} replies, ${steps} case steps`);
  return 'played';
}

type At = (minutes: number) => string | undefined;

async function ensureUsers(store: Stores, activity: DemoActivity): Promise<Map<string, User>> {
  const users = new Map<string, User>();
  for (const u of activity.users) {
    // Demo colleagues cannot sign in: the hash is of a token nobody is given.
    const tokenHash = createHash('sha256').update(randomBytes(32)).digest('hex');
    const user = (await store.users.findUserByName(u.name)) ?? (await store.users.createUser({ name: u.name, role: u.role, trainee: u.trainee, tokenHash }));
    users.set(u.name, user);
  }
  return users;
}

function userOf(users: Map<string, User>, name: string): User {
  const u = users.get(name);
  if (!u) throw new Error(`demo activity names an unknown user: ${name}`);
  return u;
}

async function playReply(deps: PlayDemoDeps, item: DemoItem, m: Mention, users: Map<string, User>, at: At): Promise<boolean> {
  const r = item.reply as NonNullable<DemoItem['reply']>;
  const written = at(r.writtenAfter);
  if (!written) return false;
  const author = userOf(users, r.by);
  const store = deps.store;
  // Never `queued`: the outbox sender must not pick up a reply that is history.
  const { reply, created } = await store.replies.createReply({
    mentionId: m.id,
    text: r.text,
    author: author.id,
    state: 'awaiting_approval',
    purpose: 'agent',
    dedupeKey: `demo:${item.externalId}`,
    createdAt: written,
  });
  if (!created && !UNFINISHED.includes(reply.state)) return false;
  // Cut off after its approval was written (a kill -9 mid-history): only the send is left.
  const resumed = !created && reply.state !== 'awaiting_approval';
  const subject = `reply:${reply.id}`;
  if (created) await store.audit.appendAudit({ actor: author.id, action: 'reply.created', subject, after: { mentionId: m.id, state: reply.state, purpose: 'agent', happenedAt: written } });
  const approver = r.approvedBy ? userOf(users, r.approvedBy) : undefined;
  const approved = approver ? at(r.approvedAfter ?? r.sentAfter) : undefined;
  const sent = at(r.sentAfter);
  if (approver && approved && !resumed) {
    await store.audit.appendAudit({ actor: approver.id, action: 'reply.approved', subject, before: { state: 'awaiting_approval' }, after: { state: 'queued', approvedBy: approver.id, happenedAt: approved } });
  }
  if (!sent || (approver && !approved)) return false;
  const done = await recordHistorySent(store, reply, { externalId: `demo-reply-${item.externalId}`, at: sent }, approver ? { approvedBy: approver.id } : {});
  if (!done) return false;
  await store.audit.appendAudit({ actor: 'system', action: 'reply.sent', subject, before: { state: 'queued' }, after: { state: 'sent', externalId: done.externalId, happenedAt: sent } });
  await deps.onReplySent(done);
  return true;
}

async function playCase(deps: PlayDemoDeps, item: DemoItem, caseId: string, users: Map<string, User>, at: At): Promise<number> {
  const store = deps.store;
  let c: Case | null = await store.cases.getCaseById(caseId);
  let steps = 0;
  for (const step of item.case ?? []) {
    const when = at(step.after);
    if (!c || !when) break;
    if (!canMove(c.status, step.status)) continue;
    const actor = userOf(users, step.by);
    const result = await store.cases.updateCase(c.number, {
      status: step.status,
      ...(step.status === 'in_progress' ? { assignee: actor.id } : {}),
      note: step.note,
      ifStatus: c.status,
      actor: actor.id,
      at: when,
      statusAction: historyActionFor(c.status, step.status),
      // No notices to the citizen or webhooks for history.
      onStatusChanged: [],
    });
    if (!result) break;
    await store.audit.appendAudit({
      actor: actor.id,
      action: 'case.status_changed',
      subject: `case:${c.number}`,
      before: { status: c.status },
      after: { status: step.status, ...(step.note ? { note: step.note } : {}), happenedAt: when },
    });
    c = result.after;
    steps++;
    // As the service does (CASE_STATUS_REPLIES): the citizen is told on their post, once.
    if (step.status === 'resolved') await playResolvedNotice(deps, c, when);
  }
  return steps;
}

/**
 * The resolved notice the outbox would have sent, as history: the case_resolved template on each
 * complainant's first post in the case written by then, sent at the step's time (so the post is answered and
 * leaves the queue), with the dedupe key the reply service uses for it, so it is never written or
 * sent twice.
 */
async function playResolvedNotice(deps: PlayDemoDeps, c: Case, when: string): Promise<void> {
  const store = deps.store;
  const template = await store.templates.getTemplateByKey(CASE_RESOLVED_TEMPLATE);
  if (!template) return;
  for (const mention of await firstPostPerAuthor(store.mentions, c.mentionIds)) {
    if (mention.replyable === false || mention.kind === 'news') continue;
    // A post written after the case was resolved (a citizen writing again) was not there to be told.
    if (Date.parse(mention.createdAt) > Date.parse(when)) continue;
    const { reply, created } = await store.replies.createReply({
      mentionId: mention.id,
      text: renderForMention(template, mention, { case_number: c.number }).text,
      templateId: template.id,
      author: SYSTEM_ACTOR,
      // Never `queued`: the outbox sender must not pick up a reply that is history.
      state: 'awaiting_approval',
      purpose: 'case_status',
      dedupeKey: `${mention.id}:case_status:resolved`,
      createdAt: when,
    });
    if (!created && !UNFINISHED.includes(reply.state)) continue;
    const done = await recordHistorySent(store, reply, { externalId: `demo-notice-${c.number}-${mention.id}`, at: when });
    if (!done) continue;
    await store.audit.appendAudit({ actor: SYSTEM_ACTOR, action: 'reply.sent', subject: `reply:${reply.id}`, before: { state: 'queued' }, after: { state: 'sent', purpose: 'case_status', externalId: done.externalId, happenedAt: when } });
    await deps.onReplySent(done);
  }
}

/**
 * The states a history reply is left in when a kill -9 cuts the history off between its writes:
 * written, or taken to `sending`, which the next start marks `unknown` (nothing was sent: it is
 * history, never the channel's). The next run finishes them, rather than leave a supervisor an
 * «unknown» reply nobody wrote and a post still waiting.
 */
const UNFINISHED: readonly ReplyState[] = ['awaiting_approval', 'sending', 'unknown'];

/** A history reply to `sent` (through `sending`, as the store's rule for a sent reply wants). */
async function recordHistorySent(store: Stores, reply: Reply, sent: { externalId: string; at: string }, extra: { approvedBy?: string } = {}): Promise<Reply | null> {
  if (reply.state !== 'sending' && !(await store.replies.transitionReply(reply.id, ['awaiting_approval', 'unknown'], { state: 'sending', ...extra }))) return null;
  return store.replies.recordReplySent(reply.id, sent);
}

/** The demo only moves forward; a case already there (an interrupted run) is left alone. */
function canMove(from: CaseStatus, to: CaseStatus): boolean {
  const order: CaseStatus[] = ['open', 'in_progress', 'resolved', 'closed'];
  return order.indexOf(to) === order.indexOf(from) + 1;
}
