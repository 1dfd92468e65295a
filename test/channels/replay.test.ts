import fs from 'node:fs';
import path from 'node:path';
import { ReplayChannel } from '../../channels/replay';
import type { PollContext } from '../../src/domain';
import { memoryLogger } from '../support/silent-log';
import { makeTempDir } from '../support/temp-dir';

function line(i: number, extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    externalId: `r-${i}`,
    text: `نص رقم ${i}`,
    minutesAgo: i,
    author: { id: `a${i}`, handle: `h${i}` },
    ...extra,
  });
}

function setup(lines: string[], batchSize = 3) {
  const tmp = makeTempDir();
  const file = path.join(tmp.dir, 'm.jsonl');
  fs.writeFileSync(file, lines.join('\n') + '\n');
  const { log, lines: logged } = memoryLogger();
  const now = new Date('2026-11-30T12:00:00.000Z');
  const ctx: PollContext = { kv: { get: async () => undefined, set: async () => undefined }, log, now: () => now };
  const channel = new ReplayChannel({ file, batchSize, sentFile: path.join(tmp.dir, 'sent.jsonl') });
  return { channel, ctx, logged, tmp, file, now };
}

describe('ReplayChannel', () => {
  it('delivers the file in order, one batch per poll, with the line offset as cursor', async () => {
    const { channel, ctx } = setup(Array.from({ length: 7 }, (_, i) => line(i)));
    const ids: string[] = [];
    let cursor: string | null = null;
    let polls = 0;
    for (;;) {
      const r = await channel.poll(cursor, ctx);
      polls++;
      ids.push(...r.mentions.map((m) => m.externalId));
      cursor = r.cursor;
      if (!r.hasMore) break;
    }
    expect(ids).toEqual(['r-0', 'r-1', 'r-2', 'r-3', 'r-4', 'r-5', 'r-6']);
    expect(polls).toBe(3);
    expect(JSON.parse(cursor as string).line).toBe(7);
    const again = await channel.poll(cursor, ctx);
    expect(again.mentions).toEqual([]);
    expect(again.hasMore).toBe(false);
  });

  it('reads another file from its first line, not from the position saved for the last one (the demo before an import)', async () => {
    const { channel, ctx, logged, file } = setup(Array.from({ length: 8 }, (_, i) => line(i)), 100);
    const done = await channel.poll(null, ctx);
    expect(done.mentions).toHaveLength(8);
    // Same data folder, a new file in its place: longer than the old one, and shorter.
    fs.writeFileSync(file, Array.from({ length: 20 }, (_, i) => line(100 + i)).join('\n') + '\n');
    const longer = await channel.poll(done.cursor, ctx);
    expect(longer.mentions.map((m) => m.externalId)).toEqual(Array.from({ length: 20 }, (_, i) => `r-${100 + i}`));
    expect(longer.skipped).toEqual([]);
    expect(logged().some((l) => String(l.msg).includes('saved for another file'))).toBe(true);
    fs.writeFileSync(file, [line(200), line(201)].join('\n') + '\n');
    expect((await channel.poll(longer.cursor, ctx)).mentions.map((m) => m.externalId)).toEqual(['r-200', 'r-201']);
  });

  it('continues an appended file where it was, and a cursor saved before fingerprints while it fits the file', async () => {
    const { channel, ctx, file } = setup([line(1), line(2)], 100);
    const first = await channel.poll(null, ctx);
    fs.appendFileSync(file, line(3) + '\n');
    expect((await channel.poll(first.cursor, ctx)).mentions.map((m) => m.externalId)).toEqual(['r-3']);
    const { line: l, byte } = JSON.parse(first.cursor as string);
    expect((await channel.poll(JSON.stringify({ line: l, byte }), ctx)).mentions.map((m) => m.externalId)).toEqual(['r-3']);
    expect((await channel.poll(JSON.stringify({ line: 500, byte: 10_000_000 }), ctx)).mentions.map((m) => m.externalId)).toEqual(['r-1', 'r-2', 'r-3']);
  });

  it('places minutesAgo relative to the moment of replay and keeps absolute times as given', async () => {
    const { channel, ctx } = setup([line(1, { minutesAgo: 90 }), line(2, { minutesAgo: undefined, createdAt: '2026-11-01T05:00:00+03:00' })]);
    const r = await channel.poll(null, ctx);
    expect(r.mentions[0].createdAt).toBe('2026-11-30T10:30:00.000Z');
    expect(r.mentions[1].createdAt).toBe('2026-11-01T02:00:00.000Z');
  });

  it('skips a malformed line, logs its line number, and delivers the rest', async () => {
    const { channel, ctx, logged } = setup([line(1), '{not json', line(3), JSON.stringify({ text: 'no id' }), line(5)], 10);
    const r = await channel.poll(null, ctx);
    expect(r.mentions.map((m) => m.externalId)).toEqual(['r-1', 'r-3', 'r-5']);
    expect(r.skipped?.map((s) => s.reason)).toEqual([expect.stringMatching(/^line 2: not valid JSON/), expect.stringMatching(/^line 4: /)]);
    const warnings = logged().filter((l) => l.level === 40);
    expect(warnings.map((w) => w.line)).toEqual([2, 4]);
  });

  it('keeps the first of two lines with one externalId and says which line repeated which', async () => {
    const { channel, ctx } = setup([line(1, { text: 'حفرة كبيرة في شارع 45' }), line(2), line(1, { text: 'duplicate id of line 1' }), line(4)], 10);
    const r = await channel.poll(null, ctx);
    expect(r.mentions.map((m) => [m.externalId, m.text])).toEqual([
      ['r-1', 'حفرة كبيرة في شارع 45'],
      ['r-2', 'نص رقم 2'],
      ['r-4', 'نص رقم 4'],
    ]);
    expect(r.skipped?.map((s) => s.reason)).toEqual(['line 3: externalId "r-1" repeats line 1']);
  });

  it('refuses a network the console does not know, naming the ones it takes', async () => {
    const { channel, ctx } = setup([line(1, { channel: 'tiktok' }), line(2, { channel: 'instagram' })], 10);
    const r = await channel.poll(null, ctx);
    expect(r.mentions.map((m) => [m.externalId, m.network])).toEqual([['r-2', 'instagram']]);
    expect(r.skipped?.map((s) => s.reason)).toEqual(['line 1: channel: must be x, instagram, rss or replay']);
  });

  it('keeps the count and the last reasons of skipped lines with the position, for the channels page; a new file starts afresh', async () => {
    const bad = (i: number) => `{bad ${i}`;
    const { channel, ctx, file } = setup([line(1), bad(2), line(3), bad(4), bad(5), line(6), bad(7), bad(8), bad(9), bad(10), line(11)], 4);
    let cursor: string | null = null;
    const infos: Record<string, unknown>[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await channel.poll(cursor, ctx);
      cursor = r.cursor;
      infos.push(r.info ?? {});
    }
    expect(infos.map((x) => x.skipped)).toEqual([2, 5, 7]);
    // As parts (the console says them in its language), the last five only.
    expect(infos[2].lastSkipped).toEqual([5, 7, 8, 9, 10].map((n) => ({ line: n, problem: 'json' })));
    expect(JSON.parse(cursor as unknown as string)).toMatchObject({ line: 11, skipped: 7 });
    // Another file in its place: nothing skipped there yet.
    fs.writeFileSync(file, [line(20), line(21)].join('\n') + '\n');
    const fresh = await channel.poll(cursor, ctx);
    expect(fresh.info).toEqual({ line: 2, file: 'm.jsonl' });
  });

  it('drops the sentences a cursor saved before the reasons had parts, keeping its count', async () => {
    const { channel, ctx } = setup([line(1), '{bad 2', line(3)], 10);
    const first = await channel.poll(null, ctx);
    const saved = { ...JSON.parse(first.cursor as string), line: 1, skipped: 3, lastSkipped: ['line 9: not valid JSON'] };
    const saved2 = JSON.stringify({ ...saved, byte: Buffer.byteLength(line(1) + '\n') });
    const r = await channel.poll(saved2, ctx);
    expect(r.info).toMatchObject({ skipped: 4, lastSkipped: [{ line: 2, problem: 'json' }] });
  });

  it('reads a last line that has no trailing newline', async () => {
    const { channel, ctx, file } = setup([line(1)]);
    fs.appendFileSync(file, line(2));
    const r = await channel.poll(null, ctx);
    expect(r.mentions.map((m) => m.externalId)).toEqual(['r-1', 'r-2']);
  });

  it('stores a news line\'s title before its text, as the RSS channel does', async () => {
    const { channel, ctx } = setup([line(1, { kind: 'news', channel: 'rss', title: 'عنوان الخبر', text: 'نص الخبر' })]);
    const r = await channel.poll(null, ctx);
    expect(r.mentions[0]).toMatchObject({ title: 'عنوان الخبر', text: 'عنوان الخبر\nنص الخبر' });
  });

  it('marks news items as not replyable and records replies in the sent file', async () => {
    const { channel, ctx, tmp } = setup([line(1, { kind: 'news', channel: 'rss', title: 'عنوان' })]);
    const r = await channel.poll(null, ctx);
    expect(r.mentions[0]).toMatchObject({ replyable: false, network: 'rss', title: 'عنوان' });
    const sent = await channel.reply!({ externalId: 'r-1' }, 'شكراً لتواصلك', 'key-1');
    expect(sent.externalId).toBe('replay-reply-key-1');
    const recorded = fs.readFileSync(path.join(tmp.dir, 'sent.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(recorded).toEqual([expect.objectContaining({ inReplyTo: 'r-1', idempotencyKey: 'key-1', text: 'شكراً لتواصلك' })]);
  });
});
