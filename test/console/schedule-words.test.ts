/** Schedules in words, with the console's own translation table. */
import { translator } from '../../src/console/web/messages';
import { intervalInWords, scheduleInWords } from '../../src/console/web/schedule-words';

const ar = (cron: string) => scheduleInWords(cron, translator('ar'), 'ar');
const en = (cron: string) => scheduleInWords(cron, translator('en'), 'en');

describe('scheduleInWords', () => {
  it.each([
    ['*/5 * * * *', 'كل 5 دقائق', 'every 5 minutes'],
    ['*/15 * * * *', 'كل 15 دقيقة', 'every 15 minutes'],
    ['* * * * *', 'كل دقيقة', 'every minute'],
    ['*/2 * * * *', 'كل دقيقتين', 'every 2 minutes'],
    ['*/5 * * * * *', 'كل 5 ثوانٍ', 'every 5 seconds'],
    ['*/30 * * * * *', 'كل 30 ثانية', 'every 30 seconds'],
    ['0 * * * *', 'كل ساعة', 'every hour'],
    ['0 */3 * * *', 'كل 3 ساعات', 'every 3 hours'],
    ['30 6 * * *', 'يوميًا الساعة 06:30', 'daily at 06:30'],
    ['0 8 * * 0', 'أيام الأحد الساعة 08:00', 'every Sunday at 08:00'],
  ])('words %s as «%s» and "%s"', (cron, arabic, english) => {
    expect(ar(cron)).toBe(arabic);
    expect(en(cron)).toBe(english);
  });

  it.each([
    [2_000, 'كل ثانيتين', 'every 2 seconds'],
    [300_000, 'كل 5 دقائق', 'every 5 minutes'],
    [90_000, 'كل 90 ثانية', 'every 90 seconds'],
    [7_200_000, 'كل ساعتين', 'every 2 hours'],
  ])('words an interval of %i ms as «%s» and "%s"', (ms, arabic, english) => {
    expect(intervalInWords(ms, translator('ar'))).toBe(arabic);
    expect(intervalInWords(ms, translator('en'))).toBe(english);
  });

  it.each(['5,35 * * * *', '0 8 1 * *', '*/5 9-17 * * 1-5', 'not a schedule'])('leaves %s to be shown as it is written (null)', (cron) => {
    expect(en(cron)).toBeNull();
  });
});
