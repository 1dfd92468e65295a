/**
 * Free-form values (audit before/after, outbox payloads) are stored as they would survive a JSON
 * round trip, exactly what the SQLite adapter keeps in its *_json columns: undefined fields
 * dropped, dates as ISO strings, class instances as plain objects.
 */
export function toPlain(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}
