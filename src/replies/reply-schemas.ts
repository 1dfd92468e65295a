/** Request schemas for replies and approvals (paired with their types); the queue's are in src/queue/queue-schemas.ts. */
import { z } from 'zod';
import { TEMPLATE_VARIABLES } from '../templates/template-variables';

const REPLY_STATES = ['draft', 'awaiting_approval', 'queued', 'sending', 'sent', 'failed', 'unknown', 'rejected'] as const;

export const ReplyIdParamsSchema = z.object({ id: z.string().min(1).max(100) });

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
    /**
     * With templateId: the filled text the author saw. When the template now fills to another text
     * (a colleague edited it meanwhile), nothing is sent: 409 reply_text_changed with the new text.
     */
    expectedText: z.string().max(5000).optional(),
    /** Required (true) to answer a post that a person's reply already answers (sent or on its way). */
    second: z.boolean().optional(),
  })
  .strict()
  .refine((b) => (b.text !== undefined) !== (b.templateId !== undefined), { message: 'give either text or templateId', path: ['text'] })
  .refine((b) => b.expectedText === undefined || b.templateId !== undefined, { message: 'expectedText goes with templateId', path: ['expectedText'] });
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

export const ReplyCountQuerySchema = z
  .object({
    /** Count the replies in this state, e.g. awaiting_approval for the console's menu. */
    state: z.enum(REPLY_STATES),
  })
  .strict();
export type ReplyCountQueryReq = z.infer<typeof ReplyCountQuerySchema>;

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
