/**
 * A kill -9 in the middle of writing the demo's history leaves a reply written, or taken to
 * `sending` (which the next start marks `unknown`); the next run finishes it as sent, once,
 * where it used to leave a supervisor an «unknown» reply nobody wrote and the post waiting.
 */
import { playDemoActivity } from '../../src/demo/play-demo-activity';
import type { DemoActivity } from '../../src/demo/demo-activity';
import { createSqliteStores } from '../../src/stores/sqlite-stores';
import { buildClassified } from '../support/builders';
import { memoryLogger } from '../support/silent-log';

const NOW = new Date('2026-12-08T10:00:00.000Z');
const activity: DemoActivity = {
  users: [{ name: 'Huda', role: 'agent' }],
  items: [{ externalId: 'demo-1', reply: { by: 'Huda', text: 'نعتذر، الفريق في الطريق.', writtenAfter: 10, sentAfter: 12 } }],
};

it.each(['awaiting_approval', 'sending', 'unknown'] as const)('finishes a history reply cut off in state %s: sent once, its post answered', async (cutAt) => {
  const store = createSqliteStores(':memory:');
  const { inserted } = await store.mentions.ingestBatch('replay', [buildClassified({ externalId: 'demo-1', createdAt: '2026-12-08T08:00:00.000Z' })], null);
  const mention = inserted[0];
  const deps = { store, channel: 'replay', onReplySent: async () => undefined, log: memoryLogger().log, now: () => NOW };
  // What the interrupted run left: the reply written, maybe taken to sending, maybe marked unknown at the next start.
  const author = await store.users.createUser({ name: 'Huda', role: 'agent', tokenHash: 'h' });
  const { reply } = await store.replies.createReply({ mentionId: mention.id, text: 'نعتذر، الفريق في الطريق.', author: author.id, state: 'awaiting_approval', purpose: 'agent', dedupeKey: 'demo:demo-1' });
  if (cutAt !== 'awaiting_approval') await store.replies.transitionReply(reply.id, ['awaiting_approval'], { state: 'sending' });
  if (cutAt === 'unknown') await store.replies.markInterruptedSendsUnknown(NOW.toISOString());

  expect(await playDemoActivity(deps, activity)).toBe('played');
  const replies = (await store.replies.listReplies({ mentionId: mention.id, limit: 10 })).items;
  expect(replies.map((r) => [r.id, r.state, r.externalId])).toEqual([[reply.id, 'sent', 'demo-reply-demo-1']]);
  expect((await store.mentions.getMention(mention.id))?.status).toBe('replied');
  await store.close();
});
