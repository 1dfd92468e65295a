/**
 * Replies from the queue to the outbox: agents' replies (text or template), automatic replies for
 * cases (enqueueSystemReply), supervisors' approve/reject, and resolving `unknown` sends. Every
 * change is audited. Sending itself is the outbox sender's job (send-replies-job.ts).
 */
import type { Case, Channel, Mention, Reply, ReplyState } from '../domain';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../errors';
import { AuditLog, subject } from '../audit/audit-log';
import type { TemplateService } from '../templates/template-service';
import { leftoverPlaceholder, withoutEmpty, type TemplateVariables } from '../templates/template-variables';
import { assertHoldsClaim, type ClaimHolderNames } from '../queue/claim-guard';
import { approvalNeed, type ApprovalNeed, type ApprovalRules, type ReplyAuthor } from './approval-policy';
import { ANSWERING_STATES, approvalBlock, approvalBlockError, closedPostError, CLOSED_STATUSES, type ApprovalBlock } from './approval-block';
import { measureReplyFor } from './reply-length';
import type { Template, TemplateLang } from '../templates/store/template-store';
import type { User } from '../users/store/user-store';
import { WAITING_TWIN_STATES, type ReplyChange, type ReplyQuery, type ReplyStore } from './store/reply-store';
import type { MentionStore } from '../mentions/store/mention-store';

/** Finds an enabled channel by name (the registry's channels). */
export type ChannelLookup = (name: string) => Channel | undefined;

export const SYSTEM_ACTOR = 'system';

/** What the service needs from the store (narrow, so tests can pass any Store). */
/** The case a mention belongs to (replies to a closed case's mentions are refused); the cases feature provides it. */
export interface CaseLookup {
  getCaseById(id: string): Promise<Case | null>;
}

export interface AgentReplyInput {
  text?: string;
  templateId?: string;
  variables?: TemplateVariables;
  /** Template language; default the mention's language (ar unless en). */
  lang?: TemplateLang;
  /** With templateId: the filled text the author saw; another text now is refused (409 reply_text_changed). */
  expectedText?: string;
  /** The author knows a person's reply to the post is already sent or on its way, and means to answer again. */
  second?: boolean;
}

/** What the cases engineer calls for automatic replies (acknowledgement, status notice). */
export interface SystemReplyInput {
  mentionId: string;
  /** Template key, e.g. 'case_ack' or 'case_resolved' (seeded defaults). */
  templateKey: string;
  variables: TemplateVariables;
  purpose: 'case_ack' | 'case_status';
  /** For case_status: the case status announced. At most one reply per (mention, purpose, status). */
  status?: string;
}

/** A template filled for a mention as it would be sent, with the values used for each variable. */
export interface ReplyPreview {
  text: string;
  lang: TemplateLang;
  templateId?: string;
  variables: TemplateVariables;
  /** Template variables still without a value (e.g. case_number on a post with no case): `text` keeps them as placeholders, and a reply with it is refused. */
  missing: string[];
}

export type SystemReplyResult =
  | { outcome: 'created' | 'exists'; reply: Reply }
  | { outcome: 'skipped'; reason: 'mention_not_found' | 'mention_closed' | 'not_replyable' | 'template_missing' | 'too_long' | 'render_failed'; message: string };

/** A listed reply; one awaiting approval that may no longer be approved says why (approval-block.ts). */
export type ReplyListItem = Reply & { approvalBlock?: ApprovalBlock };

export type UnknownResolution =
  | { outcome: 'sent'; externalId: string; url?: string }
  | { outcome: 'failed'; reason: string }
  /** A human checked the remote side: it was not posted. Queue it again. */
  | { outcome: 'resend' };

export interface ReplyServiceDeps {
  mentions: MentionStore;
  replies: ReplyStore;
  cases: CaseLookup;
  audit: AuditLog;
  /** The claim holder's name, for a refused write. */
  users: ClaimHolderNames;
  templates: TemplateService;
  channels: ChannelLookup;
  approval: ApprovalRules;
  now?: () => Date;
}

export class ReplyService {
  private readonly now: () => Date;

  constructor(private readonly deps: ReplyServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * An agent's reply: checks the mention (answerable, not closed as spam / no action / duplicate:
   * 409 mention_closed, as approving would be), the claim, the length, then queues or asks approval.
   * The same text again from the same author while the first still waits (approval or outbox) is
   * a double submit: the first reply is returned (created: false), nothing new is written.
   * A post that a person's reply already answers takes a second one only when asked for (assertNotAnswered).
   */
  async createAgentReply(user: User, mentionId: string, input: AgentReplyInput): Promise<{ reply: Reply; created: boolean }> {
    const mention = await this.mentionOrThrow(mentionId);
    this.assertReplyable(mention);
    assertOpen(mention);
    await assertHoldsClaim(mention, user, this.now(), this.deps.users);
    const { text, templateId } = await this.composeText(mention, input);
    assertSeenText(text, input.expectedText);
    this.assertLength(mention, text);
    const author: ReplyAuthor = { kind: 'user', role: user.role, trainee: user.trainee };
    const needs = approvalNeed(this.deps.approval, author, mention.classification.urgency);
    await this.assertNotAnswered(mention, { author: user.id, text, second: input.second === true, needsApproval: needs !== null });
    const result = await this.deps.replies.createReply({
      mentionId,
      text,
      templateId,
      author: user.id,
      state: needs ? 'awaiting_approval' : 'queued',
      purpose: 'agent',
      reuseWaitingTwin: true,
    });
    if (result.created) await this.auditCreated(user.id, result.reply, needs);
    return result;
  }

  /**
   * The reply text the server would send for this input: the one place where template variables
   * are filled ({name} and {domain} from the mention, {case_number} from its case), so the console
   * shows exactly what createAgentReply will queue.
   */
  async previewAgentReply(mentionId: string, input: AgentReplyInput): Promise<ReplyPreview> {
    const mention = await this.mentionOrThrow(mentionId);
    // What createAgentReply would refuse has no text "as it would be sent".
    assertOpen(mention);
    try {
      return await this.composeText(mention, input);
    } catch (err) {
      // Not an error for a preview: the text filled as far as it can be, naming what is missing.
      if (err instanceof UnprocessableError && err.code === 'missing_template_variable') return err.details as ReplyPreview;
      throw err;
    }
  }

  /**
   * An automatic reply through the same approval rules and outbox. Idempotent per
   * (mentionId, purpose, status): calling it again returns the existing reply. Never throws for
   * expected refusals (post closed, news item, missing template, too long): it returns `skipped`
   * with a reason.
   */
  async enqueueSystemReply(input: SystemReplyInput): Promise<SystemReplyResult> {
    const mention = await this.deps.mentions.getMention(input.mentionId);
    if (!mention) return { outcome: 'skipped', reason: 'mention_not_found', message: `mention ${input.mentionId} not found` };
    // A post a person closed (spam, no action, duplicate) gets no public notice: the team decided
    // not to answer it, and a spammer must not be told their "complaint" was resolved.
    if (CLOSED_STATUSES.includes(mention.status)) return { outcome: 'skipped', reason: 'mention_closed', message: `mention ${mention.id} is marked ${mention.status}` };
    const channel = this.deps.channels(mention.channel);
    if (mention.replyable === false || !channel?.reply) return { outcome: 'skipped', reason: 'not_replyable', message: `cannot reply on ${mention.channel}` };
    const template = await this.deps.templates.getByKey(input.templateKey);
    if (!template) return { outcome: 'skipped', reason: 'template_missing', message: `no template ${input.templateKey}` };
    let text: string;
    try {
      text = this.deps.templates.render(template, mention, input.variables).text;
    } catch (err) {
      return { outcome: 'skipped', reason: 'render_failed', message: (err as Error).message };
    }
    const measured = measureReplyFor(mention, channel, text);
    if (measured && measured.length > measured.max) return { outcome: 'skipped', reason: 'too_long', message: `${measured.length} > ${measured.max}` };
    const needs = approvalNeed(this.deps.approval, { kind: 'system' }, mention.classification.urgency);
    const { reply, created } = await this.deps.replies.createReply({
      mentionId: mention.id,
      text,
      templateId: template.id,
      author: SYSTEM_ACTOR,
      state: needs ? 'awaiting_approval' : 'queued',
      purpose: input.purpose,
      dedupeKey: `${mention.id}:${input.purpose}:${input.status ?? ''}`,
    });
    if (created) await this.auditCreated(SYSTEM_ACTOR, reply, needs);
    return { outcome: created ? 'created' : 'exists', reply };
  }

  async get(id: string): Promise<Reply> {
    const reply = await this.deps.replies.getReply(id);
    if (!reply) throw new NotFoundError('reply', id);
    return reply;
  }

  /** Newest first; drafts awaiting approval say when they may no longer be approved. */
  async list(query: ReplyQuery): Promise<{ items: ReplyListItem[]; nextCursor: string | null }> {
    const page = await this.deps.replies.listReplies(query);
    return { ...page, items: await Promise.all(page.items.map((r) => this.withBlock(r))) };
  }

  count(state: ReplyState): Promise<number> {
    return this.deps.replies.countReplies(state);
  }

  /**
   * awaiting_approval → queued. The author of a reply cannot approve it; nobody can approve it once
   * its post is closed or a person's reply to it is sent or on its way (409 mention_closed /
   * mention_already_answered): the check and the write are one store transaction. Rejecting stays open.
   */
  async approve(reviewer: User, id: string): Promise<Reply> {
    const reply = await this.get(id);
    if (reply.author === reviewer.id) throw new ForbiddenError('you cannot approve your own reply');
    const result = await this.deps.replies.approveReply(id, reviewer.id, approvalBlock);
    if (!result) throw stateConflict((await this.deps.replies.getReply(id)) ?? reply, ['awaiting_approval']);
    if ('refused' in result) throw approvalBlockError(result.refused);
    const after = result.reply;
    await this.deps.audit.record({ actor: reviewer.id, action: 'reply.approved', subject: subject('reply', id), before: { state: reply.state }, after: { state: after.state, approvedBy: reviewer.id } });
    return after;
  }

  /** awaiting_approval → rejected, the reason kept in `error`. */
  async reject(reviewer: User, id: string, reason: string): Promise<Reply> {
    const reply = await this.get(id);
    return this.transition(reviewer.id, reply, ['awaiting_approval'], { state: 'rejected', error: reason }, 'reply.rejected');
  }

  /** A supervisor settles an `unknown` send after checking the remote side. */
  async resolveUnknown(reviewer: User, id: string, resolution: UnknownResolution): Promise<Reply> {
    const reply = await this.get(id);
    if (reply.state !== 'unknown') throw stateConflict(reply, ['unknown']);
    if (resolution.outcome === 'sent') {
      const moved = await this.transition(reviewer.id, reply, ['unknown'], { state: 'sending' }, 'reply.resolved_sent');
      const sent = await this.deps.replies.recordReplySent(moved.id, { externalId: resolution.externalId, url: resolution.url, at: this.now().toISOString() });
      return sent as Reply;
    }
    if (resolution.outcome === 'failed') {
      return this.transition(reviewer.id, reply, ['unknown'], { state: 'failed', error: resolution.reason }, 'reply.resolved_failed');
    }
    return this.transition(reviewer.id, reply, ['unknown'], { state: 'queued', nextAttemptAt: null, error: null }, 'reply.resolved_resend');
  }

  private async withBlock(reply: Reply): Promise<ReplyListItem> {
    if (reply.state !== 'awaiting_approval') return reply;
    const [mention, others] = await Promise.all([
      this.deps.mentions.getMention(reply.mentionId),
      this.deps.replies.listReplies({ mentionId: reply.mentionId, limit: 200 }),
    ]);
    const block = approvalBlock({ reply, mentionStatus: mention?.status ?? null, others: others.items });
    return block ? { ...reply, approvalBlock: block } : reply;
  }

  private async transition(actor: string, reply: Reply, from: ReplyState[], change: ReplyChange, action: string): Promise<Reply> {
    const after = await this.deps.replies.transitionReply(reply.id, from, change);
    if (!after) throw stateConflict((await this.deps.replies.getReply(reply.id)) ?? reply, from);
    await this.deps.audit.record({ actor, action, subject: subject('reply', reply.id), before: { state: reply.state }, after: { state: after.state, ...pick({ ...change }) } });
    return after;
  }

  /**
   * A person's reply already sent or on its way (ANSWERING_STATES, as for approvals) answers the
   * post, so another one reaches the citizen as a second public answer: refused with the approval
   * path's 409 mention_already_answered unless the author asks for it (`second: true`). A reply
   * that would wait for approval is refused even then, since approving it would be refused
   * (approval-block.ts). The author's own double submit (same text, still waiting) is not a second
   * answer: the store hands back the first. Read before the write rather than in one transaction:
   * only the claim holder writes a reply, so the window is one person's two tabs.
   */
  private async assertNotAnswered(mention: Mention, draft: { author: string; text: string; second: boolean; needsApproval: boolean }): Promise<void> {
    if (draft.second && !draft.needsApproval) return;
    const others = (await this.deps.replies.listReplies({ mentionId: mention.id, limit: 200 })).items;
    const twin = (r: Reply) => r.author === draft.author && r.text === draft.text && WAITING_TWIN_STATES.includes(r.state);
    const answer = others
      .filter((r) => (r.purpose ?? 'agent') === 'agent' && ANSWERING_STATES.includes(r.state) && !twin(r))
      .sort((a, b) => ANSWERING_STATES.indexOf(a.state) - ANSWERING_STATES.indexOf(b.state))[0];
    if (!answer) return;
    const details = { code: 'mention_already_answered' as const, mentionId: mention.id, replyId: answer.id, state: answer.state, author: answer.author };
    const message = draft.needsApproval
      ? `the post already has a reply that is ${answer.state}: a second reply could not be approved`
      : `the post already has a reply that is ${answer.state}: send again with "second": true to answer it a second time`;
    throw new ConflictError('mention_already_answered', message, details);
  }

  private async composeText(mention: Mention, input: AgentReplyInput): Promise<ReplyPreview> {
    if (input.templateId) {
      const template = await this.deps.templates.get(input.templateId);
      const vars = { case_number: await this.caseNumberOf(mention), ...withoutEmpty(input.variables) };
      try {
        const rendered = this.deps.templates.render(template, mention, vars, input.lang);
        return { text: rendered.text, lang: rendered.lang, templateId: template.id, variables: rendered.variables, missing: [] };
      } catch (err) {
        throw this.withPartText(err, template, mention, vars, input.lang);
      }
    }
    const text = (input.text ?? '').trim();
    if (!text) throw new UnprocessableError('reply_empty', 'a reply needs text or a templateId');
    // A template's text pasted or edited by hand may keep a placeholder: never send "{case_number}".
    const placeholder = leftoverPlaceholder(text);
    if (placeholder) throw new UnprocessableError('reply_unfilled_placeholder', `the reply still has a placeholder: ${placeholder}`, { placeholder });
    return { text, lang: input.lang ?? (mention.lang === 'en' ? 'en' : 'ar'), variables: {}, missing: [] };
  }

  /**
   * A variable with no value (e.g. {case_number} on a post without a case) leaves no text to send
   * (422 missing_template_variable); the error also carries the preview: the text with every
   * other variable filled and the missing ones still as placeholders, so the console shows {name}
   * and {domain} filled and points at the one that is missing.
   */
  private withPartText(err: unknown, template: Template, mention: Mention, vars: TemplateVariables, lang: TemplateLang | undefined): unknown {
    if (!(err instanceof UnprocessableError) || err.code !== 'missing_template_variable') return err;
    const missing = (err.details as { missing?: string[] } | undefined)?.missing ?? [];
    const asTyped = Object.fromEntries(missing.map((v) => [v, `{${v}}`]));
    const part = this.deps.templates.render(template, mention, { ...vars, ...asTyped }, lang);
    const variables = Object.fromEntries(Object.entries(part.variables).filter(([k]) => !missing.includes(k)));
    const preview: ReplyPreview = { text: part.text, lang: part.lang, templateId: template.id, variables, missing };
    return new UnprocessableError(err.code, err.message, preview);
  }

  private async caseNumberOf(mention: Mention): Promise<string | undefined> {
    return mention.caseId ? (await this.deps.cases.getCaseById(mention.caseId))?.number : undefined;
  }

  private assertReplyable(mention: Mention): void {
    const channel = this.deps.channels(mention.channel);
    if (mention.replyable === false || !channel?.reply) {
      const what = mention.kind === 'news' ? 'news items' : `mentions on ${mention.network}`;
      throw new UnprocessableError('not_replyable', `${what} cannot be answered in-channel`, { channel: mention.channel, network: mention.network });
    }
  }

  private assertLength(mention: Mention, text: string): void {
    const measured = measureReplyFor(mention, this.deps.channels(mention.channel), text);
    if (measured && measured.length > measured.max) {
      throw new UnprocessableError('reply_too_long', `reply is ${measured.length} long, ${mention.network} allows ${measured.max}`, measured);
    }
  }

  private async mentionOrThrow(id: string): Promise<Mention> {
    const mention = await this.deps.mentions.getMention(id);
    if (!mention) throw new NotFoundError('mention', id);
    return mention;
  }

  /** `approval`: the rule that holds the reply for approval, as a code the console words (approvalReason_*). */
  private async auditCreated(actor: string, reply: Reply, approval: ApprovalNeed | null): Promise<void> {
    await this.deps.audit.record({
      actor,
      action: 'reply.created',
      subject: subject('reply', reply.id),
      after: { mentionId: reply.mentionId, state: reply.state, purpose: reply.purpose, approvalReason: approval ?? undefined },
    });
  }
}

/** 409 mention_closed on a post marked spam / no_action / duplicate (approval-block.ts). */
function assertOpen(mention: Mention): void {
  if (CLOSED_STATUSES.includes(mention.status)) throw closedPostError(mention.id, mention.status);
}

function stateConflict(reply: Reply, expected: ReplyState[]): ConflictError {
  return new ConflictError('reply_state_conflict', `reply is ${reply.state}, expected ${expected.join(' or ')}`, { state: reply.state, expected });
}

/** The audit-worthy fields of a change (no undefined). */
function pick(change: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(change).filter(([k, v]) => v !== undefined && k !== 'state'));
}

/**
 * A template filled on the server may differ from what the author was shown: a colleague edited
 * the template, or the post's case changed its number meanwhile. The citizen gets only a text its
 * author saw, so another text sends nothing and comes back for a look.
 */
function assertSeenText(text: string, expected: string | undefined): void {
  if (expected === undefined || expected.trim() === text.trim()) return;
  throw new ConflictError('reply_text_changed', 'the template now fills to another text than the one shown: check it and send again', { text });
}

