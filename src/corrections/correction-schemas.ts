/** Request schema for correcting a mention's classification from the console (paired with its type). */
import { z } from 'zod';
import { DOMAINS, INTENTS, type Domain, type Intent } from '../domain';

/** The API spells "no works domain" as `none` (the stored primaryDomain is null). */
export const CORRECTABLE_DOMAINS = [...DOMAINS, 'none'] as const;
export type CorrectableDomain = Domain | 'none';

export const ClassificationCorrectionSchema = z
  .object({
    /** roads, drainage, buildings, or none when the post is not about works. */
    domain: z.enum(CORRECTABLE_DOMAINS as unknown as [CorrectableDomain, ...CorrectableDomain[]]),
    intent: z.enum(INTENTS as [Intent, ...Intent[]]),
    /** Why, for colleagues and for whoever trains the next model. */
    note: z.string().trim().min(1).max(500).optional(),
  })
  .strict();
export type ClassificationCorrectionReq = z.infer<typeof ClassificationCorrectionSchema>;
