/**
 * Jest runs TypeScript through ts-jest in transpile-only mode; `npm test` type-checks first with tsc.
 * Three projects: `unit` (everything else, in parallel on up to 2 workers), `nock` (files that
 * load nock, see below) and `reliability` (real processes killed with SIGKILL, load, fuzzing), which `npm test` runs afterwards one file at a
 * time (--runInBand) so heavy process tests never compete with each other for the 2 cores.
 * `npm run test:reliability` runs the reliability project with the full sizes (RELIABILITY_FULL=1).
 */
const RELIABILITY = [
  'test/reliability/**/*.test.ts',
  'test/service/process.e2e.test.ts',
  'test/replies/send-crash.e2e.test.ts',
  'test/cases/capture-crash.e2e.test.ts',
  'test/api/replies-fuzz.test.ts',
  'test/cases/case-routes.fuzz.test.ts',
];
// test/classifiers/robustness.property.test.ts (the classifier on random Unicode) belongs to the
// suite too, but takes ~4-5 minutes alone: it stays in `unit`, where it overlaps the other tests.

/**
 * Loading nock (for instagram-private-api, whose HTTP layer cannot be pointed at a local server;
 * elsewhere as a no-network guard) patches Node's http module for the whole worker process, and
 * its interceptor breaks the X client's plain-HTTP agent in any later test file of that worker.
 * The files that load it get their own jest run.
 */
const NOCK = [
  'test/channels/instagram-private.test.ts',
  'test/channels/instagram-private-lazy.test.ts',
  'test/channels/instagram-graph.test.ts',
  'test/channels/rss.test.ts',
];

const base = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testTimeout: 30000,
};

/** A glob above as a path regex, for testPathIgnorePatterns. */
const toRegex = (glob) => glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\//g, '(?:.*/)?').replace(/\*/g, '[^/]*');

module.exports = {
  maxWorkers: 2,
  // Jest reads testTimeout from the global config only; the projects' own copy (base) is ignored.
  testTimeout: base.testTimeout,
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...[...RELIABILITY, ...NOCK].map((g) => `<rootDir>/${toRegex(g)}$`)],
    },
    {
      ...base,
      displayName: 'nock',
      testMatch: NOCK.map((g) => `<rootDir>/${g}`),
    },
    {
      ...base,
      displayName: 'reliability',
      testMatch: RELIABILITY.map((g) => `<rootDir>/${g}`),
    },
  ],
};
