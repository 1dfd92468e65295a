/**
 * Which changes alter a kept queue page: a mention it shows, or one that matches its filters and
 * sorts into its stretch of the queue order.
 */
import type { QueueChanges, QueueRow } from '../../src/domain';
import type { QueueQuery } from '../../src/queue/store/queue-store';
import { encodePageCursor } from '../../src/store/page-cursor';
import { alters, reachOf } from '../../src/queue/queue-page-reach';

const QUERY: QueueQuery = { status: 'needs_reply', limit: 2, now: '2026-11-30T10:00:00.000Z' };
/** The page's last item: high urgency, created 08:00, 10 followers; more follows it. */
const LAST = encodePageCursor([0, '2026-11-20T08:00:00.000Z', 10, 'm2']);
const FULL_PAGE = { items: [{ id: 'm1' }, { id: 'm2' }], nextCursor: LAST };

function row(over: Partial<QueueRow> = {}): QueueRow {
  return {
    id: 'new', status: 'needs_reply', primaryDomain: 'roads', channel: 'x', network: 'x', intent: 'complaint',
    urgency: 'high', urgencyRank: 0, createdAt: '2026-11-20T07:00:00.000Z', followers: 0, ...over,
  };
}

describe('alters (queue page reach)', () => {
  it.each<[string, QueueChanges, boolean]>([
    ['a new waiting mention sorting before the last item', { rows: [row()] }, true],
    ['one sorting right after the last item (fewer followers)', { rows: [row({ createdAt: '2026-11-20T08:00:00.000Z', followers: 9 })] }, false],
    ['one sorting right before it (more followers)', { rows: [row({ createdAt: '2026-11-20T08:00:00.000Z', followers: 11 })] }, true],
    ['one of lower urgency', { rows: [row({ urgency: 'medium', urgencyRank: 1 })] }, false],
    ['one not waiting for a reply', { rows: [row({ status: 'new' })] }, false],
    ['a change to a mention the page shows', { changedIds: ['m2'] }, true],
    ['a change to a mention it does not show', { changedIds: ['m9'] }, false],
    ['ingest refreshing known mentions (list view)', { refreshed: true }, false],
    ['anything (another process)', { all: true }, true],
  ])('%s', (_what, changes, expected) => {
    expect(alters(reachOf(QUERY, FULL_PAGE), changes)).toBe(expected);
  });

  it('on a page with nothing after it, any matching mention alters it, however late it sorts', () => {
    const reach = reachOf(QUERY, { items: [{ id: 'm1' }], nextCursor: null });
    expect(alters(reach, { rows: [row({ urgency: 'low', urgencyRank: 2, createdAt: '2026-12-01T00:00:00.000Z' })] })).toBe(true);
  });

  it('a page after a cursor is altered only by mentions sorting after that cursor', () => {
    const reach = reachOf({ ...QUERY, cursor: LAST }, { items: [{ id: 'm3' }], nextCursor: null });
    expect(alters(reach, { rows: [row()] })).toBe(false);
    expect(alters(reach, { rows: [row({ createdAt: '2026-11-20T09:00:00.000Z' })] })).toBe(true);
  });

  it('filters: domain, channel (or network), intent and urgency must all match', () => {
    const reach = reachOf({ ...QUERY, domain: 'drainage', channel: 'instagram' }, { items: [], nextCursor: null });
    expect(alters(reach, { rows: [row()] })).toBe(false);
    expect(alters(reach, { rows: [row({ primaryDomain: 'drainage', network: 'instagram' })] })).toBe(true);
  });

  it('whole Mentions (view=full) are read again when ingest refreshes known mentions', () => {
    expect(alters(reachOf({ ...QUERY, view: 'full' }, FULL_PAGE), { refreshed: true })).toBe(true);
  });
});
