/**
 * What the classifier says about one text. Every tag carries the evidence that produced it, with
 * offsets into the ORIGINAL text (not the normalized one), so the console can highlight it.
 */
export type Domain = 'roads' | 'drainage' | 'buildings';
export const DOMAINS: readonly Domain[] = ['roads', 'drainage', 'buildings'];

export type Intent = 'complaint' | 'inquiry' | 'suggestion' | 'praise' | 'other';
export const INTENTS: readonly Intent[] = ['complaint', 'inquiry', 'suggestion', 'praise', 'other'];

export type Urgency = 'high' | 'medium' | 'low';
export const URGENCIES: readonly Urgency[] = ['high', 'medium', 'low'];

export type Sentiment = 'positive' | 'neutral' | 'negative';

/** A matched term and its span [start, end) in the original text (UTF-16 offsets). */
export interface Evidence {
  term: string;
  start: number;
  end: number;
}

export interface DomainTag {
  domain: Domain;
  score: number;
  evidence: Evidence[];
}

/**
 * How precise a location's coordinates are: the block's own centroid, the area's, the
 * governorate's, or a point the reporter gave (Open311 lat/long).
 */
export type LocationPrecision = 'point' | 'block' | 'area' | 'governorate';
export const LOCATION_PRECISIONS: readonly LocationPrecision[] = ['point', 'block', 'area', 'governorate'];

/** Bahrain address parts found in the text; every field optional. */
export interface Location {
  block?: string;
  road?: string;
  building?: string;
  /** Flat (شقة) number inside the building. */
  flat?: string;
  area?: string;
  governorate?: string;
  /** WGS84 coordinates of the most precise part the gazetteer locates (see precision). */
  lat?: number;
  long?: number;
  precision?: LocationPrecision;
  /** The address as a reporter typed it (Open311 address_string), kept verbatim. */
  address?: string;
}

/**
 * A person's correction of primaryDomain and intent (POST /api/mentions/:id/classification).
 * `from` keeps what the machine said, never overwritten by later corrections: the pair is a
 * labelled example for the next training, and the classifier's error is part of the label.
 */
export interface ClassificationCorrection {
  /** User id. */
  by: string;
  at: string;
  from: { domain: Domain | null; intent: Intent };
  note?: string;
}

export interface Classification {
  domains: DomainTag[];
  primaryDomain: Domain | null;
  intent: Intent;
  urgency: Urgency;
  sentiment: Sentiment;
  location: Location;
  relevant: boolean;
  /** 0..1: how sure the classifier is of primaryDomain and intent together. */
  confidence: number;
  /** Evidence for intent/urgency tags, so each tag can be explained. */
  intentEvidence?: Evidence[];
  urgencyEvidence?: Evidence[];
  /** The learned model that decided domain and intent (classifiers/model), when one was loaded. */
  modelVersion?: string;
  /** For a works complaint: the words that pushed the model most towards calling it one (beside the lexicon hits). */
  modelEvidence?: Evidence[];
  /** Set when a person corrected primaryDomain/intent; those fields then hold the corrected values. */
  correction?: ClassificationCorrection;
}

export interface ClassifyOptions {
  lang?: string;
}

/** Pure, deterministic, explainable: no I/O while classifying. */
export interface Classifier {
  classify(text: string, opts?: ClassifyOptions): Classification;
  /** The confidence at which a complaint should open a case by default (a learned model's, chosen on held-out text). */
  readonly captureThreshold?: number;
  /**
   * Optional: classify, and give the text as normalized for matching too (what the queue's `q`
   * search compares against, normalizeForSearch), so ingest does not normalize each text twice.
   */
  classifyWithNormalized?(text: string, opts?: ClassifyOptions): { classification: Classification; normalized: string };
}
