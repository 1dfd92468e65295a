import type { EvidenceSpan } from '../../src/console/web/evidence';
import { bidiTokens, postSegments, textDirection } from '../../src/console/web/text-direction';

describe('the direction a post reads in', () => {
  it.each<[string, string, 'rtl' | 'ltr' | 'auto']>([
    ['an Arabic reply opening with a handle', '@MOWBahrain ما جاني رد على سؤالي، نبي نعرف موعد تقريبي', 'rtl'],
    ['an Arabic post opening with a link', 'https://t.co/abc الشارع كله حفر', 'rtl'],
    ['an Arabic post with an English hashtag and handle', 'الماي دخل البيت #Tubli @MOWBahrain', 'rtl'],
    ['an English post with an Arabic place name', 'Potholes all over the road near سترة again', 'ltr'],
    ['an English post opening with a handle', '@MOWBahrain Street lights on road 2410 are out', 'ltr'],
    ['Arabizi', 'wallah el share3 elly 3ind dawar 7 kila 7ofar', 'ltr'],
    ['emoji and numbers only', '😡😡 2410', 'auto'],
  ])('%s reads %s', (_case, text, dir) => {
    expect(textDirection(text)).toBe(dir);
  });
});

describe('the runs of a post that keep their own direction', () => {
  const tokens = (text: string) => bidiTokens(text).map((t) => [text.slice(t.start, t.end), t.kind, t.dir]);

  it.each<[string, string, [string, string, string][]]>([
    ['a handle in Arabic text', 'صباح الخير @MOWBahrain في نقرة', [['@MOWBahrain', 'handle', 'ltr']]],
    ['a handle followed by a colon', '@MOWBahrain: please fix it', [['@MOWBahrain', 'handle', 'ltr']]],
    ['an Instagram handle with inner dots, not the full stop after it', 'شكرًا @ali.jidhafs.', [['@ali.jidhafs', 'handle', 'ltr']]],
    ['a link, without the sentence punctuation after it', 'شوفوا https://t.co/abc123، الشارع', [['https://t.co/abc123', 'url', 'ltr']]],
    ['a www link and a link closing its own bracket', 'www.mow.gov.bh و (https://en.wikipedia.org/wiki/Sitra_(island)).', [
      ['www.mow.gov.bh', 'url', 'ltr'],
      ['https://en.wikipedia.org/wiki/Sitra_(island)', 'url', 'ltr'],
    ]],
    ['a Latin hashtag', 'الماي دخل البيت #Tubli', [['#Tubli', 'hashtag', 'ltr']]],
    ['an Arabic hashtag reads right to left', 'نقرة كبيرة #وزارة_الأشغال #سترة', [
      ['#وزارة_الأشغال', 'hashtag', 'rtl'],
      ['#سترة', 'hashtag', 'rtl'],
    ]],
    ['an e-mail address is one run, not a handle', 'راسلوني على ali.j+mow@gmail.com لو سمحتوا', [['ali.j+mow@gmail.com', 'email', 'ltr']]],
    ['an international phone number', 'اتصلوا على +973 1754 5555 بسرعة', [['+973 1754 5555', 'phone', 'ltr']]],
    ['a case number, one left-to-right run with its hyphens', 'رقم بلاغك MOW-2026-000013، وسنتابعه', [['MOW-2026-000013', 'case', 'ltr']]],
    ['a case number inside a link is part of the link', 'تابعوه على https://mow.gov.bh/cases/MOW-2026-000013', [['https://mow.gov.bh/cases/MOW-2026-000013', 'url', 'ltr']]],
    ['nothing that only looks like part of a case number', 'XMOW-2026-0000131 و MOW-2026-00001 و mow-2026-000013', []],
    ['no "@" or "#" inside a word', 'C# and x@y and 5#', []],
    ['plain text', 'طريق 4107 مجمع 741', []],
  ])('%s', (_case, text, expected) => {
    expect(tokens(text)).toEqual(expected);
  });

  it('textDirection sets aside e-mail addresses like handles', () => {
    expect(textDirection('someone.long.name@example.com عندي سؤال')).toBe('rtl');
  });

  it('cuts the text into isolated tokens and plain stretches that add up to it exactly', () => {
    const text = 'صباح الخير @MOWBahrain في نقرة #توبلي';
    const segments = postSegments(text);
    expect(segments.map((s) => [s.text, s.token?.kind ?? '', s.token?.dir ?? ''])).toEqual([
      ['صباح الخير ', '', ''],
      ['@MOWBahrain', 'handle', 'ltr'],
      [' في نقرة ', '', ''],
      ['#توبلي', 'hashtag', 'rtl'],
    ]);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    for (const s of segments) {
      expect(text.slice(s.start, s.start + s.text.length)).toBe(s.text);
      expect(s.runs.map((r) => r.text).join('')).toBe(s.text);
    }
  });

  it('keeps evidence highlights at their offsets, cutting one that straddles a token in two', () => {
    const text = 'صباح الخير @MOWBahrain في نقرة كبيرة #Tubli';
    const span = (term: string, kind: EvidenceSpan['kind'] = 'domain', from = term): EvidenceSpan => {
      const start = text.indexOf(from);
      return { start, end: start + term.length, kind, term };
    };
    const spans = [span('نقرة'), span('كبيرة', 'urgency'), span('Tubli'), span('Bahrain في', 'intent')];
    const segments = postSegments(text, spans);
    const marked = segments.flatMap((s) => s.runs.filter((r) => r.kinds.length).map((r) => [r.text, r.kinds.join(' '), s.token?.kind ?? '']));
    expect(marked).toEqual([
      ['Bahrain', 'intent', 'handle'],
      [' في', 'intent', ''],
      ['نقرة', 'domain', ''],
      ['كبيرة', 'urgency', ''],
      ['Tubli', 'domain', 'hashtag'],
    ]);
    // Every run sits where the classifier said: its offset in the original text is unchanged.
    let at = 0;
    for (const s of segments) {
      expect(s.start).toBe(at);
      for (const r of s.runs) {
        expect(text.slice(at, at + r.text.length)).toBe(r.text);
        at += r.text.length;
      }
    }
    expect(at).toBe(text.length);
  });

  it('gives an empty text one empty segment', () => {
    expect(postSegments('')).toEqual([{ text: '', start: 0, token: undefined, runs: [] }]);
  });
});
