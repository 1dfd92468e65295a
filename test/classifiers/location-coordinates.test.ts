import { createClassifier } from '../../classifiers';

const classifier = createClassifier({ withoutSecondOpinion: true });
const where = (text: string) => {
  const { lat, long, precision } = classifier.classify(text).location;
  return { lat, long, precision };
};

// Centroids from classifiers/gazetteer/places.json and blocks.json.
describe('coordinates of an extracted location', () => {
  it("uses the block's own centroid when blocks.json has the block", () => {
    expect(where('المجاري طافحة في مجمع 338')).toEqual({ lat: 26.2163, long: 50.59451, precision: 'block' });
  });

  it('uses the block centroid when the block lies in the area named', () => {
    expect(where('البسيتين مجمع 228 انهيار في الرصيف')).toEqual({ lat: 26.26149, long: 50.59719, precision: 'block' });
  });

  it("uses the area's centroid when the block is not in blocks.json", () => {
    expect(where('المنزل رقم 45 في عالي مجمع 736 غرقان')).toEqual({ lat: 26.16194, long: 50.51639, precision: 'area' });
  });

  it("uses the area's centroid when the block belongs to another place than the area written", () => {
    expect(where('في الماحوز مجمع 336 حفرة قدام المسجد')).toEqual({ lat: 26.2072, long: 50.59479, precision: 'area' });
  });

  it("falls back to the governorate's centroid for a place without coordinates", () => {
    expect(where('تسريب في سقف مدرسة بمدينة زايد')).toEqual({ lat: 26.18888, long: 50.49407, precision: 'governorate' });
  });

  it("falls back to the Capital's centroid for the hand-added places no open source locates (المصلى، عذاري)", () => {
    expect(where('حفرة كبيرة في طريق بقرية المصلى')).toMatchObject({ precision: 'governorate' });
    expect(where('حفرة كبيرة في طريق بقرية عذاري')).toEqual(where('مشروع في محافظة العاصمة متعثر'));
  });

  it("gives only the council's governorate's centroid when the council alone is named", () => {
    expect(where('بلدية المحرق ما ترد على الاتصالات')).toEqual(where('مشروع تصريف الأمطار في محافظة المحرق متعثر'));
  });

  it("uses the governorate's centroid when only the governorate is named", () => {
    expect(where('مشروع تصريف الأمطار في محافظة المحرق متعثر')).toEqual({ lat: 26.26516, long: 50.64353, precision: 'governorate' });
  });

  it('gives no coordinates to a bare road number that no place locates', () => {
    expect(where('حفرة في طريق 2404')).toEqual({ lat: undefined, long: undefined, precision: undefined });
  });
});
