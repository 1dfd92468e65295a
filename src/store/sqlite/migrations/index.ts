/**
 * The SQLite migrations in order. Each runs once, inside a transaction, and is recorded in
 * schema_migrations (open-database.ts). Never edit a released migration: add the next file.
 */
import { migration as m001 } from './001-mentions-channel-state-own-posts';
import { migration as m002 } from './002-users-sessions-templates-replies-audit';
import { migration as m003 } from './003-cases-counters-history-outbox';
import { migration as m004 } from './004-summary-history';
import { migration as m005 } from './005-job-leases';
import { migration as m006 } from './006-summary-rollups';
import { migration as m007 } from './007-mention-conversation-index';
import { migration as m008 } from './008-queue-facet-counts';
import { migration as m009 } from './009-batch-mention-counters';
import { migration as m010 } from './010-report-week-rollups';
import { migration as m011 } from './011-corrected-mentions-index';
import { migration as m012 } from './012-complaint-places-by-domain';
import { migration as m013 } from './013-first-response-by-people';
import { migration as m014 } from './014-case-first-response-by-people';
import { migration as m015 } from './015-case-history-by-time';
import type { Migration } from './migration';

export type { Migration } from './migration';

export const MIGRATIONS: readonly Migration[] = [m001, m002, m003, m004, m005, m006, m007, m008, m009, m010, m011, m012, m013, m014, m015];

/** The highest version; databases that applied versions out of order still reach it. */
export const LATEST_SCHEMA_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));
