/**
 * The reply store's guarded approval, double-submit twin and count, on every adapter: SQLite, the
 * in-memory fake, and the MongoDB adapter on the in-memory driver stand-in (standalone and
 * replica set). The service's rule (approval-block.ts) is passed in, as the service passes it.
 */
import path from 'node:path';
import type { Stores } from '../../src/stores/stores';
import { createMemoryStores } from '../../src/stores/memory-stores';
import { createSqliteStores } from '../../src/stores/sqlite-stores';
import { approvalBlock } from '../../src/replies/approval-block';
import { buildClassified } from '../support/builders';
import { makeTempDir } from '../support/temp-dir';
import { inMemoryMongoStore } from '../store/mongodb/in-memory-store';

type Needs = Pick<Stores, 'replies' | 'queue' | 'mentions'>;

const adapters: [string, () => Promise<{ store: Needs; cleanup: () => Promise<void> }>][] = [
  [
    'sqlite',
    async () => {
      const tmp = makeTempDir('rasid-reply-approval-');
      const store = createSqliteStores(path.join(tmp.dir, 'rasid.db'), { ingestThread: false });
      return { store, cleanup: async () => (await store.close(), tmp.remove()) };
    },
  ],
  ['memory', async () => ({ store: createMemoryStores(), cleanup: async () => undefined })],
  ['mongodb in memory (standalone)', async () => ({ store: (await inMemoryMongoStore({ transactions: false })).store, cleanup: async () => undefined })],
  ['mongodb in memory (replica set)', async () => ({ store: (await inMemoryMongoStore({ transactions: true })).store, cleanup: async () => undefined })],
];

describe.each(adapters)('ReplyStore approval guard: %s', (_name, open) => {
  let store: Needs;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ store, cleanup } = await open()));
  afterEach(async () => cleanup());

  async function draft(text = 'شكرًا') {
    const m = (await store.mentions.ingestBatch('x', [buildClassified({}, {})], null)).inserted[0];
    const { reply } = await store.replies.createReply({ mentionId: m.id, text, author: 'trainee', state: 'awaiting_approval', purpose: 'agent', reuseWaitingTwin: true });
    return { m, reply };
  }

  it('approves a draft when nothing refuses it, once', async () => {
    const { reply } = await draft();
    const ok = await store.replies.approveReply(reply.id, 'sup', approvalBlock);
    expect(ok).toEqual({ reply: expect.objectContaining({ id: reply.id, state: 'queued', approvedBy: 'sup', idempotencyKey: reply.idempotencyKey }) });
    expect(await store.replies.approveReply(reply.id, 'sup', approvalBlock)).toBeNull();
  });

  it("refuses, without writing, a draft whose post is closed or has a person's reply on its way", async () => {
    const { m, reply } = await draft();
    const other = await store.replies.createReply({ mentionId: m.id, text: 'تم', author: 'agent', state: 'queued', purpose: 'agent' });
    expect(await store.replies.approveReply(reply.id, 'sup', approvalBlock)).toEqual({
      refused: { code: 'mention_already_answered', mentionId: m.id, replyId: other.reply.id, state: 'queued', author: 'agent' },
    });
    await store.replies.transitionReply(other.reply.id, ['queued'], { state: 'failed', error: 'gone' });
    await store.queue.setMentionStatus(m.id, 'duplicate');
    expect(await store.replies.approveReply(reply.id, 'sup', approvalBlock)).toEqual({ refused: { code: 'mention_closed', mentionId: m.id, status: 'duplicate' } });
    expect((await store.replies.getReply(reply.id))?.state).toBe('awaiting_approval');
  });

  it('queues one of two drafts of one post approved at the same moment, and refuses the other as already answered', async () => {
    const { m, reply: first } = await draft('الأول');
    const { reply: second } = await store.replies.createReply({ mentionId: m.id, text: 'الثاني', author: 'trainee2', state: 'awaiting_approval', purpose: 'agent' });
    const results = await Promise.all([store.replies.approveReply(first.id, 'sup1', approvalBlock), store.replies.approveReply(second.id, 'sup2', approvalBlock)]);
    const queued = results.filter((r) => r && 'reply' in r);
    const refused = results.filter((r) => r && 'refused' in r);
    expect(queued).toHaveLength(1);
    expect(refused).toEqual([{ refused: expect.objectContaining({ code: 'mention_already_answered', mentionId: m.id, state: 'queued' }) }]);
    expect(await store.replies.countReplies('queued')).toBe(1);
    expect(await store.replies.countReplies('awaiting_approval')).toBe(1);
  });

  it('returns the waiting twin of a double submit, and writes a new reply once the first is settled', async () => {
    const { m, reply } = await draft('نص واحد');
    const again = await store.replies.createReply({ mentionId: m.id, text: 'نص واحد', author: 'trainee', state: 'awaiting_approval', purpose: 'agent', reuseWaitingTwin: true });
    expect(again).toEqual({ reply, created: false });
    const otherAuthor = await store.replies.createReply({ mentionId: m.id, text: 'نص واحد', author: 'agent', state: 'queued', purpose: 'agent', reuseWaitingTwin: true });
    expect(otherAuthor.created).toBe(true);
    await store.replies.transitionReply(reply.id, ['awaiting_approval'], { state: 'rejected', error: 'tone' });
    const after = await store.replies.createReply({ mentionId: m.id, text: 'نص واحد', author: 'trainee', state: 'awaiting_approval', purpose: 'agent', reuseWaitingTwin: true });
    expect(after.created).toBe(true);
    expect(await store.replies.countReplies('awaiting_approval')).toBe(1);
    expect(await store.replies.countReplies('rejected')).toBe(1);
  });
});
