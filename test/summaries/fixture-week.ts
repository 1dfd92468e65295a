/**
 * A hand-made week for the report tests, written through the store port: ISO week 2026-W48, i.e.
 * Sunday 22 Nov 2026 00:00 to Saturday 28 Nov 24:00 Bahrain time (21 Nov 21:00 UTC to 28 Nov
 * 21:00 UTC), and its previous week. The expected figures are computed by hand in
 * weekly-summary.test.ts from the comments below.
 */
import type { ClassifiedMention, Mention } from '../../src/domain';
import { buildClassified } from '../support/builders';
import type { Stores } from '../../src/stores/stores';

type MentionSpec = {
  at: string;
  net: string;
  author: string;
  status?: ClassifiedMention['status'];
  text?: string;
  likes?: number;
  replyable?: boolean;
} & Partial<ClassifiedMention['classification']>;

async function addMention(store: Stores, s: MentionSpec): Promise<Mention> {
  const { at, net, author, status = 'needs_reply', text, likes = 0, replyable = true, ...c } = s;
  const m = buildClassified(
    {
      createdAt: at,
      network: net,
      replyable,
      author: { id: author, handle: `h_${author}`, name: author },
      metrics: { likes, replies: 0, reposts: 0 },
      ...(text ? { text } : {}),
    },
    c,
  );
  const r = await store.mentions.ingestBatch(net, [{ ...m, status }], null);
  return r.inserted[0];
}

async function sendReply(store: Stores, mentionId: string, sentAt: string, author: string, templateId?: string): Promise<void> {
  const { reply } = await store.replies.createReply({ mentionId, text: 'شكراً لتواصلكم', author, state: 'queued', purpose: 'agent', ...(templateId ? { templateId } : {}) });
  await store.replies.transitionReply(reply.id, ['queued'], { state: 'sent', sentAt, externalId: `ext-${reply.id}` });
}

export interface FixtureIds {
  agentA: string;
  agentB: string;
  templateId: string;
}

export async function seedFixtureWeek(store: Stores): Promise<FixtureIds> {
  const agentA = (await store.users.createUser({ name: 'مريم', role: 'agent', tokenHash: 'hash-a' })).id;
  const agentB = (await store.users.createUser({ name: 'Ahmed', role: 'agent', tokenHash: 'hash-b' })).id;
  const templateId = (await store.templates.createTemplate({ key: 'thanks', name: 'شكر وتأكيد', bodies: { ar: 'شكراً {name}' }, updatedBy: agentA })).id;

  // ---- this week (2026-W48) ----
  // A: x, roads, high; first reply after 30 min (within the 60 min SLA); a second reply later
  const a = await addMention(store, { at: '2026-11-22T06:00:00.000Z', net: 'x', author: 'a1', likes: 12, primaryDomain: 'roads', intent: 'complaint', urgency: 'high',
    text: 'حفرة خطيرة في شارع الشيخ خليفة بن سلمان قرب الدوار، أرجو الإصلاح العاجل', location: { area: 'المحرق', block: '204' } });
  await sendReply(store, a.id, '2026-11-22T06:30:00.000Z', agentA, templateId);
  await sendReply(store, a.id, '2026-11-22T09:00:00.000Z', agentB);
  // B: x, roads, medium; reply after 2 h (within 240 min)
  const b = await addMention(store, { at: '2026-11-22T08:00:00.000Z', net: 'x', author: 'a1', likes: 3, primaryDomain: 'roads', intent: 'complaint', urgency: 'medium',
    text: 'الحفرة في شارع الشيخ خليفة ما زالت موجودة والسيارات تتضرر', location: { area: 'المحرق' } });
  await sendReply(store, b.id, '2026-11-22T10:00:00.000Z', agentA, templateId);
  // C: instagram, drainage, high; reply after 3 h (outside the 60 min SLA)
  const c = await addMention(store, { at: '2026-11-23T10:00:00.000Z', net: 'instagram', author: 'a2', likes: 7, primaryDomain: 'drainage', intent: 'complaint', urgency: 'high',
    text: 'تجمع مياه الأمطار وطفح المجاري في سترة منذ يومين', location: { area: 'سترة', block: '611' } });
  await sendReply(store, c.id, '2026-11-23T13:00:00.000Z', agentB);
  // D: instagram inquiry marked no_action: needs no reply, not counted
  await addMention(store, { at: '2026-11-25T12:00:00.000Z', net: 'instagram', author: 'a3', status: 'no_action', primaryDomain: 'drainage', intent: 'inquiry', urgency: 'low',
    text: 'متى ينتهي مشروع تصريف مياه الأمطار في سترة؟' });
  // E: x, buildings, Saturday 23:59:59 Bahrain: the week's last second; a failed reply only
  const e = await addMention(store, { at: '2026-11-28T20:59:59.000Z', net: 'x', author: 'a4', primaryDomain: 'buildings', intent: 'complaint', urgency: 'low',
    text: 'تسرب مياه في سقف مبنى المدرسة الحكومية' });
  const { reply: failed } = await store.replies.createReply({ mentionId: e.id, text: 'نعتذر', author: agentA, state: 'queued', purpose: 'agent' });
  await store.replies.transitionReply(failed.id, ['queued'], { state: 'failed', error: 'permanent' });
  // F: a news item, neither relevant nor replyable
  await addMention(store, { at: '2026-11-26T09:00:00.000Z', net: 'rss', author: 'news', status: 'new', replyable: false, relevant: false, primaryDomain: null, intent: 'other',
    urgency: 'low', sentiment: 'neutral', text: 'الأشغال تعلن عن تحويلات مرورية مؤقتة', location: {} });
  // G: Sunday 29 Nov 00:00:00 Bahrain: the next week
  await addMention(store, { at: '2026-11-28T21:00:00.000Z', net: 'x', author: 'a5', primaryDomain: 'roads', intent: 'complaint', urgency: 'high' });

  // ---- previous week (2026-W47) ----
  // P1: x, roads, high; answered six days later (during this week)
  const p1 = await addMention(store, { at: '2026-11-16T10:00:00.000Z', net: 'x', author: 'b1', primaryDomain: 'roads', intent: 'complaint', urgency: 'high', location: { area: 'سترة' } });
  await sendReply(store, p1.id, '2026-11-22T10:00:00.000Z', agentB);
  // P2: x, drainage, medium, Saturday 21 Nov 23:59:59 Bahrain; never answered
  await addMention(store, { at: '2026-11-21T20:59:59.000Z', net: 'x', author: 'b2', primaryDomain: 'drainage', intent: 'complaint', urgency: 'medium', location: { area: 'المحرق' } });

  // ---- cases ----
  const open = async (domain: 'roads' | 'drainage', unit: string, openedAt: string, slaDueAt: string) =>
    store.cases.openCase({ domain, unit, urgency: 'medium', location: { area: domain === 'roads' ? 'المحرق' : 'سترة' }, citizen: { channel: 'x', handle: 'c' },
      openedAt, slaDueAt, prefix: 'MOW', year: 2026, source: 'ingest', actor: 'system' }, []);
  const status = (number: string, s: 'resolved' | 'closed', at: string) => store.cases.updateCase(number, { status: s, actor: 'sup', at });
  // C1 roads: opened Sun, resolved after 22 h, before its due time
  const c1 = await open('roads', 'صيانة الطرق', '2026-11-22T07:00:00.000Z', '2026-11-23T07:00:00.000Z');
  await status(c1.number, 'resolved', '2026-11-23T05:00:00.000Z');
  // C2 drainage: opened Mon, due 4 h later, still open at week end: overdue
  await open('drainage', 'الصرف الصحي', '2026-11-23T11:00:00.000Z', '2026-11-23T15:00:00.000Z');
  // C3 roads: opened last week, resolved this week after 7 days, late
  const c3 = await open('roads', 'صيانة الطرق', '2026-11-17T10:00:00.000Z', '2026-11-18T10:00:00.000Z');
  await status(c3.number, 'resolved', '2026-11-24T10:00:00.000Z');
  // C4 drainage: opened Wed, resolved after 22 h (in time), closed an hour later
  const c4 = await open('drainage', 'الصرف الصحي', '2026-11-25T09:00:00.000Z', '2026-11-26T09:00:00.000Z');
  await status(c4.number, 'resolved', '2026-11-26T07:00:00.000Z');
  await status(c4.number, 'closed', '2026-11-26T08:00:00.000Z');

  // ---- the ministry's own posts ----
  await store.mentions.saveOwnPosts('x', [
    { externalId: 'own-1', text: 'بدء أعمال صيانة شارع الشيخ خليفة بن سلمان', createdAt: '2026-11-23T06:00:00.000Z', url: 'https://x.com/mow/status/1',
      metrics: { likes: 120, replies: 15, reposts: 25, impressions: 8000 } },
    { externalId: 'own-2', text: 'تحويلة مرورية مؤقتة على شارع الاستقلال', createdAt: '2026-11-25T06:00:00.000Z', metrics: { likes: 40, replies: 5, reposts: 5, impressions: 2000 } },
    { externalId: 'own-0', text: 'منشور الأسبوع الماضي', createdAt: '2026-11-18T06:00:00.000Z', metrics: { likes: 50, replies: 5, reposts: 5, impressions: 3000 } },
  ]);
  await store.mentions.saveOwnPosts('instagram', [
    { externalId: 'ig-1', text: 'جاهزية فرق الطوارئ لموسم الأمطار', createdAt: '2026-11-24T06:00:00.000Z', metrics: { likes: 300, replies: 20 } },
  ]);
  return { agentA, agentB, templateId };
}
