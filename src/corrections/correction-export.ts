/**
 * The corrected mentions as training examples: one JSON object per line, in correction order.
 * The training script reads these lines, so their shape is a contract: change it with that script.
 */
import type { Mention } from '../domain';
import type { CorrectionStore } from './store/correction-store';

export interface CorrectionExample {
  mentionId: string;
  text: string;
  /** roads, drainage, buildings, or none. */
  domain: string;
  intent: string;
  /** User id of the person who corrected it. */
  correctedBy: string;
  correctedAt: string;
  /** The network the post lives on (x, instagram, rss): the language of a tweet differs from a news item's. */
  channel: string;
  lang: string | null;
}

/** Page size of the store reads: bounded memory whatever the number of corrections. */
const PAGE = 500;

export function toExample(m: Mention): CorrectionExample | null {
  const c = m.classification;
  if (!c.correction) return null;
  return {
    mentionId: m.id,
    text: m.text,
    domain: c.primaryDomain ?? 'none',
    intent: c.intent,
    correctedBy: c.correction.by,
    correctedAt: c.correction.at,
    channel: m.network,
    lang: m.lang ?? null,
  };
}

/** Every corrected mention (made at or after `since`), page by page. */
export async function* correctionExamples(store: Pick<CorrectionStore, 'listCorrectedMentions'>, since?: string): AsyncGenerator<CorrectionExample> {
  let cursor: string | undefined;
  do {
    const page = await store.listCorrectedMentions({ since, limit: PAGE, cursor });
    for (const m of page.items) {
      const example = toExample(m);
      if (example) yield example;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
