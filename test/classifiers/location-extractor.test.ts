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

describe('location extraction rules', () => {
  it.each<[string, string, Location]>([
    // area over governorate
    ['the village, not the governorate, when both are named', 'المحافظة الجنوبية ولا حياة لمن تنادي، الحفرة في منطقة جو', { area: 'جو', governorate: 'الجنوبية' }],
    ["the area's own governorate when another governorate's council is named", 'المجلس البلدي للمحافظة الشمالية يتابع الحفرة في الجفير', { area: 'الجفير', governorate: 'العاصمة' }],
    ['the place of the problem, not the municipality written to', 'بلدية المحرق ما ردت، المجاري طافحة في قلالي', { area: 'قلالي', governorate: 'المحرق' }],
    ['the English place of the problem, not the council', 'Muharraq council came but the drain in Galali is still blocked', { area: 'قلالي', governorate: 'المحرق' }],
    // A municipality or municipal council serves a whole governorate: its name is no area.
    ["only the council's governorate when no other place is named", 'بلدية المحرق ما ترد على الاتصالات', { governorate: 'المحرق' }],
    ["only the council's governorate from «مجلس … البلدي»", 'رد الوزارة على ما طرحه مجلس المحرق البلدي في جلسته الأخيرة', { governorate: 'المحرق' }],
    // house, building and flat numbers
    ['a house number after منزل رقم', 'المجاري طافحة قدام منزل رقم 12', { building: '12' }],
    ['a building number after البناية رقم', 'البناية رقم 5 فيها تسريب من السقف', { building: '5' }],
    ['a flat number after شقة', 'شقة 3 الماي ينزل من السقف', { flat: '3' }],
    ['an English building and flat', 'Building 1234 Flat 21 leaking roof', { building: '1234', flat: '21' }],
    ['a house number followed by a clause joined with و', 'حفرة قدام منزل رقم 12 والسيارات تطيح فيها', { building: '12' }],
    // blocks written without مجمع
    ['a block before بقرية', 'أهالي 367 بقرية كرزكان يعانون من المجاري', { block: '367', area: 'كرزكان', governorate: 'الشمالية' }],
    ['a block before a clitic place', 'أهالي 614 بسترة بدون صرف صحي', { block: '614', area: 'سترة', governorate: 'العاصمة' }],
    ['a block the gazetteer knows, alone, with its area', 'المطر غرّق مجمع 922 بالكامل', { block: '922', area: 'الرفاع الغربي', governorate: 'الجنوبية' }],
    // English forms
    ['Block / Road / Building in English', 'Building 12, Road 4107, Block 324 sewage everywhere', { building: '12', road: '4107', block: '324', area: 'الجفير', governorate: 'العاصمة' }],
    ['an Avenue number as the road', 'Huge pothole on Avenue 45', { road: '45' }],
    ['a plural "blocks" as the block keyword', 'blocks 456 and 457 flooded', { block: '456' }],
    ['"blocked" beside a real block', 'the drain is blocked near block 338', { block: '338', area: 'العدلية', governorate: 'العاصمة' }],
    // spelling variants
    ['جدعلي written as one word', 'جدعلي غرقانة', { area: 'جد علي', governorate: 'العاصمة' }],
    ['جد علي written as two words', 'جد علي غرقانة', { area: 'جد علي', governorate: 'العاصمة' }],
    ['مدينة عيسى with ه and ي', 'مدينه عيسي الشوارع غرقانة', { area: 'مدينة عيسى', governorate: 'الجنوبية' }],
    ['أم الحصم without hamza', 'في ام الحصم الصرف الصحي طافح', { area: 'أم الحصم', governorate: 'العاصمة' }],
    ['رأس رمان without hamza', 'راس رمان الشارع مكسر', { area: 'رأس رمان', governorate: 'العاصمة' }],
  ])('extracts %s', (_case, text, expected) => {
    expect(parts(text)).toEqual(expected);
  });

  it.each<[string, string, Location]>([
    ['الحد as "reducing"', 'الحد من الحوادث واجب على الوزارة', {}],
    ['الحد as "reducing" with an address elsewhere in the post', 'الحد من الحوادث يبدأ من اصلاح الاشارة في مجمع 736', { block: '736' }],
    ['سترة the garment', 'اشتريت سترة جديدة للشتاء', {}],
    ['عالي the adjective', 'صوت الشفاط عالي طول الليل', {}],
    ['عالي the adjective before an address further on', 'منسوب الماي عالي في شارع 12', { road: '12' }],
    ['"blocked" with a number after it', 'road blocked 456 near the school', {}],
    ['"blocking" with a number after it', 'trucks blocking 2 lanes', {}],
    ['a road width in metres', 'عرض الشارع 7 متر بس', {}],
    ['a road length in kilometres', 'الطريق 4 كم كله حفر', {}],
    ['a duration after البيت', 'البيت 3 أيام بدون صرف صحي', {}],
    ['a time after الشارع', 'الشارع 7 الصبح زحمة', {}],
    ['a phone number split in two after منزل', 'منزل 3312 3456 اتصلوا علي', {}],
    ['a year', 'الشارع محفور من 2019', {}],
    ['an amount', 'دفعت 500 دينار تصليح', {}],
    ['a count', 'أكثر من 20 عائلة تضررت', {}],
  ])('takes no place or address number from %s', (_case, text, expected) => {
    expect(parts(text)).toEqual(expected);
  });
});

describe('location extraction: fixes from the real-sentence measurement (eval:locations)', () => {
  it.each<[string, string, Location]>([
    // Places added to the gazetteer by hand (no open source gives their coordinates).
    ['المصلى after a cue word', 'انقطاع الماء عن بيوت قرية المصلى منذ الصباح', { area: 'المصلى', governorate: 'العاصمة' }],
    ['عذاري after بمنطقة', 'الشارع الرئيسي بمنطقة عذاري مليء بالحفر', { area: 'عذاري', governorate: 'العاصمة' }],
    ['a bare block number before عذاري', 'أهالي 365 بقرية عذاري يطالبون بتبليط الطريق', { block: '365', area: 'عذاري', governorate: 'العاصمة' }],
    ['the dialect spelling المالجيه', 'المجاري طافحة في المالجيه من أسبوع', { area: 'المالكية', governorate: 'الشمالية' }],
    // A clitic ب/ل on a word the resolver read otherwise.
    ['a two-word place with ب glued on', 'المياه دخلت البيوت بجد الحاج بعد المطر', { area: 'جد الحاج', governorate: 'الشمالية' }],
    ['a road keyword with ل glued on', 'المقاول حفر الأسفلت لطريق 3412 وتركه بدون تبليط', { road: '3412' }],
    // A dateline: place at the start, then a dash.
    ['a dateline with a cue-1 place', 'عالي - أحمد علي\nطالب الأهالي بإصلاح الإنارة', { area: 'عالي', governorate: 'الشمالية' }],
    ['a dateline with tatweel and an en dash', 'النعيـــم – علي حسن', { area: 'النعيم', governorate: 'العاصمة' }],
    ['a dateline on a later line', 'تقرير الأسبوع\nعذاري – حسين أحمد', { area: 'عذاري', governorate: 'العاصمة' }],
    // A public place named after its area: a cue-2 place (الحد) after a landmark word, and English with the word after.
    ['a walkway named after a cue-2 place', 'في ممشى الحد بلاط مكسور والإنارة طافية', { area: 'الحد', governorate: 'المحرق' }],
    ['a park named after a cue-1 place', 'حديقة عالي ما فيها إنارة من أسبوع', { area: 'عالي', governorate: 'الشمالية' }],
    ['an English walkway before its area word', 'The Seef walking path has broken tiles', { area: 'السيف', governorate: 'العاصمة' }],
    // English named road.
    ['an English named avenue', 'Big pothole near the bakery, Shaikh Khalifa Avenue, please fix', { road: 'شارع الشيخ خليفة' }],
  ])('finds the place in %s', (_case, text, expected) => {
    expect(parts(text)).toEqual(expected);
  });

  it.each<[string, string, Location]>([
    ['a nisba surname of جدحفص', 'قال المواطن علي الجدحفصي إن الوضع صعب', {}],
    ['a nisba surname after a dateline place', 'عذاري - حسن الجدحفصي\nأكمل المقاول الرصف', { area: 'عذاري', governorate: 'العاصمة' }],
    ['the surname العالي after a locative', 'تصريح من حسن العالي للصحافة', {}],
    ['a cue-1 place as a mid-sentence word before a dash', 'الصوت عالي - والجيران يشتكون', {}],
    ['مجمع … الطبي, the hospital', 'نقل المصاب إلى مجمع السلمانية الطبي للعلاج', {}],
    ['مستشفى with ب glued on', 'لدي موعد بمستشفى السلمانية الأسبوع القادم', {}],
    ['the hospital in English', 'he was taken to Salmaniya Medical Complex', {}],
    ['مصلى, a prayer hall', 'صلينا في مصلى النساء', {}],
    ['وجد, the verb, before a name', 'وجد علي الحل بنفسه', {}],
    ['الحد, "limiting", with no landmark word beside it', 'نطالب بالحد من السرعة قرب الممشى', {}],
  ])('takes no wrong place from %s', (_case, text, expected) => {
    expect(parts(text)).toEqual(expected);
  });

  it('keeps the district when the hospital is named beside a real address', () => {
    expect(parts('حفرة في طريق 2904 بمنطقة السلمانية قرب مستشفى السلمانية')).toMatchObject({ road: '2904', area: 'السلمانية' });
  });
});
