/**
 * Names of the collections that several parts of the MongoDB backend read (feature stores, the
 * weekly figures' lookups, store:copy), declared once so no part imports another's adapter.
 */
export const TEMPLATES_COLLECTION = 'templates';
export const USERS_COLLECTION = 'users';
export const SESSIONS_COLLECTION = 'sessions';
export const AUDIT_COLLECTION = 'audit';
/** The audit entries' sequence (Sequences), which orders them like SQLite's rowid. */
export const AUDIT_SEQUENCE = 'audit';
export const LEASES_COLLECTION = 'leases';
export const MENTIONS_COLLECTION = 'mentions';
export const OWN_POSTS_COLLECTION = 'own_posts';
export const CHANNEL_STATE_COLLECTION = 'channel_state';
export const CHANNEL_KV_COLLECTION = 'channel_kv';
export const CASES_COLLECTION = 'cases';
/** Per prefix and year: the next case number (case numbering without gaps). */
export const CASE_COUNTERS_COLLECTION = 'case_counters';
export const OUTBOX_COLLECTION = 'outbox';
