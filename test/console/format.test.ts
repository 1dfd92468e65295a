import { formatDateTime, formatDuration, formatTime } from '../../src/console/web/format';

const HOUR = 3_600_000;

describe('formatDuration (the queue\'s «waiting since»)', () => {
  it.each([
    [2 * 24 * HOUR, 'يومين'],
    [2 * HOUR, 'ساعتين'],
    [2 * 60_000, 'دقيقتين'],
  ])('gives the Arabic dual as it reads after «منذ» (%d ms → %s)', (ms, text) => {
    expect(formatDuration(ms, 'ar')).toBe(text);
  });

  it('leaves other numbers and English to ICU', () => {
    expect(formatDuration(3 * 24 * HOUR, 'ar')).toBe('3 أيام');
    expect(formatDuration(2 * 24 * HOUR, 'en')).toBe('2 days');
  });
});

describe('formatTime', () => {
  it('writes the time as formatDateTime does (no leading zero in Arabic), in Bahrain time', () => {
    expect(formatTime('2026-12-07T17:06:00Z', 'ar')).toBe('8:06 م');
    expect(formatTime('2026-12-07T05:06:00Z', 'en')).toBe('08:06');
    expect(formatDateTime('2026-12-07T17:06:00Z', 'ar').endsWith(formatTime('2026-12-07T17:06:00Z', 'ar'))).toBe(true);
  });
});
