/** Request schemas for the reply queue and claims (paired with their types). */
import { z } from 'zod';
import { DOMAINS, INTENTS, MENTION_STATUSES, URGENCIES } from '../domain';
import { QUEUE_VIEWS, SETTABLE_STATUSES, type QueueView } from './queue-service';

export const MentionIdParamsSchema = z.object({ id: z.string().min(1).max(100) });

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
    /** Full-text search, Arabic-normalized (alef/yaa/taa marbuta forms, diacritics, tatweel); a post's address (https://…) finds that post whatever its status (the status filter is not applied); 400 search_without_words when nothing is left to search for (emoji, punctuation). */
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
