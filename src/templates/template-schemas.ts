/** Request schemas for reply templates. Variables are checked by the service (422 when unknown). */
import { z } from 'zod';

const BodiesSchema = z
  .object({
    /** Arabic body, e.g. "شكرًا {name}، رقم البلاغ {case_number}". */
    ar: z.string().max(5000).optional(),
    en: z.string().max(5000).optional(),
  })
  .strict();

export const TemplateIdParamsSchema = z.object({ id: z.string().min(1).max(100) });

export const TemplateCreateSchema = z
  .object({
    /** Stable slug: lowercase letters, digits and underscores (e.g. case_ack). */
    key: z.string().regex(/^[a-z][a-z0-9_]{1,63}$/),
    name: z.string().trim().min(1).max(200),
    bodies: BodiesSchema,
  })
  .strict();
export type TemplateCreateReq = z.infer<typeof TemplateCreateSchema>;

export const TemplateUpdateSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    /** Per language: a body given replaces that language's, null or "" removes it, a language left out is kept. */
    bodies: z
      .object({ ar: z.string().max(5000).nullable().optional(), en: z.string().max(5000).nullable().optional() })
      .strict()
      .optional(),
  })
  .strict()
  .refine((p) => p.name !== undefined || p.bodies !== undefined, { message: 'give name or bodies (or both)' });
export type TemplateUpdateReq = z.infer<typeof TemplateUpdateSchema>;
