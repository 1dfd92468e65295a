import { areaNames, locationFigures } from '../../../classifiers/eval/real-text-locations';

const gazetteer = {
  areas: [
    { id: 'hamad-town', name: 'مدينة حمد', governorate: 'الجنوبية', aliases: ['hamad town', 'madinat hamad'], cue: 0 as const, lat: null, lon: null },
    { id: 'jidali', name: 'جد علي', governorate: 'العاصمة', aliases: [], cue: 0 as const, lat: null, lon: null },
  ],
};

describe('location figures on labelled real text', () => {
  const canonical = areaNames(gazetteer);

  it('reads a labelled place through the gazetteer\'s names and aliases, spaces and article aside', () => {
    expect(canonical('Hamad Town')).toBe('مدينة حمد');
    expect(canonical('جدعلي')).toBe('جد علي');
    expect(canonical('المدينة المجهولة')).not.toBe(canonical('مدينة حمد'));
  });

  it('counts a place found only when every labelled part is, a named street under road or roadName', () => {
    const f = locationFigures(
      [
        { location: { area: 'Hamad Town', block: '1216' }, predicted: { area: 'مدينة حمد', block: '1216' } },
        { location: { roadName: 'شارع البديع' }, predicted: { road: 'شارع البديع' } },
        { location: { area: 'جدعلي', block: '426' }, predicted: { area: 'جد علي', block: '427' } },
        { location: { road: '105' }, predicted: { road: 'جسر الشيخ عيسى' } },
        { location: null, predicted: { area: 'مدينة حمد' } },
        { location: null, predicted: null },
      ],
      canonical,
    );
    expect(f).toEqual({ labelled: 4, exact: 2, areas: 2, areasFound: 2, blocks: 2, blocksFound: 1, unlabelled: 2, spurious: 1 });
  });
});
