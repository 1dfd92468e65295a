/**
 * Tokenizes texts one space-separated chunk at a time, each distinct chunk once: a week's sampled
 * posts reuse a small vocabulary, so a cache of chunks turns thousands of normalizations into a
 * few hundred and a map lookup per word.
 *
 * Sound because the normalizer (classifiers/normalize.ts) never carries anything across a unit of
 * category Space: such a unit ends the current token and a URL skip, and starts the next token
 * afresh; the normalized output only gains a separating space there. So the tokens of a text are
 * its chunks' tokens in order, and each token's original span lies inside its chunk.
 */
import { Cat, charTables } from '../char-table';

/** The kept tokens of one chunk and the original spelling of each (same index). */
export interface ChunkTokens {
  terms: string[];
  surfaces: string[];
}

const { cat: CAT } = charTables();
const SPACE = Cat.Space;

export class ChunkTokenizer {
  private readonly cache = new Map<string, ChunkTokens>();
  /** Occurrences of each chunk in the texts tokenized with `counted`. */
  private readonly counts = new Map<ChunkTokens, number>();

  constructor(private readonly tokenize: (chunk: string) => ChunkTokens) {}

  /** The text's kept tokens, in order; with `counted`, its chunks count towards occurrences(). */
  terms(text: string, counted: boolean): string[] {
    const out: string[] = [];
    this.eachChunk(text, (tokens) => {
      for (const t of tokens.terms) out.push(t);
      if (counted && tokens.terms.length) this.counts.set(tokens, (this.counts.get(tokens) ?? 0) + 1);
    });
    return out;
  }

  /** The text's kept tokens with their original spellings, in order (nothing counted). */
  tokens(text: string): ChunkTokens {
    const out: ChunkTokens = { terms: [], surfaces: [] };
    this.eachChunk(text, (tokens) => {
      for (const t of tokens.terms) out.terms.push(t);
      for (const s of tokens.surfaces) out.surfaces.push(s);
    });
    return out;
  }

  private eachChunk(text: string, visit: (tokens: ChunkTokens) => void): void {
    const n = text.length;
    let start = 0;
    for (let i = 0; i <= n; i++) {
      if (i < n && CAT[text.charCodeAt(i)] !== SPACE) continue;
      if (i > start) visit(this.chunk(text.slice(start, i)));
      start = i + 1;
    }
  }

  /** Each distinct chunk of the counted texts with how often it occurred. */
  occurrences(): IterableIterator<[ChunkTokens, number]> {
    return this.counts.entries();
  }

  private chunk(chunk: string): ChunkTokens {
    let tokens = this.cache.get(chunk);
    if (!tokens) this.cache.set(chunk, (tokens = this.tokenize(chunk)));
    return tokens;
  }
}
