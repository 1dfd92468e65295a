import { lastCompleteWeek, parseWeek, reportWeekBounds, parseWeekday, previousWeek, toSummaryWindow, weekById, weekContaining, WeekParseError } from '../../src/summaries/week';

const BAHRAIN = { timeZone: 'Asia/Bahrain', weekStartsOn: 0 as const };

describe('report weeks', () => {
  it('maps 2026-W48 to Sunday 22 Nov 00:00 – Saturday 28 Nov 24:00 Bahrain time, in UTC', () => {
    const w = weekById('2026-W48', BAHRAIN);
    expect(w).toMatchObject({ id: '2026-W48', start: '2026-11-21T21:00:00.000Z', end: '2026-11-28T21:00:00.000Z', firstDate: '2026-11-22', lastDate: '2026-11-28' });
    expect(w.days.map((d) => d.weekday)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(toSummaryWindow(w).dayStarts).toHaveLength(8);
  });

  it('puts Saturday 23:59:59 in the ending week and Sunday 00:00:00 in the next (Bahrain time)', () => {
    expect(weekContaining(new Date('2026-11-28T20:59:59.000Z'), BAHRAIN).id).toBe('2026-W48');
    expect(weekContaining(new Date('2026-11-28T21:00:00.000Z'), BAHRAIN).id).toBe('2026-W49');
  });

  it('with Monday weeks gives exactly the ISO week', () => {
    const w = weekById('2026-W01', { timeZone: 'Asia/Bahrain', weekStartsOn: 1 });
    expect([w.firstDate, w.lastDate]).toEqual(['2025-12-29', '2026-01-04']);
  });

  it('follows daylight saving time through Intl instead of a fixed offset', () => {
    const w = weekById('2026-W45', { timeZone: 'America/New_York', weekStartsOn: 0 });
    expect(w.days[0].start).toBe('2026-11-01T04:00:00.000Z');
    expect(w.days[1].start).toBe('2026-11-02T05:00:00.000Z');
  });

  it('reads last, current, ISO ids and dates, and refuses weeks that do not exist', () => {
    const now = new Date('2026-11-29T05:00:00.000Z'); // Sunday 08:00 in Bahrain
    expect(parseWeek(undefined, now, BAHRAIN).id).toBe('2026-W48');
    expect(parseWeek('last', now, BAHRAIN).id).toBe('2026-W48');
    expect(parseWeek('current', now, BAHRAIN).id).toBe('2026-W49');
    expect(parseWeek('2026-w48', now, BAHRAIN).id).toBe('2026-W48');
    expect(parseWeek('2026-11-25', now, BAHRAIN).id).toBe('2026-W48');
    expect(() => parseWeek('2026-W54', now, BAHRAIN)).toThrow(WeekParseError);
    expect(() => parseWeek('2026-02-30', now, BAHRAIN)).toThrow(WeekParseError);
    expect(() => parseWeek('soon', now, BAHRAIN)).toThrow(WeekParseError);
  });

  it('steps back a week and finds the last complete one', () => {
    expect(previousWeek(weekById('2026-W01', BAHRAIN), BAHRAIN).id).toBe('2025-W52');
    expect(lastCompleteWeek(new Date('2026-11-28T20:59:59.000Z'), BAHRAIN).id).toBe('2026-W47');
    expect(parseWeekday('Saturday')).toBe(6);
  });
});

describe('reportWeekBounds (the weeks a store pre-aggregates by)', () => {
  it.each([
    ['Asia/Bahrain', 0],
    ['America/New_York', 1],
    ['Asia/Kolkata', 6],
  ] as const)('lists every %s week (start day %i) back to back, each the week its id names', (timeZone, weekStartsOn) => {
    const s = { timeZone, weekStartsOn };
    const weeks = reportWeekBounds(s, 2024, 2027);
    expect(weeks.length).toBeGreaterThanOrEqual(156);
    weeks.slice(1).forEach((w, i) => expect(w.start).toBe(weeks[i].end));
    expect(Date.parse(weeks[0].start)).toBeLessThanOrEqual(Date.UTC(2024, 0, 1));
    expect(Date.parse(weeks[weeks.length - 1].end)).toBeGreaterThanOrEqual(Date.UTC(2027, 0, 1));
    for (const id of ['2024-W10', '2025-W44', '2026-W13', '2026-W48']) {
      const week = weekById(id, s);
      expect(weeks).toContainEqual({ start: week.start, end: week.end });
    }
  });
});
