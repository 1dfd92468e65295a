/**
 * Texts quoted from web pages join the labelled corpus only through their SHA-1: supplied texts
 * are matched to pointers, and the corpus reader takes them in when present and counts them when not.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pageRowsMissing, readLabelledCorpus } from '../../classifiers/eval/labelled-corpus';
import { rebuildPageTexts } from '../../scripts/corpus/page-texts';
import { sha1Hex } from '../../scripts/corpus/sha1';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasid-corpus-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (file: string, lines: unknown[]) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
};

describe('page texts', () => {
  const pothole = 'حفرة في شارع 12 بمجمع 304';
  const weather = 'أمطار متفرقة على البلاد اليوم';

  it('takes each pointer\'s text by SHA-1, reports the texts it lacks and the bad lines with their numbers', () => {
    const supplied = path.join(dir, 'supplied.jsonl');
    write(supplied, [{ url: 'http://example.bh/1', text: pothole }, 'not json', { text: 42 }, { text: 'نص آخر' }]);
    const out = path.join(dir, 'out', 'page-texts.jsonl');
    const r = rebuildPageTexts(
      [
        { id: 'bh-1', source: 'bahrain-press', url: 'http://example.bh/1', sha1: sha1Hex(pothole) },
        { id: 'bh-2', source: 'bahrain-press', url: 'http://example.bh/2', sha1: sha1Hex(weather) },
      ],
      supplied,
      out,
    );
    expect(r.written).toBe(1);
    expect(r.missing.map((p) => p.id)).toEqual(['bh-2']);
    expect(r.badLines).toEqual([2, 3]);
    expect(fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l))).toEqual([{ id: 'bh-1', source: 'bahrain-press', text: pothole }]);
  });

  it('adds labelled page rows with their split when their texts were supplied, and counts them when not', () => {
    const corpus = path.join(dir, 'corpus');
    write(path.join(corpus, 'splits.json'), [JSON.stringify({ train: ['repo-src'], dev: [], test: ['bahrain-press'] })]);
    write(path.join(corpus, 'labels.jsonl'), [{ id: 'repo-src-1', domain: 'none', intent: 'other', urgency: null, location: null }]);
    write(path.join(corpus, 'pages', 'labels.jsonl'), [
      { id: 'bh-1', domain: 'roads', intent: 'complaint', urgency: 'medium', location: { block: '304' } },
      { id: 'bh-2', domain: 'none', intent: 'other', urgency: null, location: null },
    ]);
    const texts = path.join(dir, 'texts.jsonl');
    write(texts, [{ id: 'repo-src-1', source: 'repo-src', text: 'نص' }]);
    const pageTexts = path.join(dir, 'page-texts.jsonl');

    expect(readLabelledCorpus({ dir: corpus, texts, pageTexts }).map((r) => r.id)).toEqual(['repo-src-1']);
    expect(pageRowsMissing({ dir: corpus, pageTexts })).toBe(2);

    write(pageTexts, [{ id: 'bh-1', source: 'bahrain-press', text: pothole }]);
    const rows = readLabelledCorpus({ dir: corpus, texts, pageTexts });
    expect(rows.map((r) => [r.id, r.split, r.domain, r.intent])).toEqual([
      ['repo-src-1', 'train', null, 'other'],
      ['bh-1', 'test', 'roads', 'complaint'],
    ]);
    expect(rows[1].location).toEqual({ block: '304' });
    expect(pageRowsMissing({ dir: corpus, pageTexts })).toBe(1);
  });
});
