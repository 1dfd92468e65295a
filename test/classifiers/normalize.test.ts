import { normalize, normalizeForSearch } from '../../classifiers/normalize';

describe('normalize', () => {
  it.each([
    ['removes harakat and shadda', 'الطَّرِيقُ', 'الطريق'],
    ['removes the superscript alef', 'هٰذا', 'هذا'],
    ['removes Quranic marks', 'قال۟ۖ', 'قال'],
    ['removes tatweel', 'شـــارع', 'شارع'],
    ['folds hamza-on-alef above to bare alef', 'أشغال', 'اشغال'],
    ['folds hamza-on-alef below to bare alef', 'إنارة', 'انارة'.replace('ة', 'ه')],
    ['folds madda alef to bare alef', 'آسن', 'اسن'],
    ['folds wasla alef to bare alef', 'ٱلشارع', 'الشارع'],
    ['folds alef maqsura to yeh', 'مجرى', 'مجري'],
    ['folds teh marbuta to heh', 'حفرة', 'حفره'],
    ['folds hamza on waw to waw', 'مؤقت', 'موقت'],
    ['folds hamza on yeh to yeh', 'طارئ', 'طاري'],
    ['folds Persian keheh to kaf', 'کبير', 'كبير'],
    ['folds Farsi yeh to yeh', 'شارعی', 'شارعي'],
    ['folds heh goal to heh', 'ہذا', 'هذا'],
    ['folds heh doachashmee to heh', 'ھذا', 'هذا'],
    ['turns Arabic-Indic digits into ASCII', 'مجمع ٧٠١', 'مجمع 701'],
    ['turns Persian digits into ASCII', 'طريق ۱۲۳۴', 'طريق 1234'],
    ['maps the Arabic question mark, comma and semicolon to ASCII punctuation', 'وين؟ هنا، هناك؛', 'وين? هنا, هناك;'],
    ['collapses a letter repeated three times or more', 'كثيييير', 'كثير'],
    ['keeps a doubled letter', 'llama', 'llama'],
    ['never collapses repeated digits', '1000', '1000'],
    ['lower-cases Latin', 'Pothole ROAD', 'pothole road'],
    ['removes URLs', 'شوفوا https://t.co/AbC123 الحين', 'شوفوا الحين'],
    ['removes www addresses', 'visit www.example.com now', 'visit now'],
    ['keeps @handles whole, underscores included', 'يا @MOW_Bahrain وينكم', 'يا @mow_bahrain وينكم'],
    ['splits hashtags on underscores', '#طفح_المجاري', 'طفح المجاري'],
    ['sets emoji aside', 'حفرة 😡 كبيرة', 'حفره كبيره'],
    ['folds presentation-form ligatures with NFKC', 'ﻻ', 'لا'],
    ['folds presentation-form letters with NFKC', 'ﺷﺎﺭﻉ', 'شارع'],
    ['drops bidi and zero-width marks', 'شا\u200fر\u200dع', 'شارع'],
    ['separates Arabic words from attached numbers', 'مجمع701', 'مجمع 701'],
    ['keeps Arabizi digits inside Latin words', '7ofra', '7ofra'],
    ['collapses runs of whitespace and trims', '  طريق \n\t  سريع  ', 'طريق سريع'],
  ])('%s', (_rule, input, expected) => {
    expect(normalizeForSearch(input)).toBe(expected);
  });

  it('lists the emoji it set aside', () => {
    expect(normalize('زين 👍 بس 😡').emoji).toEqual(['👍', '😡']);
  });

  it.each([
    ['a word after harakat', 'الطَّرِيقُ مكسر', 'مكسر'],
    ['a word after an emoji and a URL', '😡 https://x.co/a حفرة', 'حفرة'],
    ['a word after elongation', 'كثيييير حفرة', 'حفرة'],
    ['a word after presentation forms', 'ﻻ حفرة', 'حفرة'],
  ])('maps spans back to the original text: %s', (_case, input, word) => {
    const n = normalize(input);
    const target = normalizeForSearch(word);
    const at = n.text.indexOf(target);
    expect(at).toBeGreaterThanOrEqual(0);
    const span = n.toOriginal(at, at + target.length);
    expect(input.slice(span.start, span.end)).toBe(word);
  });

  it('widens a letter span over the marks that follow it', () => {
    const input = 'طَرِيقٌ';
    const n = normalize(input);
    expect(n.text).toBe('طريق');
    const span = n.toOriginal(0, n.text.length);
    expect(input.slice(span.start, span.end)).toBe(input);
  });
});
