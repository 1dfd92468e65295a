/**
 * Texts quoted from web pages (classifiers/corpus/pages/): a page is no git snapshot, so its
 * pointer is the page's URL and the SHA-1 of the text, and the texts come from a file the user
 * supplies (JSON lines with a `text` field, e.g. copies kept when the pages were read). Each
 * pointer takes the supplied text with its SHA-1; the texts go to data/corpus/page-texts.jsonl
 * as {id, source, text}.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sha1Hex } from './sha1';

export interface PagePointer {
  id: string;
  source: string;
  url: string;
  sha1: string;
}

export interface PageRebuild {
  written: number;
  /** Pointers whose text is not in the supplied file. */
  missing: PagePointer[];
  /** Lines of the supplied file that are not JSON with a string `text` (1-based line numbers). */
  badLines: number[];
}

export function rebuildPageTexts(pointers: PagePointer[], suppliedFile: string, outFile: string): PageRebuild {
  const bySha1 = new Map<string, string>();
  const badLines: number[] = [];
  fs.readFileSync(suppliedFile, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        const text = (JSON.parse(line) as { text?: unknown }).text;
        if (typeof text !== 'string') throw new Error('no text');
        bySha1.set(sha1Hex(text), text);
      } catch {
        badLines.push(i + 1);
      }
    });
  const texts: { id: string; source: string; text: string }[] = [];
  const missing: PagePointer[] = [];
  for (const p of pointers) {
    const text = bySha1.get(p.sha1);
    if (text === undefined) missing.push(p);
    else texts.push({ id: p.id, source: p.source, text });
  }
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, texts.map((t) => JSON.stringify(t) + '\n').join(''));
  return { written: texts.length, missing, badLines };
}
