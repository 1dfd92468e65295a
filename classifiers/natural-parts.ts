/**
 * The few parts of `natural` the classifier uses, required by path: the package's index pulls in
 * every module (half a second) and a dependency that prints to stdout, which would corrupt the
 * JSONL the classify CLI writes.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- natural ships no typings for its sub-paths */

export interface NaturalStemmer {
  stem(token: string): string;
  tokenizeAndStem(text: string, keepStops?: boolean): string[];
}

export interface NaturalBayesClassifier {
  addDocument(text: string | string[], label: string): void;
  train(): void;
  classify(observation: string | string[]): string;
  getClassifications(observation: string | string[]): { label: string; value: number }[];
  /** Tokens seen in training, in the order natural indexes its feature vector. */
  features: Record<string, number>;
  classifier: {
    classFeatures: Record<string, Record<string, number>>;
    classTotals: Record<string, number>;
    totalExamples: number;
    smoothing: number;
  };
}

type DistanceFn = (source: string, target: string, options?: { restricted?: boolean }) => number;

const distance = require('natural/lib/natural/distance/levenshtein_distance') as {
  DamerauLevenshteinDistance: DistanceFn;
};
const BayesCtor = require('natural/lib/natural/classifiers/bayes_classifier') as new (
  stemmer?: Pick<NaturalStemmer, 'tokenizeAndStem'>,
  smoothing?: number,
) => NaturalBayesClassifier;

export const PorterStemmer = require('natural/lib/natural/stemmers/porter_stemmer') as NaturalStemmer;
export const DamerauLevenshteinDistance: DistanceFn = distance.DamerauLevenshteinDistance;
export const BayesClassifier = BayesCtor;
