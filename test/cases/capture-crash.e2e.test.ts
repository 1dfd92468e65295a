/**
 * kill -9 at random moments while complaints are ingested and captured: after restarts, every
 * complaint belongs to exactly one case, nothing is left pending, and case numbers have no gap.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Case } from '../../src/domain';
import { createSqliteStores, type SqliteStores } from '../../src/stores/sqlite-stores';
import { makeTempDir } from '../support/temp-dir';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../..');

/** Runs the worker until it has printed `batches` lines, then a random few ms more, then SIGKILL. */
function runAndKill(file: string, round: number, batches: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', 'test/cases/capture-worker.ts', file, String(round)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let seen = 0;
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d: Buffer) => {
      seen += (d.toString().match(/batch/g) ?? []).length;
      if (seen >= batches && !child.killed) setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 15));
    });
    child.once('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`worker exited by itself: ${err}`))));
  });
}

describe('case capture under kill -9', () => {
  it('neither loses nor duplicates a case across crashes', async () => {
    const tmp = makeTempDir('rasid-capture-crash-');
    const file = path.join(tmp.dir, 'rasid.db');
    try {
      for (let round = 0; round < 4; round++) await runAndKill(file, round, 20 + round * 7);
      const store = createSqliteStores(file);
      // What the restarted service's capture job does first.
      const { CaseCaptureService } = await import('../../src/cases/case-capture-service');
      const { CaseAudit } = await import('../../src/cases/case-audit');
      const { caseSettingsFrom } = await import('../../src/cases/case-feature');
      const { caseConfig } = await import('./case-app');
      const { memoryLogger } = await import('../support/silent-log');
      await new CaseCaptureService({ cases: store.cases, settings: caseSettingsFrom(caseConfig(), 'Asia/Bahrain'), audit: new CaseAudit({ record: async () => undefined }), log: memoryLogger().log }).captureLeftovers();

      expect(await store.cases.listCapturePending(10)).toEqual([]);
      const cases: Case[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.cases.listCases({ limit: 200, cursor });
        cases.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      const numbers = cases.map((c) => c.number).sort();
      expect(numbers).toEqual(numbers.map((_, i) => `MOW-2026-${String(i + 1).padStart(6, '0')}`));
      const linked = cases.flatMap((c) => c.mentionIds);
      const mentions = await store.mentions.countMentions();
      expect(new Set(linked).size).toBe(linked.length);
      expect(linked).toHaveLength(mentions);
      expect(mentions).toBeGreaterThan(100);
      expect(cases.some((c) => c.mentionIds.length > 1)).toBe(true);
      await store.close();
    } finally {
      tmp.remove();
    }
  });
});
