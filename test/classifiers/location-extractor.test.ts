import { createClassifier } from '../../classifiers';
import type { Location } from '../../src/domain/classification';

const classifier = createClassifier({ withoutSecondOpinion: true });

/** The address parts only: coordinates have their own tests (location-coordinates.test.ts). */
function parts(text: string): Location {
  const { lat: _lat, long: _long, precision: _precision, ...rest } = classifier.classify(text).location;
  return rest;
}

describe('location extraction', () => {
  it.each<[string, string, Location]>([
    ['block after مجمع', 'حفرة في مجمع 701', { block: '701' }],
    ['block after مجمع رقم', 'المجاري طافحة في مجمع رقم 512', { block: '512' }],
    ['block with Arabic-Indic digits (a known block gives its area)', 'حفرة في مجمع ٣٢٤', { block: '324', area: 'الجفير', governorate: 'العاصمة' }],
    ['block glued to its keyword', 'حفرة في مجمع701', { block: '701' }],
    ['block in English', 'pothole in block 338', { block: '338', area: 'العدلية', governorate: 'العاصمة' }],
    ['block abbreviated', 'pothole blk 338', { block: '338', area: 'العدلية', governorate: 'العاصمة' }],
    ['road after طريق', 'حفرة في طريق 2404', { road: '2404' }],
    ['road after شارع', 'حفرة في شارع 45', { road: '45' }],
    ['road in English', 'pothole on road 1234', { road: '1234' }],
    ['road abbreviated', 'pothole on rd 1234', { road: '1234' }],
    ['building after مبنى', 'تشققات في مبنى 12', { building: '12' }],
    ['house number after منزل', 'المجاري طافحة عند منزل رقم 45', { building: '45' }],
    ['building in English', 'leak in building 7', { building: '7' }],
    ['full Bahraini address', 'منزل 123 طريق 4567 مجمع 789', { building: '123', road: '4567', block: '789' }],
    ['named road from the gazetteer', 'زحمة في شارع البديع', { road: 'شارع البديع' }],
    ['named highway in English', 'potholes on budaiya highway', { road: 'شارع البديع' }],
    ['area with its governorate', 'حفرة في سترة', { area: 'سترة', governorate: 'العاصمة' }],
    ['area after a clitic ب', 'المجاري طافحة بسترة', { area: 'سترة', governorate: 'العاصمة' }],
    ['area with the article and و', 'حفر والمحرق', { area: 'المحرق', governorate: 'المحرق' }],
    ['multi-word area', 'حفرة في مدينة عيسى', { area: 'مدينة عيسى', governorate: 'الجنوبية' }],
    ['area in English', 'flooding in Isa Town', { area: 'مدينة عيسى', governorate: 'الجنوبية' }],
    ['the longer of two nested names', 'حفرة في الرفاع الشرقي', { area: 'الرفاع الشرقي', governorate: 'الجنوبية' }],
    ['village spelt with teh marbuta as heh', 'حفرة في كرانه', { area: 'كرانة', governorate: 'الشمالية' }],
    ['explicit governorate', 'مشاريع الطرق في المحافظة الشمالية', { governorate: 'الشمالية' }],
    ['ambiguous name after a locative word', 'حفرة في عالي', { area: 'عالي', governorate: 'الشمالية' }],
    ['very ambiguous name after a cue word', 'حفرة في منطقة جو', { area: 'جو', governorate: 'الجنوبية' }],
    ['ambiguous name next to an address number', 'سند مجمع 743 حفرة', { area: 'سند', block: '743', governorate: 'العاصمة' }],
  ])('extracts %s', (_case, text, expected) => {
    expect(parts(text)).toEqual(expected);
  });

  it.each([
    ['عالي as "high"', 'صوت الموسيقى عالي'],
    ['جو as "weather"', 'الجو حلو اليوم'],
    ['الخميس as Thursday', 'نشوفكم الخميس'],
    ['مجمع as a mall, without a number', 'رحت مجمع كبير'],
    ['a keyword followed by a long number', 'اتصل على الطريق 3312345678'],
  ])('finds no location in %s', (_case, text) => {
    expect(classifier.classify(text).location).toEqual({});
  });
});
