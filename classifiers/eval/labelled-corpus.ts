/**
 * The labelled real-text corpus as rows: texts rebuilt from public snapshots
 * (data/corpus/texts.jsonl, see classifiers/corpus/README.md), the adjudicated labels
 * (classifiers/corpus/labels.jsonl) and the split of each source (classifiers/corpus/splits.json):
 * no source is in two splits, so test figures say how the model does on text from somewhere new.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Domain, Intent, Location, Urgency } from '../../src/domain/classification';
import type { LabeledMention } from './metrics';

export type Split = 'train' | 'dev' | 'test';
export const SPLITS: readonly Split[] = ['train', 'dev', 'test'];

export const CORPUS_DIR = path.join(__dirname, '..', 'corpus');
export const TEXTS_FILE = path.join(__dirname, '..', '..', 'data', 'corpus', 'texts.jsonl');

export interface CorpusRow extends LabeledMention {
  id: string;
  source: string;
  split: Split;
}

interface LabelLine {
  id: string;
  domain: Domain | 'none';
  intent: Intent;
  urgency: Urgency | null;
  location: Location | null;
}

export function readJsonLines<T>(file: string): T[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      try {
        return JSON.parse(l) as T;
      } catch {
        throw new Error(`${file}:${i + 1}: not JSON`);
      }
    });
}

export function readSplits(dir = CORPUS_DIR): Map<string, Split> {
  const splits = JSON.parse(fs.readFileSync(path.join(dir, 'splits.json'), 'utf8')) as Record<Split, string[]>;
  const bySource = new Map<string, Split>();
  for (const split of SPLITS) {
    for (const source of splits[split]) {
      if (bySource.has(source)) throw new Error(`source ${source} is in two splits`);
      bySource.set(source, split);
    }
  }
  return bySource;
}

/** Every labelled text with its split; throws with a hint when the texts were not rebuilt. */
export function readLabelledCorpus(opts: { texts?: string; dir?: string } = {}): CorpusRow[] {
  const textsFile = opts.texts ?? TEXTS_FILE;
  if (!fs.existsSync(textsFile)) {
    throw new Error(`${textsFile} is missing: fetch the corpus repositories and run \`npm run corpus:rebuild\` (classifiers/corpus/README.md)`);
  }
  const dir = opts.dir ?? CORPUS_DIR;
  const texts = new Map(readJsonLines<{ id: string; source: string; text: string }>(textsFile).map((t) => [t.id, t]));
  const splits = readSplits(dir);
  const rows: CorpusRow[] = [];
  for (const label of readJsonLines<LabelLine>(path.join(dir, 'labels.jsonl'))) {
    const t = texts.get(label.id);
    if (!t) throw new Error(`label ${label.id} has no rebuilt text`);
    const split = splits.get(t.source);
    if (!split) throw new Error(`source ${t.source} is in no split`);
    rows.push({
      id: label.id,
      source: t.source,
      split,
      text: t.text,
      domain: label.domain === 'none' ? null : label.domain,
      intent: label.intent,
      urgency: label.urgency ?? 'low',
      ...(label.location ? { location: label.location } : {}),
    });
  }
  return rows;
}

/** A labelled example is a works complaint: what a unit should receive as a case. */
export function isWorksComplaint(r: { domain: Domain | null; intent: Intent }): boolean {
  return r.domain !== null && r.intent === 'complaint';
}
