/**
 * The weekly summary's case figures are read from the case history (a week as it happened: a case
 * reopened, rerouted or given a new SLA later leaves that week's figures as they were), so they
 * need the history entries they read by time: moves to a status, SLA restarts, unit and domain
 * changes. A covering index on them, partial so notes, links and assignments stay out of it.
 * Queries must spell the WHERE exactly as src/summaries/store/sqlite/case-figures.ts does
 * (FIGURE_ENTRY) for SQLite to use it.
 *
 * Kept as text (see migration.ts): later changes to runtime code cannot change what this applies.
 */
import type { Migration } from './migration';

export const migration: Migration = {
  version: 15,
  name: 'index of the case history entries the weekly figures read, by time',
  sql: `CREATE INDEX case_history_figures_at ON case_history (at, to_value, action, case_id)
    WHERE to_value IN ('open', 'in_progress', 'resolved', 'closed') OR action IN ('sla_restarted', 'unit_assigned', 'domain_changed');`,
};
