/**
 * `npm run corpus:labels` joins two annotators' blind labels from several packets: packet ids map
 * back to corpus ids through every key given, disagreements take the adjudicator's label, and the
 * agreement is kept per batch as well as overall. Labels here are made up to exercise the joins.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasid-labels-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, lines: object[]) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return file;
};
const label = (id: string, domain: string, intent: string) => ({ id, domain, intent, urgency: domain === 'none' ? null : 'medium', location: null, note: 'may quote the post' });
const run = (args: string[]) => execFileSync(process.execPath, ['--require', 'tsx/cjs', 'scripts/corpus/merge-labels.ts', ...args], { encoding: 'utf8', stdio: 'pipe' });

describe('merging two annotators’ labels from several packets', () => {
  it('maps every packet back, adjudicates disagreements, drops the rest and reports agreement per batch', () => {
    const keys = [write('key1.jsonl', [{ id: 'p1', corpusId: 'bh-1' }, { id: 'p2', corpusId: 'bh-2' }]), write('key2.jsonl', [{ id: 'g1', corpusId: 'kw-1' }, { id: 'g2', corpusId: 'kw-2' }, { id: 'g3', corpusId: 'kw-3' }])];
    const a = write('a.jsonl', [label('p1', 'roads', 'complaint'), label('p2', 'none', 'other'), label('g1', 'drainage', 'complaint'), label('g2', 'none', 'other'), label('g3', 'roads', 'inquiry')]);
    const b = write('b.jsonl', [label('p1', 'roads', 'complaint'), label('p2', 'none', 'other'), label('g1', 'drainage', 'complaint'), label('g2', 'roads', 'complaint'), label('g3', 'roads', 'complaint')]);
    const adjudicated = write('adj.jsonl', [label('g2', 'none', 'complaint')]);
    const corpus = path.join(dir, 'corpus');
    run(['--a', a, '--b', b, '--key', keys[0], '--key', keys[1], '--adjudicated', adjudicated, '--dir', corpus]);

    const labels = fs.readFileSync(path.join(corpus, 'labels.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(labels.map((l) => [l.id, l.domain, l.intent])).toEqual([
      ['bh-1', 'roads', 'complaint'],
      ['bh-2', 'none', 'other'],
      ['kw-1', 'drainage', 'complaint'],
      ['kw-2', 'none', 'complaint'],
    ]);
    const agreement = JSON.parse(fs.readFileSync(path.join(corpus, 'agreement.json'), 'utf8'));
    expect(agreement).toMatchObject({ items: 5, agreedOnDomainAndIntent: 3, adjudicated: 1, dropped: 1 });
    expect(Object.keys(agreement.byBatch)).toEqual(['bh', 'kw']);
    expect(agreement.byBatch.bh.domain.kappa).toBe(1);
    expect(agreement.byBatch.kw.items).toBe(3);
    expect(agreement.byBatch.kw.domain.kappa).toBeLessThan(1);
    // Notes can quote third-party text: none reaches the committed annotation files.
    expect(fs.readFileSync(path.join(corpus, 'annotations', 'a.jsonl'), 'utf8')).not.toContain('note');
  });

  it('refuses a label whose packet id is in no key', () => {
    const key = write('key.jsonl', [{ id: 'p1', corpusId: 'bh-1' }]);
    const a = write('a.jsonl', [label('zz', 'roads', 'complaint')]);
    expect(() => run(['--a', a, '--b', a, '--key', key, '--dir', path.join(dir, 'c')])).toThrow(/zz is not in the packet key/);
  });
});
