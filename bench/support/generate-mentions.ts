/**
 * Seeded generator of realistic mentions for benchmarks and load tests: Gulf dialect, MSA and
 * English across the three works domains plus unrelated chatter, with a long-tailed length
 * distribution (most posts short, a few near the 280-character limit). Same seed, same data.
 */
import { seededRandom } from '../../classifiers/model/train-linear';
import type { RawMention } from '../../src/domain';

// The same seeded generator (mulberry32) the model's training uses: one definition.
export { seededRandom };

const OPENERS = ['يا جماعة', 'وزارة الأشغال', '@MOWBahrain', 'لو سمحتوا', 'Dear @MOWBahrain', 'السلام عليكم', 'الله يعافيكم', ''];
const BODIES = [
  'في نقرة كبيرة بالشارع جدام البيت وخربت تاير السيارة',
  'طفح المجاري من أمس والريحة ما تنطاق والماي واصل للبيوت',
  'إشارة المرور عند الدوار خربانة من يومين والزحمة وايد',
  'أعمدة الإنارة طافية والشارع ظلام دامس بالليل',
  'تجمع مياه الأمطار في الشارع وما نقدر نطلع من البيت',
  'حفريات من شهرين وما خلصت لين متى؟',
  'فتحة الصرف مفتوحة بدون غطاء جنب المدرسة خطر على الأطفال',
  'المدرسة تحتاج صيانة والسقف فيه تشققات وتسريب',
  'شكرا وزارة الأشغال على سرعة الاستجابة وتصليح الشارع',
  'متى بيخلص مشروع تطوير الشارع؟',
  'أقترح تركيب مطب قبل المدرسة لأن السيارات مسرعة',
  'There is a huge pothole on the highway near the flyover, please fix it',
  'Sewage overflowing on our street for three days now',
  'Street lights have been out for a week, it is not safe',
  'يعطيكم العافية على الجهود في تصريف مياه الأمطار',
  'مباراة اليوم كانت رائعة والجمهور ممتاز',
  'عرض خاص على الجوالات لفترة محدودة',
  'الطريق إلى النجاح يبدأ بخطوة',
  'الجو اليوم حلو والغيوم كثيرة',
  'ازدحام شديد بسبب التحويلة الجديدة على شارع الشيخ خليفة',
];
const PLACES = ['في سترة', 'بمدينة عيسى', 'في المحرق', 'في عالي', 'في الرفاع', 'في سند', 'بجدحفص', 'in Juffair', 'in Seef', 'مجمع 1203', 'طريق 4107', 'block 338', 'road 2410', ''];
const TAILS = ['#وزارة_الأشغال', '#البحرين', '🙏', '😡😡', 'الله يعين', 'بسرعة لو سمحتوا', 'ثالث مرة نبلغ', '', '', ''];

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)];
}

/** A post of realistic length: one body, sometimes a second, rarely three (long tail). */
export function generateText(rnd: () => number): string {
  const parts = [pick(rnd, OPENERS), pick(rnd, BODIES), pick(rnd, PLACES)];
  const r = rnd();
  if (r > 0.7) parts.push(pick(rnd, BODIES));
  if (r > 0.93) parts.push(pick(rnd, BODIES), pick(rnd, PLACES));
  parts.push(pick(rnd, TAILS));
  return parts.filter(Boolean).join(' ').slice(0, 280);
}

export interface GenerateOptions {
  count: number;
  seed?: number;
  /** Spread createdAt over this many days before `end`. */
  days?: number;
  end?: Date;
  idPrefix?: string;
}

export function* generateMentions(opts: GenerateOptions): Generator<RawMention> {
  const rnd = seededRandom(opts.seed ?? 42);
  const end = (opts.end ?? new Date('2026-11-29T21:00:00.000Z')).getTime();
  const span = (opts.days ?? 14) * 86_400_000;
  for (let i = 0; i < opts.count; i++) {
    const text = generateText(rnd);
    const authorNo = Math.floor(rnd() ** 2 * 50_000);
    yield {
      externalId: `${opts.idPrefix ?? 'gen'}-${i}`,
      network: rnd() < 0.7 ? 'x' : rnd() < 0.85 ? 'instagram' : 'rss',
      author: { id: `a${authorNo}`, handle: `citizen${authorNo}`, name: 'مواطن', followers: Math.floor(rnd() ** 3 * 20_000) },
      text,
      lang: /[a-z]{4}/i.test(text) && !/[\u0600-\u06ff]/.test(text) ? 'en' : 'ar',
      // Arrival order is time order, as on a real stream: spread evenly with a little jitter.
      createdAt: new Date(end - span + Math.floor(((i + rnd()) / opts.count) * span)).toISOString(),
      metrics: { likes: Math.floor(rnd() ** 4 * 500), replies: Math.floor(rnd() ** 4 * 40), reposts: Math.floor(rnd() ** 5 * 100) },
      kind: 'post',
      sources: ['mentions'],
    };
  }
}
