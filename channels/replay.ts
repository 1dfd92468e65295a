/**
 * The replay channel: delivers mentions from a JSONL file in file order, one batch per poll.
 * It is the embedded default (bundled demo data, no credentials) and the load/crash-test source.
 *
 * Cursor: JSON `{ line, byte, first }`, the next line number (1-based count of lines consumed),
 * its byte offset, and a fingerprint of the file's first line, so a restart continues exactly
 * where the last committed batch ended, in that file. A position saved for another file (the demo
 * before an import, a file replaced by a new one) is not applied to this one: it is read from its
 * first line (posts already stored are known by their ids and not stored twice). Appending to the
 * file keeps its first line, so an appended file continues where it was.
 * Replies are appended to a JSONL "sent" file, which plays the remote side in demos and tests.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Channel, PollContext, PollResult, ReplyTarget, SentReply } from './channel';
import { Permanent, Transient } from '../src/domain/channel-errors';
import { issueWords } from '../src/http/validate';
import { isSkippedLine, skippedWords, type SkippedLine } from '../src/domain/skipped-line';

const LineSchema = z.object({
  externalId: z.union([z.string().min(1), z.number()]),
  /** The network shown in the console; defaults to "replay". */
  channel: z.enum(['x', 'instagram', 'rss', 'replay'], { message: 'must be x, instagram, rss or replay' }).optional(),
  text: z.string(),
  /** Absolute UTC time, or ... */
  createdAt: z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), { message: 'is not a date-time' })
    .optional(),
  /** ... minutes before the moment of replay (keeps demo data fresh). */
  minutesAgo: z.number().nonnegative().optional(),
  author: z.object({
    id: z.union([z.string(), z.number()]),
    handle: z.string(),
    name: z.string().optional(),
    followers: z.number().int().nonnegative().optional(),
    verified: z.boolean().optional(),
    location: z.string().optional(),
  }),
  lang: z.string().optional(),
  url: z.string().optional(),
  kind: z.enum(['post', 'comment', 'direct', 'news']).optional(),
  replyable: z.boolean().optional(),
  title: z.string().optional(),
  inReplyTo: z.string().optional(),
  conversationId: z.string().optional(),
  metrics: z
    .object({
      likes: z.number().optional(),
      replies: z.number().optional(),
      reposts: z.number().optional(),
      quotes: z.number().optional(),
      impressions: z.number().optional(),
    })
    .optional(),
});

export interface ReplayChannelOptions {
  /** Channel name used as the store key; default "replay". */
  name?: string;
  file: string;
  batchSize: number;
  /** Where replies are recorded (JSONL). Omit to make the channel read-only. */
  sentFile?: string;
}

interface ReplayCursor {
  line: number;
  byte: number;
  /** SHA-1 of the file's first line (or first 4 KB); absent in cursors saved before it existed. */
  first?: string;
  /** Lines of this file skipped so far, and why the last LAST_SKIPPED were (kept with the position: the channels page shows them). */
  skipped?: number;
  lastSkipped?: SkippedLine[];
}

/** How many skipped lines' reasons the cursor keeps. */
const LAST_SKIPPED = 5;

/** How much of the file the fingerprint reads at most (a first line longer than this is cut). */
const FINGERPRINT_BYTES = 4096;

const CHUNK = 1 << 20;

export class ReplayChannel implements Channel {
  readonly name: string;

  constructor(private readonly opts: ReplayChannelOptions) {
    this.name = opts.name ?? 'replay';
    if (opts.sentFile) {
      this.reply = this.recordReply.bind(this);
      this.findReply = this.lookUpReply.bind(this);
    }
  }

  reply?: (target: ReplyTarget, text: string, idempotencyKey: string) => Promise<SentReply>;
  findReply?: (target: ReplyTarget, text: string, since: Date) => Promise<SentReply | null>;

  async poll(cursorText: string | null, ctx: PollContext): Promise<PollResult> {
    const saved = parseCursor(cursorText);
    const { lines, next, eof, cursor } = this.readLines(saved);
    if (cursor !== saved) {
      ctx.log.warn({ channel: this.name, savedLine: saved.line }, `the replay position was saved for another file: reading ${this.opts.file} from its first line`);
    }
    const now = ctx.now();
    const mentions: PollResult['mentions'] = [];
    const skippedLines: SkippedLine[] = [];
    const skip = (why: SkippedLine) => {
      ctx.log.warn({ channel: this.name, line: why.line, reason: skippedWords(why) }, `skipped line ${why.line} of replay file`);
      skippedLines.push(why);
    };
    // The line each id was first read on in this batch: a repeat is skipped and said (the first
    // stands, as a repeat in a later batch is known to the store and not stored again).
    const firstLineOf = new Map<string, number>();
    lines.forEach((text, i) => {
      const lineNo = cursor.line + i + 1;
      if (text.trim() === '') return;
      const parsed = parseLine(text);
      if (!parsed.ok) return skip({ line: lineNo, ...parsed.why });
      const l = parsed.value;
      const externalId = String(l.externalId);
      const first = firstLineOf.get(externalId);
      if (first !== undefined) return skip({ line: lineNo, problem: 'repeat', id: externalId, firstLine: first });
      firstLineOf.set(externalId, lineNo);
      const createdAt = l.createdAt
        ? new Date(l.createdAt).toISOString()
        : new Date(now.getTime() - (l.minutesAgo ?? 0) * 60_000).toISOString();
      mentions.push({
        externalId,
        network: l.channel,
        url: l.url,
        author: { ...l.author, id: String(l.author.id) },
        // A title is stored as the RSS channel stores it, before the text: the classifier reads
        // exactly the stored text, so the title's words count once and spans index that text.
        text: l.title && !l.text.startsWith(l.title) ? `${l.title}\n${l.text}` : l.text,
        lang: l.lang,
        createdAt,
        inReplyTo: l.inReplyTo,
        conversationId: l.conversationId,
        metrics: l.metrics,
        kind: l.kind,
        replyable: l.replyable ?? l.kind !== 'news',
        title: l.title,
        sources: ['replay'],
      });
    });
    // What this file has had skipped so far goes with the position (a new file starts afresh).
    const skipped = skippedLines.map((s) => ({ reason: skippedWords(s) }));
    const skippedSoFar = (cursor.skipped ?? 0) + skipped.length;
    const lastSkipped = [...(cursor.lastSkipped ?? []), ...skippedLines].slice(-LAST_SKIPPED);
    if (skippedSoFar) Object.assign(next, { skipped: skippedSoFar, lastSkipped });
    const info = { line: next.line, file: path.basename(this.opts.file), ...(skippedSoFar ? { skipped: skippedSoFar, lastSkipped } : {}) };
    return { mentions, skipped, cursor: JSON.stringify(next), hasMore: !eof, info };
  }

  /**
   * Reads up to batchSize complete lines starting at the cursor's byte offset; `cursor` is the one
   * it read from: the saved one, or the file's start when the saved one belongs to another file.
   */
  private readLines(saved: ReplayCursor): { lines: string[]; next: ReplayCursor; eof: boolean; cursor: ReplayCursor } {
    let fd: number;
    try {
      fd = fs.openSync(this.opts.file, 'r');
    } catch (err) {
      throw new Transient(`cannot open replay file ${this.opts.file}: ${(err as Error).message}`, this.name);
    }
    try {
      const size = fs.fstatSync(fd).size;
      const first = fingerprint(fd, size);
      // A cursor from before fingerprints is trusted while it fits in the file.
      const elsewhere = saved.first !== undefined ? saved.first !== first : saved.byte > size;
      const cursor = elsewhere ? { line: 0, byte: 0 } : saved;
      const lines: string[] = [];
      let byte = cursor.byte;
      let pending = Buffer.alloc(0);
      while (lines.length < this.opts.batchSize && byte + pending.length < size) {
        const buf = Buffer.allocUnsafe(Math.min(CHUNK, size - byte - pending.length)); // filled by readSync
        const read = fs.readSync(fd, buf, 0, buf.length, byte + pending.length);
        pending = Buffer.concat([pending, buf.subarray(0, read)]);
        let start = 0;
        let nl: number;
        while (lines.length < this.opts.batchSize && (nl = pending.indexOf(10, start)) !== -1) {
          lines.push(pending.toString('utf8', start, nl));
          start = nl + 1;
        }
        byte += start;
        pending = pending.subarray(start);
        if (lines.length >= this.opts.batchSize) break;
      }
      // A last line without a trailing newline still counts once the whole file has been read.
      if (lines.length < this.opts.batchSize && pending.length > 0 && byte + pending.length >= size) {
        lines.push(pending.toString('utf8'));
        byte += pending.length;
      }
      return { lines, next: { line: cursor.line + lines.length, byte, first }, eof: byte >= size, cursor };
    } finally {
      fs.closeSync(fd);
    }
  }

  private async recordReply(target: ReplyTarget, text: string, idempotencyKey: string): Promise<SentReply> {
    if (!text.trim()) throw new Permanent('empty reply', 'empty');
    const externalId = `replay-reply-${idempotencyKey}`;
    const line = JSON.stringify({ at: new Date().toISOString(), inReplyTo: target.externalId, text, idempotencyKey, externalId });
    fs.appendFileSync(this.opts.sentFile as string, line + '\n');
    return { externalId };
  }

  /** A reply recorded in the sent file to this item with this text since `since` (the remote's own record). */
  private async lookUpReply(target: ReplyTarget, text: string, since: Date): Promise<SentReply | null> {
    let lines: string[];
    try {
      lines = fs.readFileSync(this.opts.sentFile as string, 'utf8').split('\n');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new Transient(`cannot read ${this.opts.sentFile}: ${(err as Error).message}`, this.name);
    }
    for (const raw of lines) {
      let sent: { at: string; inReplyTo: string; text: string; externalId: string };
      try {
        sent = JSON.parse(raw);
      } catch {
        continue; // blank, or the torn last line of a crash while appending
      }
      if (sent.inReplyTo === target.externalId && sent.text === text && Date.parse(sent.at) >= since.getTime()) return { externalId: sent.externalId };
    }
    return null;
  }
}

function parseCursor(text: string | null): ReplayCursor {
  if (!text) return { line: 0, byte: 0 };
  const c = JSON.parse(text) as Partial<ReplayCursor>;
  const cursor: ReplayCursor = { line: Number(c.line) || 0, byte: Number(c.byte) || 0 };
  if (typeof c.first === 'string') cursor.first = c.first;
  if (Number(c.skipped) > 0) cursor.skipped = Number(c.skipped);
  // A cursor saved before the reasons had parts holds sentences: those are not carried on.
  if (Array.isArray(c.lastSkipped)) cursor.lastSkipped = c.lastSkipped.filter(isSkippedLine).slice(-LAST_SKIPPED);
  return cursor;
}

/** SHA-1 of the file's first line, newline included (at most FINGERPRINT_BYTES): what identifies it. */
function fingerprint(fd: number, size: number): string {
  const head = Buffer.alloc(Math.min(FINGERPRINT_BYTES, size));
  const read = fs.readSync(fd, head, 0, head.length, 0);
  const nl = head.subarray(0, read).indexOf(10);
  return createHash('sha1').update(head.subarray(0, nl === -1 ? read : nl + 1)).digest('hex');
}

type LineProblem = { problem: 'json' } | { problem: 'field'; field: string; missing: boolean; detail: string };
type ParsedLine = { ok: true; value: z.infer<typeof LineSchema> } | { ok: false; why: LineProblem };

function parseLine(text: string): ParsedLine {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, why: { problem: 'json' } };
  }
  const r = LineSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    const detail = issueWords(issue, json);
    return { ok: false, why: { problem: 'field', field: issue.path.join('.') || 'line', missing: detail === 'required', detail } };
  }
  return { ok: true, value: r.data };
}

export function createReplayChannel(opts: ReplayChannelOptions): ReplayChannel {
  return new ReplayChannel(opts);
}
