/**
 * When the console renews the user's claim (use-claim-lease.ts): only for a user who worked in
 * the page since the claim began or was last renewed, so a tab left alone lets the claim end
 * about one lease after the user's last work there (README: a tab merely left open does not keep
 * the claim), and a user who keeps working keeps it.
 */
import { leaseStep } from '../../src/console/web/use-claim-lease';

// The hook's module imports preact's hooks (an ES module jest does not load); the decision needs none.
jest.mock('preact/hooks', () => ({ useEffect: () => undefined, useRef: () => ({ current: undefined }) }));

const SEC = 1_000;
const MIN = 60 * SEC;
const LEASE = 10 * MIN;

/**
 * The hook's bookkeeping on a clock of its own: the user claims at 0 (the click on «استلام» a
 * moment before), the view reads the claim 300 ms later, and the hook looks every 5 s; a renewal
 * moves the end to one lease from then. `work`: when the user typed or clicked. Returns when the
 * claim ends, and when it was renewed.
 */
function simulate(work: number[], opts: { lease?: number; until?: number; readAt?: number } = {}): { end: number; renewals: number[] } {
  const lease = opts.lease ?? LEASE;
  let until = opts.until ?? lease;
  const readAt = opts.readAt ?? 300;
  let known = until - readAt; // the longest time left seen on the claim
  let activeAt = -SEC; // the click that claimed it
  const renewals: number[] = [];
  for (let now = readAt + 5 * SEC; now < 3 * 60 * MIN; now += 5 * SEC) {
    for (const at of work) if (at <= now) activeAt = Math.max(activeAt, at);
    const step = leaseStep({ now, until, lease: known, activeAt });
    if (step === 'ran_out') return { end: until, renewals };
    if (step === 'renew') {
      until = now + 150 + lease; // the server's answer, a moment later
      known = Math.max(known, until - (now + 200));
      renewals.push(now);
    }
  }
  throw new Error('the claim never ended');
}

const every = (step: number, from: number, to: number) => Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

describe('leaseStep: when the console renews the claim', () => {
  it('says the claim ran out once its end has passed', () => {
    expect(leaseStep({ now: 10 * MIN, until: 10 * MIN, lease: LEASE, activeAt: 9 * MIN })).toBe('ran_out');
    expect(leaseStep({ now: 11 * MIN, until: 10 * MIN, lease: LEASE, activeAt: 10.5 * MIN })).toBe('ran_out');
  });

  it('waits while more than half the lease is left, however busy the user is', () => {
    expect(leaseStep({ now: 4 * MIN, until: 10 * MIN, lease: LEASE, activeAt: 4 * MIN })).toBe('wait');
  });

  it('renews in the second half only for work done since the claim began (or was last renewed)', () => {
    const at = { now: 5 * MIN + 5 * SEC, until: 10 * MIN, lease: LEASE };
    expect(leaseStep({ ...at, activeAt: 1 * MIN })).toBe('renew');
    expect(leaseStep({ ...at, activeAt: 5 * MIN })).toBe('renew');
    // The click that made the claim (or work paid for by the last renewal) is not work since.
    expect(leaseStep({ ...at, activeAt: -SEC })).toBe('wait');
    expect(leaseStep({ ...at, activeAt: 0 })).toBe('wait');
  });

  it('renews a claim about to run out on a page just opened, once the user does something there', () => {
    const at = { now: 100 * SEC, until: 115 * SEC, lease: 15 * SEC };
    expect(leaseStep({ ...at, activeAt: 96 * SEC })).toBe('renew');
    expect(leaseStep({ ...at, activeAt: 60 * SEC })).toBe('wait');
  });
});

describe('the claim of a tab left alone ends about one lease after the last work', () => {
  it('claimed and left at once: ends after one lease, never renewed (was 15 minutes)', () => {
    expect(simulate([])).toEqual({ end: LEASE, renewals: [] });
  });

  it('worked a minute, then left: renewed once, and ends less than one and a half leases after', () => {
    const { end, renewals } = simulate([30 * SEC, 1 * MIN]);
    expect(renewals).toHaveLength(1);
    expect(end - 1 * MIN).toBeGreaterThanOrEqual(LEASE);
    expect(end - 1 * MIN).toBeLessThanOrEqual(1.5 * LEASE);
  });

  it('worked in the second half, then left: ends one lease (and one look) after', () => {
    const { end, renewals } = simulate([7 * MIN]);
    expect(renewals).toHaveLength(1);
    expect(end - 7 * MIN).toBeGreaterThanOrEqual(LEASE);
    expect(end - 7 * MIN).toBeLessThan(LEASE + 6 * SEC);
  });

  it('kept working for 40 minutes (a key every half minute): kept the claim all along, then let it go within one and a half leases', () => {
    const work = every(30 * SEC, 0, 40 * MIN);
    const { end, renewals } = simulate(work);
    expect(renewals.length).toBeGreaterThanOrEqual(7);
    expect(end - 40 * MIN).toBeGreaterThanOrEqual(LEASE);
    expect(end - 40 * MIN).toBeLessThanOrEqual(1.5 * LEASE);
    // At most one renewal after the last work.
    expect(renewals.filter((r) => r > 40 * MIN)).toHaveLength(1);
  });

  it('looked something up in another tab for a few minutes mid-reply: the claim stays', () => {
    // Work at the start, four minutes away, back at 8 minutes: renewed at the half and again after.
    const { end, renewals } = simulate([30 * SEC, 8 * MIN, 12 * MIN]);
    expect(renewals).toHaveLength(3);
    expect(end).toBeGreaterThan(12 * MIN + LEASE);
  });

  it('on a one-minute lease (the tests’ CLAIM_LEASE_MINUTES=1) the same holds', () => {
    expect(simulate([], { lease: MIN })).toEqual({ end: MIN, renewals: [] });
    const { end, renewals } = simulate([10 * SEC], { lease: MIN });
    expect(renewals).toHaveLength(1);
    expect(end - 10 * SEC).toBeLessThanOrEqual(1.5 * MIN);
  });
});
