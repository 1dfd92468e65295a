/**
 * Reads and validates the classifier's data files (lexicons, markers, gazetteer), synchronously
 * and once, so a malformed file fails at start-up with the file name and the offending path.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DOMAINS, type Domain } from '../src/domain/classification';
import { loadGazetteer, type Gazetteer } from './gazetteer-files';

const TermGroup = z.object({
  label: z.string().optional(),
  /** Score each term adds; multi-word terms get PHRASE_BOOST times this unless phraseWeight is set. */
  weight: z.number().positive(),
  phraseWeight: z.number().positive().optional(),
  /** The term names a defect (pothole, overflow, crack): evidence of a complaint. */
  problem: z.boolean().optional(),
  terms: z.array(z.string().min(1)).min(1),
});
export type TermGroup = z.infer<typeof TermGroup>;

const DomainLexicon = z.object({
  domain: z.string(),
  description: z.string().optional(),
  groups: z.array(TermGroup).min(1),
  /** Figurative phrases: they consume their words so none of them counts for the domain. */
  figurative: z.array(z.string().min(1)).default([]),
});
export type DomainLexicon = z.infer<typeof DomainLexicon> & { domain: Domain };

const IntentMarkers = z.object({
  description: z.string().optional(),
  intents: z.object({
    complaint: z.array(TermGroup),
    inquiry: z.array(TermGroup),
    suggestion: z.array(TermGroup),
    praise: z.array(TermGroup),
  }),
  /** A plea («نرجو», «الرجاء»): a complaint's demand after a reported defect, else a suggestion. */
  plea: z.object({ description: z.string().optional(), weight: z.number().positive(), terms: z.array(z.string().min(1)) }),
  /** Words saying a problem was fixed: a thank-you that mentions the defect stays praise. */
  resolution: z.array(z.string().min(1)),
  /** Announcement wording (بدء أعمال، اعتبارا من، مناقصة): a domain post without cues is news, not a complaint. */
  news: z.array(z.string().min(1)).default([]),
});
export type IntentMarkers = z.infer<typeof IntentMarkers>;

const UrgencyMarkers = z.object({
  description: z.string().optional(),
  levels: z.object({ high: z.array(TermGroup) }),
});
export type UrgencyMarkers = z.infer<typeof UrgencyMarkers>;

const SentimentMarkers = z.object({
  description: z.string().optional(),
  positive: z.array(z.string().min(1)),
  negative: z.array(z.string().min(1)),
  emoji: z.object({ positive: z.array(z.string().min(1)), negative: z.array(z.string().min(1)) }),
});
export type SentimentMarkers = z.infer<typeof SentimentMarkers>;

const ContextMarkers = z.object({
  description: z.string().optional(),
  ministry: z.array(TermGroup),
  offtopic: z.array(TermGroup.extend({ topic: z.string() })),
  neutral: z.array(z.string().min(1)),
});
export type ContextMarkers = z.infer<typeof ContextMarkers>;

export type { Gazetteer } from './gazetteer-files';

export interface ClassifierData {
  lexicons: DomainLexicon[];
  intent: IntentMarkers;
  urgency: UrgencyMarkers;
  sentiment: SentimentMarkers;
  context: ContextMarkers;
  gazetteer: Gazetteer;
}

/** Folder holding lexicons/, markers/ and gazetteer/ (this module's own folder by default). */
/**
 * The data files sit beside this module; a compiled build (dist/classifiers) has no copies, so it
 * reads them from the source tree instead.
 */
export const DEFAULT_DATA_DIR = [__dirname, path.resolve(__dirname, '../../classifiers')].find((d) =>
  fs.existsSync(path.join(d, 'lexicons')),
) ?? __dirname;

function readJson<T>(file: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`classifier data file ${file} cannot be read: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`classifier data file ${file} is invalid: ${issues}`);
  }
  return parsed.data;
}

/** Loads every data file; one lexicon file per domain of DOMAINS (lexicons/<domain>.json). */
export function loadClassifierData(dir: string = DEFAULT_DATA_DIR): ClassifierData {
  const lexicons = DOMAINS.map((domain) => {
    const lex = readJson(path.join(dir, 'lexicons', `${domain}.json`), DomainLexicon);
    if (lex.domain !== domain) throw new Error(`lexicons/${domain}.json declares domain "${lex.domain}"`);
    return lex as DomainLexicon;
  });
  return {
    lexicons,
    intent: readJson(path.join(dir, 'markers', 'intent.json'), IntentMarkers),
    urgency: readJson(path.join(dir, 'markers', 'urgency.json'), UrgencyMarkers),
    sentiment: readJson(path.join(dir, 'markers', 'sentiment.json'), SentimentMarkers),
    context: readJson(path.join(dir, 'markers', 'context.json'), ContextMarkers),
    gazetteer: loadGazetteer(path.join(dir, 'gazetteer'), readJson),
  };
}
