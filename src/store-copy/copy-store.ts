/**
 * Copies every kind of record from one store to another through the StoreTransfer port, in
 * batches, the same way for every source/target pair. Resumable: after each batch the position
 * is written to a checkpoint file, and a rerun with the same from/to continues there (imports are
 * idempotent, so a batch interrupted half-way is simply imported again). Refuses a non-empty
 * target unless forced, and verifies the record counts per kind at the end (also of records that
 * travel inside others, such as case history).
 */
import fs from 'node:fs';
import { COUNTED_KINDS, TRANSFER_KINDS, type CountedKind, type StoreTransfer, type TransferKind } from './transfer';

export interface CopyCheckpoint {
  /** Redacted descriptions of source and target, to tell checkpoints apart. */
  from: string;
  to: string;
  kinds: Partial<Record<TransferKind, { after: string | null; copied: number; done: boolean }>>;
}

export interface CopyOptions {
  source: StoreTransfer;
  target: StoreTransfer;
  from: string;
  to: string;
  /** Where progress is kept between runs; removed after a verified copy. */
  checkpointFile: string;
  batchSize?: number;
  /** Write into a target that already holds records (existing ones with the same key are replaced). */
  force?: boolean;
  onStart?(totals: Record<TransferKind, number>): void;
  onProgress?(kind: TransferKind, copied: number, total: number): void;
}

export interface KindReport {
  kind: CountedKind;
  source: number;
  target: number;
  ok: boolean;
}

export interface CopyReport {
  resumed: boolean;
  kinds: KindReport[];
  /** Source records no transfer kind covers yet: NOT copied (the copy is then not ok). */
  notCopied: { name: string; count: number }[];
  /** Source records derived from the others (counters, rollups): not copied, rebuilt by the target. */
  derived: { name: string; count: number }[];
  ok: boolean;
}

export class CopyRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CopyRefusedError';
  }
}

export async function copyStore(opts: CopyOptions): Promise<CopyReport> {
  const batchSize = opts.batchSize ?? 500;
  const checkpoint = readCheckpoint(opts);
  const resumed = checkpoint !== null;
  const cp: CopyCheckpoint = checkpoint ?? { from: opts.from, to: opts.to, kinds: {} };
  const totals = await countAll(opts.source);
  if (!resumed && !opts.force) {
    const inTarget = await countAll(opts.target);
    const nonEmpty = COUNTED_KINDS.filter((k) => inTarget[k] > 0);
    if (nonEmpty.length) {
      throw new CopyRefusedError(
        `the target already holds records (${nonEmpty.map((k) => `${k}: ${inTarget[k]}`).join(', ')}); ` +
          'copy into an empty store, or pass --force to write into it anyway',
      );
    }
  }
  opts.onStart?.(Object.fromEntries(TRANSFER_KINDS.map((k) => [k, totals[k]])) as Record<TransferKind, number>);
  for (const kind of TRANSFER_KINDS) {
    const state = (cp.kinds[kind] ??= { after: null, copied: 0, done: false });
    opts.onProgress?.(kind, state.copied, totals[kind]);
    while (!state.done) {
      const page = await opts.source.exportRecords(kind, state.after, batchSize);
      await opts.target.importRecords(kind, page.records);
      state.copied += page.records.length;
      state.after = page.after;
      state.done = page.after === null;
      writeCheckpoint(opts.checkpointFile, cp);
      opts.onProgress?.(kind, state.copied, totals[kind]);
    }
  }
  const inTarget = await countAll(opts.target);
  const kinds = COUNTED_KINDS.map((kind) => ({ kind, source: totals[kind], target: inTarget[kind], ok: totals[kind] === inTarget[kind] }));
  const notCopied = await opts.source.uncoveredRecords();
  const derived = await opts.source.derivedRecords();
  const ok = kinds.every((k) => k.ok) && notCopied.length === 0;
  if (kinds.every((k) => k.ok)) fs.rmSync(opts.checkpointFile, { force: true });
  return { resumed, kinds, notCopied, derived, ok };
}

async function countAll(store: StoreTransfer): Promise<Record<CountedKind, number>> {
  const counts = {} as Record<CountedKind, number>;
  for (const kind of COUNTED_KINDS) counts[kind] = await store.countRecords(kind);
  return counts;
}

function readCheckpoint(opts: CopyOptions): CopyCheckpoint | null {
  if (!fs.existsSync(opts.checkpointFile)) return null;
  const cp = JSON.parse(fs.readFileSync(opts.checkpointFile, 'utf8')) as CopyCheckpoint;
  if (cp.from !== opts.from || cp.to !== opts.to) {
    throw new CopyRefusedError(`checkpoint ${opts.checkpointFile} belongs to a copy from ${cp.from} to ${cp.to}; remove it or use another --checkpoint`);
  }
  return cp;
}

/** Written to a temporary file and renamed, so an interruption never leaves half a checkpoint. */
function writeCheckpoint(file: string, cp: CopyCheckpoint): void {
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(cp, null, 2));
  fs.renameSync(tmp, file);
}
