/** Request schemas for users (admin) and sessions. */
import { z } from 'zod';
import { ROLES } from '../users/store/user-store';

export const UserIdParamsSchema = z.object({ id: z.string().min(1).max(100) });

export const UserCreateSchema = z
  .object({
    /** Unique, case-insensitive. */
    name: z.string().trim().min(1).max(100),
    role: z.enum(ROLES as [string, ...string[]]),
    /** Replies by trainees need approval. */
    trainee: z.boolean().optional(),
  })
  .strict();
export type UserCreateReq = z.infer<typeof UserCreateSchema>;

export const UserUpdateSchema = z
  .object({
    role: z.enum(ROLES as [string, ...string[]]).optional(),
    trainee: z.boolean().optional(),
    disabled: z.boolean().optional(),
  })
  .strict();
export type UserUpdateReq = z.infer<typeof UserUpdateSchema>;
