import { createClassifier } from '../../classifiers';
import type { Location } from '../../src/domain/classification';

/**
 * Places added to the gazetteer by hand (variants.json 'new:' entries with no Who's On First
 * record): each is found where a post names it, and the ones whose name is also a word, a family
 * name or a mosque are found only with the context their cue level asks for.
 */
const classifier = createClassifier({ withoutSecondOpinion: true });

function parts(text: string): Location {
  const { lat: _lat, long: _long, precision: _precision, ...rest } = classifier.classify(text).location;
  return rest;
}

describe('places added to the gazetteer by hand', () => {
  it.each<[string, string, Location]>([
    ['a Riffa district (cue 0)', 'الشارع مكسر في بوكوارة من شهر', { area: 'بوكوارة', governorate: 'الجنوبية' }],
    ['a Riffa district in English', 'potholes all over Bu Kowarah', { area: 'بوكوارة', governorate: 'الجنوبية' }],
    ['الفاتح after منطقة (cue 2)', 'حفر في شوارع منطقة الفاتح قرب الجامع', { area: 'الفاتح', governorate: 'العاصمة' }],
    ['اللوزي after a locative (cue 1)', 'انقطاع الكهرباء في اللوزي منذ الصباح', { area: 'اللوزي', governorate: 'الشمالية' }],
    ['جري الشيخ after منطقة', 'حفرة كبيرة في منطقة جري الشيخ', { area: 'جري الشيخ', governorate: 'الجنوبية' }],
    ['وادي السيل after منطقة (cue 2)', 'تجمعت المياه في منطقة وادي السيل بعد المطر', { area: 'وادي السيل', governorate: 'الجنوبية' }],
    ['درة المحرق with its block, not the city', 'اشتكى أهالي مجمع 262 بمنطقة درة المحرق من الطرق الترابية', { block: '262', area: 'درة المحرق', governorate: 'المحرق' }],
    ['الرفاع الشمالي, not الرفاع', 'الرفاع الشمالي بدون إنارة', { area: 'الرفاع الشمالي', governorate: 'الجنوبية' }],
    ['هورة عالي, not عالي', 'مشروع رصف في هورة عالي', { area: 'هورة عالي', governorate: 'الشمالية' }],
    ['بوغزال after a locative', 'الإنارة مطفية في بوغزال', { area: 'بوغزال', governorate: 'العاصمة' }],
    ['the beach by its full name', 'المياه الراكدة في بلاج الجزائر', { area: 'بلاج الجزائر', governorate: 'الجنوبية' }],
  ])('finds %s', (_case, text, expected) => {
    expect(parts(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['the Al-Fateh mosque', 'صلينا الجمعة في جامع الفاتح'],
    ['«الفاتح من» a month', 'يبدأ الدوام في الفاتح من سبتمبر'],
    ['a flood channel abroad', 'جرفت المياه السيارات في وادي السيل الكبير'],
    ['the family name اللوزي', 'قال محمد اللوزي إن المشروع تأخر'],
    ['جري, running', 'شاهدت جري الشيخ في الماراثون'],
    ['the family name أبو غزال', 'تصريح أبو غزال للصحافة'],
    ['Algeria', 'منتخب الجزائر فاز أمس'],
  ])('takes no place from %s', (_case, text) => {
    expect(parts(text)).toEqual({});
  });

  it('leaves block 324 with Juffair, as addresses give it', () => {
    expect(parts('حفرة في مجمع 324')).toEqual({ block: '324', area: 'الجفير', governorate: 'العاصمة' });
  });
});
