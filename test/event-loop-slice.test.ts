import { EventLoopSlice } from '../src/event-loop-slice';

describe('EventLoopSlice', () => {
  it('yields only once the slice of work has gone by, then starts a new slice', async () => {
    let now = 1000;
    const slice = new EventLoopSlice(8, () => now);
    now += 7;
    expect(await slice.maybeYield()).toBe(false);
    now += 1;
    expect(await slice.maybeYield()).toBe(true);
    now += 7;
    expect(await slice.maybeYield()).toBe(false);
    now += 2;
    expect(await slice.maybeYield()).toBe(true);
  });

  it('lets other callbacks run during a long run of items, one event-loop turn per slice and not per item', async () => {
    let now = 0;
    const slice = new EventLoopSlice(8, () => now);
    let item = 0;
    let otherRanAtItem = -1;
    setImmediate(() => (otherRanAtItem = item));
    let yields = 0;
    for (item = 0; item < 40; item++) {
      now += 1; // each item: 1 ms of synchronous work
      if (await slice.maybeYield()) yields++;
    }
    expect(otherRanAtItem).toBe(7); // at the end of the first 8 ms slice
    expect(yields).toBe(5);
  });
});
