import { formatDayRange } from '../../src/console/web/format';

describe('formatDayRange (the week list of the summary page)', () => {
  it.each([
    ['2026-11-29', '2026-12-05', 'ar', '29 نوفمبر – 5 ديسمبر 2026'],
    ['2026-11-29', '2026-12-05', 'en', '29 Nov – 5 Dec 2026'],
    ['2026-12-27', '2027-01-02', 'en', '27 Dec 2026 – 2 Jan 2027'],
    ['2026-12-27', '2027-01-02', 'ar', '27 ديسمبر 2026 – 2 يناير 2027'],
  ])('%s … %s in %s reads %s', (first, last, lang, expected) => {
    expect(formatDayRange(first, last, lang as 'ar' | 'en')).toBe(expected);
  });
});
