/** The index mentions_corrected: the corrected mentions are read through their own partial index, not a scan of every mention. */
import { createSqliteStores, type SqliteStores } from '../../../src/stores/sqlite-stores';

describe('SQLite corrections index', () => {
  it('answers the list of corrected mentions from the mentions_corrected index', async () => {
    const store = createSqliteStores(':memory:');
    const plan = store.db
      .prepare(`EXPLAIN QUERY PLAN SELECT * FROM mentions WHERE json_extract(classification_json, '$.correction.at') IS NOT NULL
        AND json_extract(classification_json, '$.correction.at') >= ? ORDER BY json_extract(classification_json, '$.correction.at'), id LIMIT 10`)
      .all('2026-01-01T00:00:00.000Z') as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING (COVERING )?INDEX mentions_corrected/);
    await store.close();
  });
});
