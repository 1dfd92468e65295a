/**
 * Child process for the capture crash test: ingests complaints and captures them into cases in a
 * tight loop on the given SQLite file until it is killed (kill -9). At start it first captures
 * leftovers, as the service's capture job does. Prints "batch N" after each committed batch.
 */
import { CaseCaptureService } from '../../src/cases/case-capture-service';
import { CaseAudit } from '../../src/cases/case-audit';
import { caseSettingsFrom } from '../../src/cases/case-feature';
import { createLogger } from '../../src/logger';
import { createSqliteStores, type SqliteStores } from '../../src/stores/sqlite-stores';
import { buildClassified } from '../support/builders';
import { caseConfig } from './case-app';

async function main(): Promise<void> {
  const [file, round] = process.argv.slice(2);
  const store = createSqliteStores(file);
  const capture = new CaseCaptureService({
    cases: store.cases,
    settings: caseSettingsFrom(caseConfig(), 'Asia/Bahrain'),
    audit: new CaseAudit({ record: async () => undefined }),
    log: createLogger({ level: 'silent' }),
  });
  await capture.captureLeftovers();
  for (let batch = 0; ; batch++) {
    // 12 authors over and over: a mix of new cases and links to open ones (same author, 72 h).
    const mentions = Array.from({ length: 5 }, (_, i) => {
      const n = batch * 5 + i;
      return buildClassified(
        { externalId: `r${round}-${n}`, author: { id: `a${(n * 7) % 12}`, handle: `a${(n * 7) % 12}` }, createdAt: new Date(Date.UTC(2026, 10, 20) + n * 60_000 * 97).toISOString() },
        { location: { block: String(100 + (n % 9)) }, primaryDomain: n % 3 ? 'roads' : 'drainage' },
      );
    });
    const { inserted } = await store.mentions.ingestBatch('replay', mentions, `c${round}-${batch}`);
    await capture.captureMentions(inserted);
    process.stdout.write(`batch ${batch}\n`);
  }
}

void main();
