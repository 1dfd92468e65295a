/** Input schemas of the case API and the complaints webhook, each paired with its type. */
import { z } from 'zod';
import { CASE_STATUSES, DOMAINS, URGENCIES, type CaseStatus, type Domain, type Urgency } from '../domain';
import { CLOSE_REASONS } from './case-transitions';

const status = z.enum(CASE_STATUSES as [CaseStatus, ...CaseStatus[]]);
const boolText = z.enum(['true', 'false']).transform((v) => v === 'true');
const text = (max: number) => z.string().trim().min(1).max(max);

/** An instant (ISO 8601 with offset) or a calendar day (YYYY-MM-DD, UTC). */
const instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

/** The opening window the list and the map take: `from` and `to`, each an instant or a day. */
const opened = {
  /** Cases opened at or after this instant (a bare day: from its first moment, UTC). */
  from: instant.optional().describe('Cases opened at or after this instant (ISO 8601 with offset) or day (YYYY-MM-DD, from 00:00 UTC)'),
  /** Cases opened at or before this instant (a bare day: up to its last moment, UTC). */
  to: instant.optional().describe('Cases opened at or before this instant or day (YYYY-MM-DD, up to 24:00 UTC)'),
};

/** The window as UTC ISO instants (a bare day from its first to its last moment). */
function openedAsInstants<Q extends { from?: string; to?: string }>(q: Q): Q {
  return {
    ...q,
    from: q.from && (q.from.length === 10 ? `${q.from}T00:00:00.000Z` : new Date(q.from).toISOString()),
    to: q.to && (q.to.length === 10 ? `${q.to}T23:59:59.999Z` : new Date(q.to).toISOString()),
  };
}

const fromNotAfterTo = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
const FROM_AFTER_TO = { message: 'from must not be after to', path: ['from'] };

export const CaseListQuerySchema = z
  .object({
    status: status.optional(),
    domain: z.enum(DOMAINS as [Domain, ...Domain[]]).optional(),
    /** Unit name as stored on the case (English). */
    unit: text(200).optional(),
    urgency: z.enum(URGENCIES as [Urgency, ...Urgency[]]).optional(),
    /** Area of the location, e.g. المحرق; a gazetteer place's English name or other spelling (Muharraq) finds it too. */
    area: text(200).optional(),
    /** Block number, e.g. 324 (Arabic-Indic digits too); an `area` of three or four digits is read as a block. */
    block: text(20).optional(),
    /** User id of the assignee; `me`: the signed-in user; `none`: cases nobody holds. */
    assignee: text(100).optional().describe('User id of the assignee; `me`: the signed-in user; `none`: unassigned cases'),
    /** Where the case stands with the national complaints system: its latest forward given up, or one waiting. */
    forwarding: z.enum(['failed', 'pending']).optional().describe('failed: the latest forward to the national system was given up; pending: a forward waits'),
    /** true: only open/in-progress cases past their SLA due time; false: only the others. */
    overdue: boolText.optional(),
    ...opened,
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(500).optional(),
  })
  .strict()
  .transform(openedAsInstants)
  .refine(fromNotAfterTo, FROM_AFTER_TO);
export type CaseListQuery = z.infer<typeof CaseListQuerySchema>;

export const CaseMapQuerySchema = z
  .object({
    status: status.optional(),
    domain: z.enum(DOMAINS as [Domain, ...Domain[]]).optional(),
    urgency: z.enum(URGENCIES as [Urgency, ...Urgency[]]).optional(),
    /** Unit name as stored on the case (English). */
    unit: text(200).optional(),
    ...opened,
  })
  .strict()
  .transform(openedAsInstants)
  .refine(fromNotAfterTo, FROM_AFTER_TO);
export type CaseMapQuery = z.infer<typeof CaseMapQuerySchema>;

export const CaseNumberSchema = z.string().regex(/^[A-Z][A-Z0-9]{0,9}-\d{4}-\d{6}$/, 'is not a case number like MOW-2026-000123');

export const CasePatchSchema = z
  .object({
    /** open → in_progress → resolved → closed; resolved/closed → open reopens. */
    status: status.optional(),
    /** A unit from the routing table (supervisors and admins). */
    unit: text(200).optional(),
    /** User id of an active account; null unassigns. Agents may only assign themselves. */
    /** A user id, `me` (the signed-in user) or null (nobody). */
    assignee: text(100).nullable().optional(),
    /** Kept in the case history with the change. */
    note: text(2000).optional(),
    /** Required to close an open or in-progress case without resolving it (`other` needs a note too). */
    reason: z.enum(CLOSE_REASONS).optional().describe('Why an open or in-progress case is closed without being resolved (required then; `other` needs a note)'),
  })
  .strict()
  .refine((p) => p.status !== undefined || p.unit !== undefined || p.assignee !== undefined || p.note !== undefined, {
    message: 'give at least one of status, unit, assignee, note',
  })
  .refine((p) => p.reason === undefined || p.status === 'closed', { message: 'a reason goes with status closed', path: ['reason'] });
export type CasePatchReq = z.infer<typeof CasePatchSchema>;

export const CaseNoteSchema = z.object({ text: text(2000) }).strict();
export type CaseNoteReq = z.infer<typeof CaseNoteSchema>;

/** A status update from the national complaints system (signed with the shared secret). */
export const ComplaintStatusUpdateSchema = z
  .object({
    caseNumber: CaseNumberSchema,
    status,
    /** Their reference for the case, if it changed or was not known yet. */
    externalRef: text(200).optional(),
    note: text(2000).optional(),
  })
  .strict();
export type ComplaintStatusUpdateReq = z.infer<typeof ComplaintStatusUpdateSchema>;
