/** Contract of the scheduler's lease store (LeaseStore): one holder at a time, renewal, release, takeover after expiry. */
import type { Stores } from '../../src/stores/stores';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function leaseContract(get: () => Pick<Stores, 'leases'>): void {
  let store: Pick<Stores, 'leases'>;
  beforeEach(() => {
    store = get();
  });

  it('gives a free lease to the first holder and refuses it to a second while it is held', async () => {
    expect(await store.leases.acquireLease('poll:x', 'a', 60_000)).toBe(true);
    expect(await store.leases.acquireLease('poll:x', 'b', 60_000)).toBe(false);
    expect(await store.leases.acquireLease('poll:rss', 'b', 60_000)).toBe(true);
  });

  it('lets the holder acquire again (extending) and renew, but not someone else', async () => {
    await store.leases.acquireLease('send', 'a', 60_000);
    expect(await store.leases.acquireLease('send', 'a', 60_000)).toBe(true);
    expect(await store.leases.renewLease('send', 'a', 60_000)).toBe(true);
    expect(await store.leases.renewLease('send', 'b', 60_000)).toBe(false);
    expect(await store.leases.renewLease('never-taken', 'a', 60_000)).toBe(false);
  });

  it('hands the lease over after its expiry, and the old holder can no longer renew it', async () => {
    await store.leases.acquireLease('poll:x', 'dead', 20);
    await sleep(60);
    expect(await store.leases.acquireLease('poll:x', 'b', 60_000)).toBe(true);
    expect(await store.leases.renewLease('poll:x', 'dead', 60_000)).toBe(false);
    expect(await store.leases.acquireLease('poll:x', 'dead', 60_000)).toBe(false);
  });

  it('frees the lease on release by its holder only', async () => {
    await store.leases.acquireLease('send', 'a', 60_000);
    await store.leases.releaseLease('send', 'b');
    expect(await store.leases.acquireLease('send', 'b', 60_000)).toBe(false);
    await store.leases.releaseLease('send', 'a');
    expect(await store.leases.acquireLease('send', 'b', 60_000)).toBe(true);
  });

  it('grants a contested free lease to exactly one of many concurrent holders', async () => {
    const holders = Array.from({ length: 8 }, (_, i) => `h${i}`);
    const won = await Promise.all(holders.map((h) => store.leases.acquireLease('contested', h, 60_000)));
    expect(won.filter(Boolean)).toHaveLength(1);
  });
}
