/**
 * Bad input in replay files: random garbage lines (binary bytes, invalid UTF-8, NUL, JSON of the
 * wrong shape or types, truncated objects, 200 KB lines, CRLF endings, blank lines) mixed with
 * valid mentions. Through the real poll path into SQLite: every valid line is stored exactly
 * once, every garbage line is skipped and logged with its line number, and the cursor reaches
 * the end of the file. The classifier on random Unicode is covered by
 * test/classifiers/robustness.property.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { ReplayChannel } from '../../channels/replay';
import { pollChannel } from '../../src/ingest/poll-channel';
import { createSqliteStores, type SqliteStores } from '../../src/stores/sqlite-stores';
import { testClassifier } from '../support/classifier';
import { memoryLogger } from '../support/silent-log';
import { makeTempDir } from '../support/temp-dir';
import { reportFigures, suiteSize } from './suite-size';

jest.setTimeout(suiteSize({ bounded: 120_000, full: 900_000 }));

type Line = { kind: 'valid'; bytes: Buffer; id: string } | { kind: 'garbage'; bytes: Buffer; what: string } | { kind: 'blank'; bytes: Buffer };

const validLine = fc.record({
  text: fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 100 }), fc.constantFrom('حفرة في شارع 23 مجمع 456', 'Sewage overflowing on our street')),
  badUtf8InText: fc.boolean(),
  crlf: fc.boolean(),
});

const garbageLine: fc.Arbitrary<{ bytes: Buffer; what: string }> = fc.oneof(
  // Starts with a byte no JSON text can start with, then anything but a newline.
  fc.tuple(fc.integer({ min: 0x80, max: 0xff }), fc.uint8Array({ maxLength: 300 })).map(([first, rest]) => ({ bytes: Buffer.from([first, ...rest.filter((b) => b !== 0x0a)]), what: 'binary' })),
  fc.constantFrom('[]', '123', '"text"', 'null', 'true', '{}', '{"externalId":"x"}', '{"externalId":true,"text":"a","author":{"id":"1","handle":"h"}}',
    '{"externalId":"","text":"a","author":{"id":"1","handle":"h"}}', '{"externalId":"x","text":5,"author":{"id":"1","handle":"h"}}',
    '{"externalId":"x","text":"a","author":{"id":"1"}}', '{"externalId":"x","text":"a","author":{"id":"1","handle":"h"},"createdAt":"not a date"}',
    '{"externalId":"x","text":"a","author":{"id":"1","handle":"h"},"minutesAgo":-5}', '{"externalId":"x","text":"a","author":null}', '\u0000\u0000\u0000', 'NaN', '{"a":1}}')
    .map((s) => ({ bytes: Buffer.from(s), what: 'wrong shape' })),
  fc.double({ min: 0.05, max: 0.95, noNaN: true }).map((cut) => {
    const s = JSON.stringify({ externalId: 'cut', text: 'نص مقطوع', author: { id: '1', handle: 'h' } });
    return { bytes: Buffer.from(s.slice(0, Math.floor(s.length * cut))), what: 'truncated' };
  }),
  fc.integer({ min: 100_000, max: 200_000 }).map((n) => ({ bytes: Buffer.from('{"externalId":"big","text":"' + 'ا'.repeat(n)), what: 'huge truncated' })),
);

function lines(): fc.Arbitrary<Line[]> {
  let n = 0;
  return fc.array(
    fc.oneof(
      { weight: 5, arbitrary: validLine.map((v): Line => {
        const id = `v${n++}`;
        const json = JSON.stringify({ externalId: id, text: v.badUtf8InText ? `${v.text}@@BAD@@` : v.text, author: { id: 'a', handle: 'citizen' }, minutesAgo: 1 });
        // Invalid UTF-8 inside a valid line's text: stored, with U+FFFD in place of the bad bytes.
        const parts = json.split('@@BAD@@');
        const bytes = Buffer.concat([Buffer.from(parts[0]), ...(parts.length > 1 ? [Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(parts[1])] : []), Buffer.from(v.crlf ? '\r' : '')]);
        return { kind: 'valid', bytes, id };
      }) },
      { weight: 3, arbitrary: garbageLine.map((g): Line => ({ kind: 'garbage', ...g })) },
      { weight: 1, arbitrary: fc.constantFrom('', ' ', '\t', '\r').map((s): Line => ({ kind: 'blank', bytes: Buffer.from(s) })) },
    ),
    { minLength: 1, maxLength: 80, size: 'max' },
  );
}

const totals = { files: 0, lines: 0, valid: 0, garbage: 0, stored: 0, lost: 0, duplicated: 0 };

describe('replay files with garbage lines', () => {
  it('stores every valid line exactly once, skips and logs every garbage line by number, and reaches the end', async () => {
    const classifier = testClassifier();
    await fc.assert(
      fc.asyncProperty(lines(), fc.integer({ min: 1, max: 17 }), fc.boolean(), async (spec, batchSize, trailingNewline) => {
        const tmp = makeTempDir('rasid-garbage-');
        const file = path.join(tmp.dir, 'replay.jsonl');
        const body = Buffer.concat(spec.flatMap((l, i) => (i < spec.length - 1 || trailingNewline ? [l.bytes, Buffer.from('\n')] : [l.bytes])));
        fs.writeFileSync(file, body);
        const store = createSqliteStores(path.join(tmp.dir, 'rasid.db'));
        const { log, lines: logged } = memoryLogger('warn');
        try {
          const channel = new ReplayChannel({ file, batchSize });
          let skipped = 0;
          for (let i = 0; i < spec.length + 2; i++) {
            const outcome = await pollChannel({ store, classifier, channel, log, maxPages: 1 });
            expect(outcome.status).toBe('ok');
            skipped += outcome.skippedItems;
          }
          const valid = spec.filter((l) => l.kind === 'valid').map((l) => (l as { id: string }).id);
          const garbageLines = spec.map((l, i) => (l.kind === 'garbage' ? i + 1 : 0)).filter(Boolean);
          const stored = (await store.mentions.listMentions({ limit: 200 })).items.map((m) => m.externalId);
          expect(stored.sort()).toEqual([...valid].sort());
          expect(skipped).toBe(garbageLines.length);
          expect(logged().filter((l) => typeof l.line === 'number').map((l) => l.line)).toEqual(garbageLines);
          const cursor = JSON.parse((await store.channelStates.getChannelState('replay'))!.cursor!);
          expect(cursor.byte).toBe(body.length);
          totals.files++;
          totals.lines += spec.length;
          totals.valid += valid.length;
          totals.garbage += garbageLines.length;
          totals.stored += stored.length;
          totals.duplicated += stored.length - new Set(stored).size;
          totals.lost += valid.filter((id) => !stored.includes(id)).length;
        } finally {
          await store.close();
          tmp.remove();
        }
      }),
      { numRuns: suiteSize({ bounded: 40, full: 400 }) },
    );
    reportFigures('replay garbage lines', totals);
    expect(totals.lost + totals.duplicated).toBe(0);
  });
});
