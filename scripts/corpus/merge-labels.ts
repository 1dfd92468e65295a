/**
 * npm run corpus:labels -- --a <labels…> --b <labels…> --key <packet-key.jsonl…> [--adjudicated <file>] [--dir <corpus dir>]
 * Joins two annotators' independent labels (packet ids mapped back to corpus ids), reports Cohen's
 * kappa per field, and writes:
 *  - classifiers/corpus/annotations/{a,b,adjudicated}.jsonl: each annotator's labels as given (no text, no notes);
 *  - classifiers/corpus/labels.jsonl: the label of every item both agree on for domain and intent,
 *    or the adjudicator's where they disagreed (items with neither are dropped, and counted);
 *  - classifiers/corpus/agreement.json: kappa and counts per field (and per batch of ids, kw-1 → kw,
 *    when the packets held several, so each batch's agreement stays on record).
 * --dir writes these into another corpus folder (classifiers/corpus/pages for the texts quoted from web pages).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseCli, runCli, UsageError } from '../cli-args';
import { CORPUS_DIR, readJsonLines } from '../../classifiers/eval/labelled-corpus';
import { cohensKappa } from '../../classifiers/eval/agreement';

interface Label {
  id: string;
  domain: string;
  intent: string;
  urgency: string | null;
  location: Record<string, string> | null;
  note?: string;
}

function readLabels(files: string[], key: Map<string, string>): Map<string, Label> {
  const out = new Map<string, Label>();
  for (const file of files) {
    for (const l of readJsonLines<Label>(file)) {
      const id = key.get(l.id);
      if (!id) throw new Error(`${file}: ${l.id} is not in the packet key`);
      out.set(id, { ...l, id });
    }
  }
  return out;
}

const USAGE = 'usage: npm run corpus:labels -- --a <files> --b <files> --key <packet-key.jsonl…> [--adjudicated <file>] [--dir <corpus dir>]';

function main(argv: string[]): void {
  const { values } = parseCli(argv, {
    a: { type: 'string', multiple: true },
    b: { type: 'string', multiple: true },
    key: { type: 'string', multiple: true },
    adjudicated: { type: 'string' },
    dir: { type: 'string' },
  });
  if (!values.a?.length || !values.b?.length || !values.key?.length) throw new UsageError('--a, --b and --key are required');
  const corpusDir = values.dir ?? CORPUS_DIR;
  const key = new Map(values.key.flatMap((file) => readJsonLines<{ id: string; corpusId: string }>(file).map((k) => [k.id, k.corpusId] as const)));
  const a = readLabels(values.a, key);
  const b = readLabels(values.b, key);
  const adjudicated = values.adjudicated ? readLabels([values.adjudicated], key) : new Map<string, Label>();
  const both = [...a.keys()].filter((id) => b.has(id)).sort(byCorpusId);

  const agreement: Agreement = { ...kappas(both, a, b), agreedOnDomainAndIntent: 0, adjudicated: 0, dropped: 0 };
  const batches = [...new Set(both.map(batchOf))];
  if (batches.length > 1) agreement.byBatch = Object.fromEntries(batches.map((batch) => [batch, kappas(both.filter((id) => batchOf(id) === batch), a, b)]));

  const labels: Label[] = [];
  for (const id of both) {
    const x = a.get(id)!;
    const y = b.get(id)!;
    if (x.domain === y.domain && x.intent === y.intent) {
      agreement.agreedOnDomainAndIntent++;
      const urgency = x.urgency === y.urgency ? x.urgency : (adjudicated.get(id)?.urgency ?? x.urgency);
      labels.push({ id, domain: x.domain, intent: x.intent, urgency: x.domain === 'none' ? null : urgency, location: x.location ?? y.location ?? null });
    } else if (adjudicated.has(id)) {
      agreement.adjudicated++;
      const z = adjudicated.get(id)!;
      labels.push({ id, domain: z.domain, intent: z.intent, urgency: z.domain === 'none' ? null : z.urgency, location: z.location ?? null });
    } else {
      agreement.dropped++;
    }
  }

  // Annotators' notes may quote the post: only labels are committed (no third-party text).
  const strip = (l: Label) => JSON.stringify({ id: l.id, domain: l.domain, intent: l.intent, urgency: l.urgency ?? null, location: l.location ?? null });
  const annotations = path.join(corpusDir, 'annotations');
  fs.mkdirSync(annotations, { recursive: true });
  fs.writeFileSync(path.join(annotations, 'a.jsonl'), both.map((id) => strip(a.get(id)!)).join('\n') + '\n');
  fs.writeFileSync(path.join(annotations, 'b.jsonl'), both.map((id) => strip(b.get(id)!)).join('\n') + '\n');
  if (adjudicated.size) fs.writeFileSync(path.join(annotations, 'adjudicated.jsonl'), [...adjudicated.values()].sort((p, q) => byCorpusId(p.id, q.id)).map(strip).join('\n') + '\n');
  fs.writeFileSync(path.join(corpusDir, 'labels.jsonl'), labels.map((l) => JSON.stringify({ id: l.id, domain: l.domain, intent: l.intent, urgency: l.urgency, location: l.location })).join('\n') + '\n');
  fs.writeFileSync(path.join(corpusDir, 'agreement.json'), `${JSON.stringify(agreement, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(agreement, null, 2)}\n${labels.length} labels written\n`);
}

type Kappas = ReturnType<typeof kappas>;
interface Agreement extends Kappas {
  agreedOnDomainAndIntent: number;
  adjudicated: number;
  dropped: number;
  byBatch?: Record<string, Kappas>;
}

/** Cohen's kappa per field over the given items, as the two annotators labelled them. */
function kappas(ids: string[], a: Map<string, Label>, b: Map<string, Label>) {
  const pair = (field: (l: Label) => string) => cohensKappa(ids.map((id) => field(a.get(id)!)), ids.map((id) => field(b.get(id)!)));
  const works = ids.filter((id) => a.get(id)!.domain !== 'none' && b.get(id)!.domain !== 'none');
  return {
    items: ids.length,
    domain: pair((l) => l.domain),
    intent: pair((l) => l.intent),
    worksComplaint: pair((l) => String(l.domain !== 'none' && l.intent === 'complaint')),
    urgencyOnWorksPosts: cohensKappa(works.map((id) => a.get(id)!.urgency ?? 'none'), works.map((id) => b.get(id)!.urgency ?? 'none')),
    locationArea: pair((l) => l.location?.area ?? ''),
  };
}

/** The batch an item came in: its id without the number (bh-12 → bh). */
function batchOf(id: string): string {
  return id.slice(0, id.lastIndexOf('-'));
}

/** source-n ids in source order, then by n. */
function byCorpusId(p: string, q: string): number {
  const [ps, pn] = [p.slice(0, p.lastIndexOf('-')), Number(p.slice(p.lastIndexOf('-') + 1))];
  const [qs, qn] = [q.slice(0, q.lastIndexOf('-')), Number(q.slice(q.lastIndexOf('-') + 1))];
  return ps === qs ? pn - qn : ps.localeCompare(qs);
}

if (require.main === module) runCli(USAGE, main);
