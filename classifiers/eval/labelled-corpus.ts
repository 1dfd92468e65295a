/**
 * The labelled real-text corpus as rows: texts rebuilt from public snapshots
 * (data/corpus/texts.jsonl, see classifiers/corpus/README.md), the adjudicated labels
 * (classifiers/corpus/labels.jsonl) and the split of each source (classifiers/corpus/splits.json):
 * no source is in two splits, so test figures say how the model does on text from somewhere new.
 *
 * Texts quoted from web pages (classifiers/corpus/pages/) cannot be cut out of a git snapshot:
 * their pointers are URL + SHA-1, and their texts are added by `npm run corpus:rebuild -- --pages
 * <file>` into data/corpus/page-texts.jsonl. Without that file those rows are left out, and
 * `pageRowsMissing` says how many.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Domain, Intent, Location, Urgency } from '../../src/domain/classification';
import type { LabeledMention } from './metrics';

export type Split = 'train' | 'dev' | 'test';
export const SPLITS: readonly Split[] = ['train', 'dev', 'test'];

export const CORPUS_DIR = path.join(__dirname, '..', 'corpus');
export const TEXTS_FILE = path.join(__dirname, '..', '..', 'data', 'corpus', 'texts.jsonl');
export const PAGES_DIR = path.join(CORPUS_DIR, 'pages');
export const PAGE_TEXTS_FILE = path.join(__dirname, '..', '..', 'data', 'corpus', 'page-texts.jsonl');

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

interface RebuiltText {
  id: string;
  source: string;
  text: string;
}

/** Every labelled text with its split; throws with a hint when the texts were not rebuilt. */
export function readLabelledCorpus(opts: { texts?: string; pageTexts?: string; dir?: string } = {}): CorpusRow[] {
  const textsFile = opts.texts ?? TEXTS_FILE;
  if (!fs.existsSync(textsFile)) {
    throw new Error(`${textsFile} is missing: fetch the corpus repositories and run \`npm run corpus:rebuild\` (classifiers/corpus/README.md)`);
  }
  const dir = opts.dir ?? CORPUS_DIR;
  const splits = readSplits(dir);
  const rows = labelledRows(readJsonLines<RebuiltText>(textsFile), path.join(dir, 'labels.jsonl'), splits, 'all');
  const pageLabels = path.join(dir, 'pages', 'labels.jsonl');
  const pageTextsFile = opts.pageTexts ?? PAGE_TEXTS_FILE;
  if (fs.existsSync(pageLabels) && fs.existsSync(pageTextsFile)) {
    rows.push(...labelledRows(readJsonLines<RebuiltText>(pageTextsFile), pageLabels, splits, 'supplied'));
  }
  return rows;
}

/** Labelled page texts left out because their texts were not supplied (0 when all are there). */
export function pageRowsMissing(opts: { pageTexts?: string; dir?: string } = {}): number {
  const pageLabels = path.join(opts.dir ?? CORPUS_DIR, 'pages', 'labels.jsonl');
  if (!fs.existsSync(pageLabels)) return 0;
  const labelled = readJsonLines<LabelLine>(pageLabels).map((l) => l.id);
  const file = opts.pageTexts ?? PAGE_TEXTS_FILE;
  const supplied = fs.existsSync(file) ? new Set(readJsonLines<RebuiltText>(file).map((t) => t.id)) : new Set<string>();
  return labelled.filter((id) => !supplied.has(id)).length;
}

/** `need`: 'all' = every label must have its text; 'supplied' = labels without a text are skipped. */
function labelledRows(texts: RebuiltText[], labelsFile: string, splits: Map<string, Split>, need: 'all' | 'supplied'): CorpusRow[] {
  const byId = new Map(texts.map((t) => [t.id, t]));
  const rows: CorpusRow[] = [];
  for (const label of readJsonLines<LabelLine>(labelsFile)) {
    const t = byId.get(label.id);
    if (!t) {
      if (need === 'supplied') continue;
      throw new Error(`label ${label.id} has no rebuilt text`);
    }
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
