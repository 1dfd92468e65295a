/** The map's date filter: a day picked is that day in the console's time zone, not the browser's. */
import { dayEnd, dayStart } from '../../src/console/web/day-bounds';

describe('dayStart and dayEnd (the complaints map date filter)', () => {
  it.each([
    // Bahrain: UTC+3 all year, so its day starts at 21:00 UTC the day before.
    ['2026-12-08', 'Asia/Bahrain', '2026-12-07T21:00:00.000Z', '2026-12-08T20:59:59.999Z'],
    ['2027-01-01', 'Asia/Bahrain', '2026-12-31T21:00:00.000Z', '2027-01-01T20:59:59.999Z'],
    ['2026-12-08', 'UTC', '2026-12-08T00:00:00.000Z', '2026-12-08T23:59:59.999Z'],
    // The day the clocks go forward in New York has 23 hours.
    ['2026-03-08', 'America/New_York', '2026-03-08T05:00:00.000Z', '2026-03-09T03:59:59.999Z'],
    ['2026-11-01', 'America/New_York', '2026-11-01T04:00:00.000Z', '2026-11-02T04:59:59.999Z'],
  ])('%s in %s runs from %s to %s', (day, tz, start, end) => {
    expect(dayStart(day, tz)).toBe(start);
    expect(dayEnd(day, tz)).toBe(end);
  });

  it("does not depend on the time zone the code runs in (the browser's)", () => {
    const was = process.env.TZ;
    try {
      for (const zone of ['UTC', 'Pacific/Auckland', 'America/Los_Angeles']) {
        process.env.TZ = zone;
        expect(dayStart('2026-12-08', 'Asia/Bahrain')).toBe('2026-12-07T21:00:00.000Z');
        expect(dayEnd('2026-12-08', 'Asia/Bahrain')).toBe('2026-12-08T20:59:59.999Z');
      }
    } finally {
      if (was === undefined) delete process.env.TZ;
      else process.env.TZ = was;
    }
  });

  it.each([undefined, '', '2026-02-30', '2026-13-01', '2026-1-5', '08/12/2026', '2026-12-08T00:00'])('leaves out %p, which is not a day', (day) => {
    expect(dayStart(day, 'Asia/Bahrain')).toBeUndefined();
    expect(dayEnd(day, 'Asia/Bahrain')).toBeUndefined();
  });
});
