/**
 * Turns an audit entry's `before` and `after` (small objects of changed fields, by convention)
 * into rows of "field: old → new" for a compact view. Nested objects are flattened one level
 * (`bodies.ar`), so a template edit shows which language changed.
 */
import { label, type MessageKey, type Translate } from './messages';

export interface ChangeRow {
  field: string;
  before?: unknown;
  after?: unknown;
  /** Present on the side(s) that had the field. */
  had: { before: boolean; after: boolean };
}

function flatten(value: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (value === undefined || value === null) return out;
  if (typeof value !== 'object' || Array.isArray(value)) {
    out.set('', value);
    return out;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) for (const [k2, v2] of Object.entries(v as Record<string, unknown>)) out.set(`${k}.${k2}`, v2);
    else out.set(k, v);
  }
  return out;
}

/** Fields that differ (or exist on one side only), in first-seen order. */
export function changeRows(before: unknown, after: unknown): ChangeRow[] {
  const b = flatten(before);
  const a = flatten(after);
  const fields = [...new Set([...b.keys(), ...a.keys()])];
  return fields
    .filter((f) => !(b.has(f) && a.has(f) && JSON.stringify(b.get(f)) === JSON.stringify(a.get(f))))
    .map((f) => ({ field: f, before: b.get(f), after: a.get(f), had: { before: b.has(f), after: a.has(f) } }));
}

/**
 * A change's field name in the console's language («الوحدة» for unit, «النص العربي» for
 * bodies.ar): the whole path's label, else the last part's; a field without one shows as stored.
 */
export function fieldLabel(t: Translate, field: string, action?: string): string {
  if (!field) return '';
  // A rejected reply keeps why in its error field: the reviewer's reason, or the withdrawal's.
  if (action === 'reply.rejected' && field === 'error') return t('field_reason');
  for (const key of [field, field.split('.').pop() as string]) {
    const shown = label(t, 'field', key);
    if (shown !== key) return shown;
  }
  return field;
}

/**
 * Actors that are not users, in the order the actor filter offers them: the service on its own,
 * the national complaints system (Open311 updates), and a script run on the server (user:add
 * records 'cli'). Their ids would otherwise show raw.
 */
const SERVICE_ACTORS: Record<string, MessageKey> = { system: 'actorSystem', national_system: 'actorNationalSystem', cli: 'actorCli' };
export const SERVICE_ACTOR_IDS = Object.keys(SERVICE_ACTORS);

/** The name of an actor that is not a user, in the console's language; undefined for a user id. */
export function serviceActorName(t: Translate, id: string): string | undefined {
  return Object.hasOwn(SERVICE_ACTORS, id) ? t(SERVICE_ACTORS[id]) : undefined;
}

/** Fields whose values are user ids. */
const USER_FIELDS = new Set(['by', 'actor', 'approvedBy', 'rejectedBy', 'assignee', 'userId', 'author', 'claimBy', 'correctedBy']);
/** Fields whose values are codes, with the message prefix that names them. */
const CODE_PREFIX: Record<string, string> = { domain: 'domain', intent: 'intent', urgency: 'urgency', state: 'reply', purpose: 'purpose', reason: 'caseReason', note: 'caseReason', role: 'role', source: 'source', approvalReason: 'approvalReason' };
const CASE_STATUSES = new Set(['open', 'in_progress', 'resolved', 'closed']);

export interface AuditValueOptions {
  /** A unit's name in the console's language (units are stored by their English name). */
  unitName?: (name: string) => string;
}

/**
 * A changed field's value as the console shows it elsewhere: a user's name, a unit's name in the
 * console's language, a state or code in words, yes/no for a flag.
 */
export function auditValue(t: Translate, nameOf: (id: string) => string, field: string, value: unknown, opts: AuditValueOptions = {}): unknown {
  if (typeof value === 'boolean') return t(value ? 'yes' : 'no');
  if (typeof value !== 'string' || value === '') return value;
  const leaf = field.split('.').pop() ?? field;
  if (USER_FIELDS.has(leaf)) return nameOf(value);
  if (leaf === 'unit') return opts.unitName ? opts.unitName(value) : value;
  // A case's status and a mention's share the field name; their values do not overlap.
  if (leaf === 'status') return label(t, CASE_STATUSES.has(value) ? 'case' : 'status', value);
  // A case's reason is a correction's (not_a_complaint…) or a close without resolving (duplicate…).
  if (leaf === 'reason' && label(t, 'caseReason', value) === value) return label(t, 'closeReason', value);
  const prefix = CODE_PREFIX[leaf];
  if (leaf === 'approvalReason') return label(t, 'approvalReason', LEGACY_APPROVAL_REASON[value] ?? (/^\w+ urgency$/.test(value) ? 'urgency' : value));
  return prefix ? label(t, prefix, value) : value;
}

/** Entries written before approval reasons were stored as codes held these sentences. */
const LEGACY_APPROVAL_REASON: Record<string, string> = { 'written by a trainee': 'trainee', 'automatic replies need approval': 'system' };

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A short, one-line rendering of a value; `full` is set when it had to be cut. */
export function shortValue(v: unknown, max = 70, formatTime?: (iso: string) => string): { text: string; full?: string } {
  if (v === null || v === undefined || v === '') return { text: '—' };
  if (typeof v === 'string' && ISO.test(v) && formatTime) return { text: formatTime(v), full: v };
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  const oneLine = s.replace(/\s+/g, ' ');
  return oneLine.length > max ? { text: `${oneLine.slice(0, max - 1)}…`, full: s } : { text: oneLine };
}
