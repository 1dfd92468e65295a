/**
 * The demo's history after its posts arrive (data/demo/activity.json): the team that answered,
 * which post each of them answered and when, who approved it, and what became of its case.
 * Every time is minutes after the post, so the history moves with the replay like the posts do.
 */
import fs from 'node:fs';
import { z } from 'zod';

const minutes = z.number().nonnegative();

const DemoUserSchema = z.object({
  name: z.string().min(1),
  role: z.enum(['agent', 'supervisor']),
  trainee: z.boolean().optional(),
});

const DemoReplySchema = z.object({
  /** A demo user's name. */
  by: z.string().min(1),
  text: z.string().min(1),
  /** Written this long after the post ... */
  writtenAfter: minutes,
  /** ... approved by a supervisor (trainees, urgent posts) this long after the post ... */
  approvedBy: z.string().min(1).optional(),
  approvedAfter: minutes.optional(),
  /** ... and out on the network this long after the post. */
  sentAfter: minutes,
});

const DemoCaseStepSchema = z.object({
  status: z.enum(['in_progress', 'resolved', 'closed']),
  by: z.string().min(1),
  after: minutes,
  note: z.string().optional(),
});

const DemoItemSchema = z.object({
  /** A line of the demo mentions file. */
  externalId: z.string().min(1),
  reply: DemoReplySchema.optional(),
  /** Steps of the case the post opened, in order. */
  case: z.array(DemoCaseStepSchema).optional(),
});

export const DemoActivitySchema = z.object({
  users: z.array(DemoUserSchema),
  items: z.array(DemoItemSchema),
});

export type DemoActivity = z.infer<typeof DemoActivitySchema>;
export type DemoItem = z.infer<typeof DemoItemSchema>;
export type DemoCaseStep = z.infer<typeof DemoCaseStepSchema>;

/** Null when the file does not exist (a demo of one's own without history). */
export function readDemoActivity(file: string): DemoActivity | null {
  if (!fs.existsSync(file)) return null;
  return DemoActivitySchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}
