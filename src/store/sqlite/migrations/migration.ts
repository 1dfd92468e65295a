/**
 * What a SQLite migration is. A leaf: migrations import their type from here and nothing else.
 *
 * A migration is a record of what was applied to databases in the field: once released its text
 * never changes, even when the runtime schema evolves (write a new migration instead). So a
 * migration holds its SQL as text and imports no table, feature or schema code, whose DDL may
 * change later; runtime code that needs the same DDL (a rebuildable table or trigger) keeps its
 * own copy.
 */
export interface Migration {
  /** Applied once, in ascending order, and recorded in schema_migrations. */
  version: number;
  /** Stored in schema_migrations next to the version. */
  name: string;
  sql: string;
}
