/**
 * The case-history contract (case-history.contract.ts) on every adapter: SQLite, MongoDB (the
 * in-memory driver stand-in, standalone and replica set) and the in-memory fake, each fed through
 * its case store; then the three adapters against each other on the same random case lives
 * (reopens with fresh SLAs, reroutes, domain corrections, closes) over several weeks.
 */
import { createSqliteStores } from '../../../src/stores/sqlite-stores';
import { createMemoryStores } from '../../../src/stores/memory-stores';
import { MemorySummaryStore } from '../../../src/summaries/store/memory-summary-store';
import { SummaryFigures } from '../../../src/summaries/figures/summary-figures';
import type { CaseStore, CaseUpdate, NewCase } from '../../../src/cases/store/case-store';
import type { SummaryStore } from '../../../src/summaries/store/summary-store';
import { inMemoryMongoStore } from '../../store/mongodb/in-memory-store';
import { BASE, caseHistoryContract, weekFrom, type CaseSeed } from './case-history.contract';

/** A summary store that reads the cases of `cases` itself (SQLite, MongoDB). */
function through(store: SummaryStore, cases: CaseStore, close: () => Promise<void>): CaseSeed {
  return {
    store,
    open: (c) => cases.openCase(c, []),
    update: async (number, u) => {
      if (!(await cases.updateCase(number, u))) throw new Error(`no case ${number}`);
    },
    close,
  };
}

/** The in-memory fake, handed every case the in-memory case store writes, as it is after each change. */
function memorySeed(): CaseSeed {
  const stores = createMemoryStores();
  const store = new MemorySummaryStore();
  return {
    store,
    open: async (c) => {
      const opened = await stores.cases.openCase(c, []);
      store.putCase(opened);
      return opened;
    },
    update: async (number, u) => {
      const r = await stores.cases.updateCase(number, u);
      if (!r) throw new Error(`no case ${number}`);
      store.putCase(r.after);
    },
    close: async () => undefined,
  };
}

const sqliteSeed = (): CaseSeed => {
  const stores = createSqliteStores(':memory:');
  return through(stores.summaries, stores.cases, () => stores.close());
};
const mongoSeed = async (transactions: boolean): Promise<CaseSeed> => {
  const { store } = await inMemoryMongoStore({ transactions });
  return through(store.summaries, store.cases, () => store.close());
};

caseHistoryContract('sqlite', async () => sqliteSeed());
caseHistoryContract('mongodb in memory (standalone)', () => mongoSeed(false));
caseHistoryContract('mongodb in memory (replica set)', () => mongoSeed(true));
caseHistoryContract('in-memory fake', async () => memorySeed());

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function prng(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const START = Date.parse('2026-11-14T21:00:00.000Z'); // 2026-W47
const iso = (ms: number) => new Date(ms).toISOString();

/** The same case lives, written to every seed: opened over four weeks, then moved at random. */
async function seedLives(seeds: CaseSeed[], seed: number): Promise<void> {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  for (let i = 0; i < 30; i++) {
    const opened = START + Math.floor((rnd() * 28 * DAY) / 1000) * 1000;
    const c: NewCase = {
      ...BASE,
      unit: pick(['U1', 'U2', 'U3']),
      domain: pick(['roads', 'drainage'] as const),
      location: { area: pick(['المحرق', 'سترة', undefined]) },
      openedAt: iso(opened),
      slaDueAt: iso(opened + Math.floor(rnd() * 3 * DAY)),
    };
    const numbers = await Promise.all(seeds.map(async (s) => (await s.open(c)).number));
    let at = opened;
    let status = 'open';
    for (let step = 0; step < 6 && rnd() < 0.8; step++) {
      at += Math.floor((rnd() * 4 * DAY) / 1000) * 1000 + 1000;
      const r = rnd();
      const u: CaseUpdate =
        r < 0.35 && status !== 'resolved' ? { status: 'resolved', actor: 'u', at: iso(at) }
        : r < 0.5 && status !== 'closed' ? { status: 'closed', statusAction: status === 'resolved' ? 'status_changed' : 'closed_duplicate', actor: 'u', at: iso(at) }
        : r < 0.7 && (status === 'resolved' || status === 'closed') ? { status: 'open', statusAction: 'reopened', slaDueAt: iso(at + Math.floor(rnd() * 3 * DAY) + HOUR), actor: 'u', at: iso(at) }
        : r < 0.8 && status === 'open' ? { status: 'in_progress', actor: 'u', at: iso(at) }
        : r < 0.9 ? { unit: pick(['U1', 'U2', 'U3', 'U4']), actor: 'u', at: iso(at) }
        : { domain: pick(['roads', 'drainage', 'buildings'] as const), slaDueAt: iso(at + DAY), actor: 'u', at: iso(at) };
      if (u.status) status = u.status;
      await Promise.all(seeds.map((s, k) => s.update(numbers[k], u)));
    }
  }
}

describe('case figures from the history: the adapters against each other', () => {
  it.each([1, 7, 42])('give the same case figures of every week on the same case lives (seed %i)', async (seed) => {
    const seeds = [sqliteSeed(), await mongoSeed(false), memorySeed()];
    try {
      await seedLives(seeds, seed);
      let counted = 0;
      for (let k = 0; k < 6; k++) {
        const week = weekFrom(iso(START + k * 7 * DAY));
        const [sqlite, ...others] = await Promise.all(seeds.map((s) => new SummaryFigures(s.store).cases(week)));
        for (const other of others) expect(other).toEqual(sqlite);
        counted += sqlite.resolved + sqlite.openAtEnd;
        const marks = await Promise.all(seeds.map((s) => s.store.sourceMarks(week)));
        expect(marks.map((m) => m.cases)).toEqual([marks[0].cases, marks[0].cases, marks[0].cases]);
      }
      expect(counted).toBeGreaterThan(20); // the lives exercise the figures
    } finally {
      await Promise.all(seeds.map((s) => s.close()));
    }
  });
});
