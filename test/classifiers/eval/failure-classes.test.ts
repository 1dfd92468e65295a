import { FAILURE_CLASSES, failureRates, marksOf } from '../../../classifiers/eval/failure-classes';
import type { Classification } from '../../../src/domain/classification';

function said(primaryDomain: Classification['primaryDomain'], intent: Classification['intent']): Classification {
  return { domains: [], primaryDomain, intent, urgency: 'low', sentiment: 'neutral', location: null, relevant: true, confidence: 0.9 } as unknown as Classification;
}

const rate = (name: string, rates: ReturnType<typeof failureRates>) => rates.find((r) => r.failureClass.name.startsWith(name))!;

describe('the classifier\'s promises as slices of labelled real text', () => {
  it('reads works words, weather words and works hashtags through clitics and spelling variants', () => {
    expect(marksOf('الطريق إلى النجاح ليس مفروشاً بالورود')).toMatchObject({ works: true, weather: false });
    expect(marksOf('وبالأمطار الغزيرة تحسنت الأجواء')).toMatchObject({ weather: true });
    expect(marksOf('الجو اليوم يجنن')).toMatchObject({ weather: true, works: false });
    // «جو» counts only whole: a phone («جوال») is not weather.
    expect(marksOf('جوالي خربان')).toMatchObject({ weather: false });
    expect(marksOf('حفرة كبيرة #شارع_الملك_فيصل').worksHashtag).toBe(true);
    expect(marksOf('حفرة كبيرة #البحرين').worksHashtag).toBe(false);
    expect(marksOf('Road 2410, Block 324 Juffair').englishBlock).toBe(true);
  });

  it('puts a text in a class by its gold labels, never by what the classifier said', () => {
    const rows = [
      { text: 'غرقان بالديون والله', domain: null, intent: 'complaint' as const },
      { text: 'الكهرباء مقطوعة من الصبح', domain: null, intent: 'complaint' as const },
      { text: 'شكراً وزارة الأشغال على رصف الشارع', domain: 'roads' as const, intent: 'praise' as const },
      { text: 'أعلنت الوزارة إغلاق الجسر للصيانة', domain: 'roads' as const, intent: 'other' as const },
    ];
    const verdicts = new Map<string, { classification: Classification; opened: boolean }>([
      [rows[0].text, { classification: said('drainage', 'complaint'), opened: true }],
      [rows[1].text, { classification: said(null, 'complaint'), opened: false }],
      [rows[2].text, { classification: said('roads', 'complaint'), opened: true }],
      [rows[3].text, { classification: said('roads', 'other'), opened: false }],
    ]);
    const rates = failureRates(rows, (text) => verdicts.get(text)!);
    expect(rate('works words in posts about something else', rates)).toMatchObject({ texts: 1, broken: 1 });
    expect(rate('complaints about other services', rates)).toMatchObject({ texts: 2, broken: 1 });
    expect(rate('thanks and praise', rates)).toMatchObject({ texts: 1, broken: 1 });
    expect(rate('works news and announcements', rates)).toMatchObject({ texts: 1, broken: 0 });
    expect(rate('rain and weather talk', rates).texts).toBe(0);
  });

  it('holds a works complaint with its topic in a hashtag to the opposite promise: a case', () => {
    const rows = [{ text: 'من أسبوع على هالحال #حفريات_شارع_البديع', domain: 'roads' as const, intent: 'complaint' as const }];
    const missed = failureRates(rows, () => ({ classification: said('roads', 'complaint'), opened: false }));
    expect(rate('works complaints whose topic is in a hashtag', missed)).toMatchObject({ texts: 1, broken: 1 });
    const opened = failureRates(rows, () => ({ classification: said('roads', 'complaint'), opened: true }));
    expect(rate('works complaints whose topic is in a hashtag', opened)).toMatchObject({ texts: 1, broken: 0 });
    expect(new Set(FAILURE_CLASSES.map((c) => c.name)).size).toBe(FAILURE_CLASSES.length);
  });
});
