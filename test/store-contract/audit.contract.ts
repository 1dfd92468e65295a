/** Contract of the audit feature's store (AuditStore), for every adapter. */
import type { Stores } from '../../src/stores/stores';

export function auditStoreContract(get: () => Pick<Stores, 'audit'>): void {
  let store: Pick<Stores, 'audit'>;
  beforeEach(() => {
    store = get();
  });

  it('appends entries and lists them newest first, filtered and paginated', async () => {
    for (let i = 0; i < 3; i++) await store.audit.appendAudit({ actor: 'u1', action: 'reply.created', subject: `reply:${i}`, after: { i } });
    await store.audit.appendAudit({ actor: 'u2', action: 'mention.claimed', subject: 'mention:m', before: null, after: { by: 'u2' } });
    const all = await store.audit.listAudit({ limit: 2 });
    expect(all.items.map((e) => e.action)).toEqual(['mention.claimed', 'reply.created']);
    const rest = await store.audit.listAudit({ limit: 10, cursor: all.nextCursor! });
    expect(rest.items.map((e) => e.subject)).toEqual(['reply:1', 'reply:0']);
    expect((await store.audit.listAudit({ actor: 'u2', limit: 10 })).items[0]).toMatchObject({ before: null, after: { by: 'u2' } });
  });
}
