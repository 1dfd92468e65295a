/**
 * Entry point of the classifier package: createClassifier() loads the data files, compiles the
 * lexicons, trains the Bayes second opinion and loads the learned model, once, synchronously,
 * from files in this folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Classifier } from '../src/domain/classification';
import { DEFAULT_DATA_DIR, loadClassifierData, type ClassifierData } from './lexicon-files';
import { buildPhraseIndex } from './phrase-index';
import { KeywordClassifier } from './keyword-classifier';
import { BAYES_LABELS, BayesSecondOpinion, type BayesLabel, type TrainingExample } from './bayes-second-opinion';
import { LinearModel } from './model/linear-model';

/** The committed learned model (npm run train writes it). */
export const MODEL_FILE = path.join(__dirname, 'model', 'rasid-model.json');

export { normalize, normalizeForSearch, type NormalizedText } from './normalize';
export { lightStem, stemTokens } from './light-stemmer';
export { KeywordClassifier } from './keyword-classifier';
export { LinearModel } from './model/linear-model';

export interface CreateClassifierOptions {
  /** Folder with lexicons/, markers/, gazetteer/ and training/ (default: this folder). */
  dataDir?: string;
  /** Skip the learned second opinion (keywords only). */
  withoutSecondOpinion?: boolean;
  /** The learned model: a loaded model, a model file, or false for the lexicon rules alone. Default MODEL_FILE when it exists. */
  model?: LinearModel | string | false;
  /** Slots of the model's word cache (a power of two), or 0 to score every feature of every text. */
  wordCacheSlots?: number;
}

function loadModel(option: CreateClassifierOptions['model']): LinearModel | undefined {
  if (option === false) return undefined;
  if (option instanceof LinearModel) return option;
  if (typeof option === 'string') return LinearModel.fromFile(option);
  return fs.existsSync(MODEL_FILE) ? LinearModel.fromFile(MODEL_FILE) : undefined;
}

/** Seed posts (training/*.jsonl, `{text, domain}`) plus every lexicon term as a one-line document. */
export function trainingExamples(data: ClassifierData, dataDir: string = DEFAULT_DATA_DIR): TrainingExample[] {
  const examples: TrainingExample[] = [];
  const dir = path.join(dataDir, 'training');
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort() : [];
  for (const file of files) {
    const lines = fs.readFileSync(path.join(dir, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      const row = JSON.parse(line) as { text?: unknown; domain?: unknown };
      const label = (row.domain ?? 'none') as BayesLabel;
      if (typeof row.text !== 'string' || !BAYES_LABELS.includes(label)) {
        throw new Error(`training/${file}:${i + 1}: expected {text, domain}`);
      }
      examples.push({ text: row.text, label });
    });
  }
  for (const lex of data.lexicons) {
    for (const g of lex.groups) for (const term of g.terms) examples.push({ text: term, label: lex.domain });
    for (const term of lex.figurative) examples.push({ text: term, label: 'none' });
  }
  for (const g of data.context.offtopic) for (const term of g.terms) examples.push({ text: term, label: 'none' });
  return examples;
}

/** Builds a ready classifier (about a few hundred ms; build one and share it). */
export function createClassifier(opts: CreateClassifierOptions = {}): KeywordClassifier {
  const dataDir = opts.dataDir ?? DEFAULT_DATA_DIR;
  const data = loadClassifierData(dataDir);
  const index = buildPhraseIndex(data);
  const secondOpinion = opts.withoutSecondOpinion ? undefined : BayesSecondOpinion.train(trainingExamples(data, dataDir));
  return new KeywordClassifier({ index, secondOpinion, model: loadModel(opts.model), wordCacheSlots: opts.wordCacheSlots });
}
