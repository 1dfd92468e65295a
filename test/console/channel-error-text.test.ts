import { channelErrorParts, errorCodeInWords } from '../../src/console/web/components/channel-error-text';
import { translator } from '../../src/console/web/messages';
import { formatDateTime } from '../../src/console/web/format';

const joined = (message: string, lang: 'ar' | 'en') =>
  channelErrorParts(message, lang)
    .map((p) => p.text)
    .join('');

describe("a channel's last error on the channels page", () => {
  it('writes a UTC time inside the message in Bahrain time, as the card writes its own times, and keeps the rest as is', () => {
    const message = 'rate limited until 2026-12-08T03:37:40.000Z';
    const local = formatDateTime('2026-12-08T03:37:40.000Z', 'ar');
    expect(local).toMatch(/6:37 ص$/);
    expect(channelErrorParts(message, 'ar')).toEqual([{ text: 'rate limited until ' }, { text: local, iso: '2026-12-08T03:37:40.000Z' }]);
    expect(joined(message, 'en')).toBe('rate limited until 8 Dec 2026, 06:37');
  });

  it('reads every time in the message, with or without seconds, Z or an offset; a text without one is one part', () => {
    expect(joined('window 2026-12-08T03:37Z to 2026-12-08T06:40:00+03:00: X 429', 'en')).toBe('window 8 Dec 2026, 06:37 to 8 Dec 2026, 06:40: X 429');
    expect(channelErrorParts('feed http://h/f.xml?key=***: HTTP 500', 'ar')).toEqual([{ text: 'feed http://h/f.xml?key=***: HTTP 500' }]);
  });

  it('leaves a date without a zone, or one that is no date, as written', () => {
    expect(joined('since 2026-12-08 and 2026-12-08T03:37:40 and 2026-13-45T99:99Z', 'ar')).toBe('since 2026-12-08 and 2026-12-08T03:37:40 and 2026-13-45T99:99Z');
  });

  it('says the error kind in words in the console language, and gives nothing for a code it does not know', () => {
    expect(errorCodeInWords('auth_failed', translator('ar'))).toBe('رُفضت بيانات الدخول (الرمز أو المفتاح)؛ صحّحها ثم أعد تشغيل الخدمة');
    expect(errorCodeInWords('rate_limited', translator('ar'))).toBe('تجاوز حد الطلبات');
    expect(errorCodeInWords('rate_limited', translator('en'))).toBe('Rate limit exceeded');
    expect(errorCodeInWords('duplicate_content', translator('ar'))).toBeUndefined();
  });
});
