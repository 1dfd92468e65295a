/**
 * The SQLite text sample for top terms (SummaryTable.sampleMentionTexts): every relevant text of
 * the window when they fit, else runs of SAMPLE_RUN consecutive relevant mentions from equal
 * slots of the window. The expected samples are computed here from the seeded list, not from SQL.
 */
import type { SummaryWindow } from '../../../../src/domain';
import { createSqliteStores, type SqliteStores } from '../../../../src/stores/sqlite-stores';
import { SAMPLE_RUN, SummaryTable, sampleSlots } from '../../../../src/summaries/store/sqlite/summary-table';
import { buildClassified } from '../../../support/builders';

const DAY = 86_400_000;
const START = Date.parse('2026-11-21T21:00:00.000Z');
const WEEK: SummaryWindow = {
  start: new Date(START).toISOString(),
  end: new Date(START + 7 * DAY).toISOString(),
  dayStarts: Array.from({ length: 8 }, (_, i) => new Date(START + i * DAY).toISOString()),
};

interface Seeded {
  text: string;
  at: string;
  relevant: boolean;
}

/** Ingests the mentions shuffled (i * 7919 mod n, 7919 prime), so that rowid order is not time order. */
async function ingest(store: SqliteStores, list: Seeded[]): Promise<void> {
  const shuffled = list.map((_, i) => list[(i * 7919) % list.length]);
  expect(new Set(shuffled).size).toBe(list.length);
  const mentions = shuffled.map((s) => buildClassified({ createdAt: s.at, text: s.text }, { relevant: s.relevant }));
  for (let i = 0; i < mentions.length; i += 100) await store.mentions.ingestBatch('x', mentions.slice(i, i + 100), null);
}

/** Relevant mentions every 10 minutes of the week (and the days around it), one irrelevant in three. */
function everyTenMinutes(): Seeded[] {
  const out: Seeded[] = [];
  for (let t = START - DAY, i = 0; t < START + 8 * DAY; t += 600_000, i++) {
    out.push({ text: `نص ${i}`, at: new Date(t).toISOString(), relevant: i % 3 !== 0 });
  }
  return out;
}

const inWindow = (list: Seeded[], from: string, to: string) => list.filter((s) => s.relevant && s.at >= from && s.at < to).sort((a, b) => a.at.localeCompare(b.at));

describe('SQLite text sample for top terms', () => {
  let store: SqliteStores;
  let table: SummaryTable;
  const seeded = everyTenMinutes();
  const relevantInWeek = inWindow(seeded, WEEK.start, WEEK.end);

  beforeAll(async () => {
    store = createSqliteStores(':memory:');
    await ingest(store, seeded);
    table = new SummaryTable(store.db);
  });
  afterAll(() => store.close());

  it('reads every relevant text of the window, in time order, when they fit', () => {
    expect(relevantInWeek.length).toBe(672);
    expect(table.sampleMentionTexts(WEEK, 672)).toEqual(relevantInWeek.map((s) => s.text));
    expect(table.sampleMentionTexts(WEEK, 5000)).toEqual(relevantInWeek.map((s) => s.text));
  });

  it('takes the first SAMPLE_RUN relevant mentions of each equal slot when there are more', () => {
    const limit = 10 * SAMPLE_RUN + 3;
    const expected = sampleSlots(WEEK, 10).flatMap((slot) => inWindow(seeded, slot.start, slot.end).slice(0, SAMPLE_RUN));
    const sample = table.sampleMentionTexts(WEEK, limit);
    expect(sample).toEqual(expected.map((s) => s.text));
    expect(sample).toHaveLength(10 * SAMPLE_RUN);
    // spans the week: mentions from its first and its last tenth, none outside it
    const times = new Map(seeded.map((s) => [s.text, Date.parse(s.at)]));
    const at = sample.map((t) => times.get(t) as number);
    expect(Math.min(...at)).toBeLessThan(START + 0.1 * 7 * DAY);
    expect(Math.max(...at)).toBeGreaterThanOrEqual(START + 0.9 * 7 * DAY);
    expect(at.every((t) => t >= START && t < START + 7 * DAY)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
  });

  it('is deterministic and the same without the window index hint (raw mode)', () => {
    const raw = new SummaryTable(store.db, { raw: true });
    for (const limit of [1, 17, 100, 671]) {
      const sample = table.sampleMentionTexts(WEEK, limit);
      expect(sample.length).toBeLessThanOrEqual(limit);
      expect(table.sampleMentionTexts(WEEK, limit)).toEqual(sample);
      expect(raw.sampleMentionTexts(WEEK, limit)).toEqual(sample);
    }
  });

  it('returns nothing for no limit or an empty window', () => {
    expect(table.sampleMentionTexts(WEEK, 0)).toEqual([]);
    const empty = { start: '2020-01-01T00:00:00.000Z', end: '2020-01-08T00:00:00.000Z', dayStarts: [] };
    expect(table.sampleMentionTexts(empty, 10)).toEqual([]);
  });

  it('takes fewer from quiet slots, never mentions of the next slot', async () => {
    // A week where only the first day (two of 14 slots) has mentions: the other slots give nothing.
    const quiet = createSqliteStores(':memory:');
    try {
      const firstDay = Array.from({ length: 300 }, (_, i) => ({ text: `يوم ${i}`, at: new Date(START + i * 288_000).toISOString(), relevant: true }));
      await ingest(quiet, firstDay);
      const sample = new SummaryTable(quiet.db).sampleMentionTexts(WEEK, 14 * SAMPLE_RUN);
      const expected = sampleSlots(WEEK, 14).flatMap((slot) => inWindow(firstDay, slot.start, slot.end).slice(0, SAMPLE_RUN));
      expect(sample).toEqual(expected.map((s) => s.text));
      expect(sample).toHaveLength(2 * SAMPLE_RUN);
    } finally {
      await quiet.close();
    }
  });
});

describe('sampleSlots', () => {
  it('cuts a range into equal consecutive slots that cover it exactly', () => {
    const slots = sampleSlots({ start: '2026-11-21T21:00:00.000Z', end: '2026-11-21T21:00:00.010Z' }, 3);
    expect(slots).toEqual([
      { start: '2026-11-21T21:00:00.000Z', end: '2026-11-21T21:00:00.003Z' },
      { start: '2026-11-21T21:00:00.003Z', end: '2026-11-21T21:00:00.006Z' },
      { start: '2026-11-21T21:00:00.006Z', end: '2026-11-21T21:00:00.010Z' },
    ]);
  });
});
