/**
 * Entry point of the ingest writer thread (ingest-writer-thread.ts): opens its own connection to
 * the store's file (the main thread has applied the migrations already) and writes each batch it
 * is sent, one at a time, answering with the rows that were new or the error. When it falls idle
 * after a large ingest it checkpoints and truncates the WAL (wal-compaction.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { WriterReply, WriterRequest, WriterThreadData } from './ingest-writer-thread';
import { MentionBatchWriter } from './mention-batch-writer';
import { openConnection } from './open-database';
import { WalCompaction } from './wal-compaction';

const port = parentPort;
if (!port) throw new Error('ingest-writer-worker runs only as a worker thread');

const file = (workerData as WriterThreadData).file;
const db = openConnection(file);
const writer = new MentionBatchWriter(db);
const wal = new WalCompaction(db, file);
/** Batches that failed and may still have a successor queued behind them (see WriterRequest.after). */
const failed = new Set<number>();

port.on('message', (request: WriterRequest) => {
  if ('close' in request) {
    wal.stop();
    db.close();
    port.close();
    return;
  }
  let reply: WriterReply;
  const predecessorFailed = request.after !== undefined && failed.delete(request.after);
  if (predecessorFailed) {
    // Never commit a page after a failed earlier page of its channel: its cursor would skip that page.
    failed.add(request.id);
    reply = { id: request.id, error: { message: `not written: an earlier page of ${request.batch.channel} failed` } };
  } else {
    try {
      reply = { id: request.id, written: writer.write(request.batch) };
    } catch (err) {
      failed.add(request.id);
      const e = err as { message?: string; code?: unknown };
      reply = { id: request.id, error: { message: e.message ?? String(err), ...(typeof e.code === 'string' ? { code: e.code } : {}) } };
    }
  }
  port.postMessage(reply);
  wal.afterWrite();
});
