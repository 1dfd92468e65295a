/** Request schemas for the reply queue, claims, replies and approvals (paired with their types). */
import { z } from 'zod';
import { DOMAINS, INTENTS, MENTION_STATUSES, URGENCIES } from '../domain';
import { TEMPLATE_VARIABLES } from '../templates/template-variables';
import { QUEUE_VIEWS, SETTABLE_STATUSES, type QueueView } from './queue-service';

const REPLY_STATES = ['draft', 'awaiting_approval', 'queued', 'sending', 'sent', 'failed', 'unknown', 'rejected'] as const;

export const MentionIdParamsSchema = z.object({ id: z.string().min(1).max(100) });
export const ReplyIdParamsSchema = z.object({ id: z.string().min(1).max(100) });

export const QueueQuerySchema = z
  .object({
    /** Default needs_reply. */
    status: z.enum(MENTION_STATUSES as [string, ...string[]]).default('needs_reply'),
    domain: z.enum(DOMAINS as [string, ...string[]]).optional(),
    /** Channel name or network: x, instagram, rss, replay ... */
    channel: z.string().min(1).max(64).optional(),
    intent: z.enum(INTENTS as [string, ...string[]]).optional(),
    urgency: z.enum(URGENCIES as [string, ...string[]]).optional(),
    /** A user id holding an active claim, `me`, or `none` for unclaimed mentions. */
    assignee: z.string().min(1).max(100).optional(),
    /** Full-text search, Arabic-normalized (alef/yaa/taa marbuta forms, diacritics, tatweel). */
    q: z.string().min(1).max(200).optional(),
    /** Page size; 20 by default (a screenful in the console). */
    limit: z.coerce.number().int().min(1).max(200).default(20),
    cursor: z.string().max(500).optional(),
    /** `list` (default): the fields the queue list shows (QueueItem); `full`: whole Mentions with evidence. Cursors work in both. */
    view: z.enum(QUEUE_VIEWS as [QueueView, ...QueueView[]]).default('list'),
  })
  .strict();
export type QueueQueryReq = z.infer<typeof QueueQuerySchema>;

export const AssignSchema = z.object({ /** The user who gets the claim. */ userId: z.string().min(1).max(100) }).strict();
export type AssignReq = z.infer<typeof AssignSchema>;

export const StatusChangeSchema = z
  .object({
    status: z.enum(SETTABLE_STATUSES),
    /** Why (kept in the audit trail). */
    reason: z.string().trim().min(1).max(500),
  })
  .strict();
export type StatusChangeReq = z.infer<typeof StatusChangeSchema>;

const VariablesSchema = z
  .object(Object.fromEntries(TEMPLATE_VARIABLES.map((v) => [v, z.string().max(200).optional()])) as Record<(typeof TEMPLATE_VARIABLES)[number], z.ZodOptional<z.ZodString>>)
  .strict();

export const ReplyCreateSchema = z
  .object({
    /** The reply text; or use templateId (+ variables). */
    text: z.string().max(5000).optional(),
    templateId: z.string().min(1).max(100).optional(),
    /** Values for {name}, {case_number}, {domain}; name and domain default from the mention. */
    variables: VariablesSchema.optional(),
    /** Template language; default the mention's (ar unless en). */
    lang: z.enum(['ar', 'en']).optional(),
  })
  .strict()
  .refine((b) => (b.text !== undefined) !== (b.templateId !== undefined), { message: 'give either text or templateId', path: ['text'] });
export type ReplyCreateReq = z.infer<typeof ReplyCreateSchema>;

export const ReplyListQuerySchema = z
  .object({
    state: z.enum(REPLY_STATES).optional(),
    mentionId: z.string().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(500).optional(),
  })
  .strict();
export type ReplyListQueryReq = z.infer<typeof ReplyListQuerySchema>;

export const ReplyRejectSchema = z.object({ /** Shown to the author. */ reason: z.string().trim().min(1).max(500) }).strict();
export type ReplyRejectReq = z.infer<typeof ReplyRejectSchema>;

export const ReplyResolveSchema = z.discriminatedUnion('outcome', [
  /** It was posted: record its remote id. */
  z.object({ outcome: z.literal('sent'), externalId: z.string().min(1).max(200), url: z.string().url().max(1000).optional() }).strict(),
  /** It was not posted and should not be: give up with a reason. */
  z.object({ outcome: z.literal('failed'), reason: z.string().trim().min(1).max(500) }).strict(),
  /** It was not posted: queue it again. */
  z.object({ outcome: z.literal('resend') }).strict(),
]);
export type ReplyResolveReq = z.infer<typeof ReplyResolveSchema>;
