import places from '../../classifiers/gazetteer/places.json';
import variants from '../../classifiers/gazetteer/variants.json';

/**
 * The hand-curated part of the gazetteer keeps its reasons: a place no open source locates says
 * why it has the governorate it has, and a name raised above cue 0 says which everyday reading it
 * guards against. The generated places.json must agree (same cue, a governorate for every place).
 */
type Override = { en?: string; cue?: number; cueWhy?: string; governorate?: string; governorateWhy?: string; coord?: unknown };
const overrides = Object.entries(variants.places as Record<string, Override>);

describe('gazetteer data', () => {
  it('gives every hand-added place without coordinates a governorate and the reason for it', () => {
    const missing = overrides.filter(([k, o]) => k.startsWith('new:') && !o.coord && !(o.governorate && o.governorateWhy)).map(([k]) => k);
    expect(missing).toEqual([]);
  });

  it('gives every cue raised by hand the reason for it', () => {
    const missing = overrides.filter(([, o]) => (o.cue ?? 0) > 0 && !o.cueWhy).map(([k]) => k);
    expect(missing).toEqual([]);
  });

  it('has a governorate for every place, and the cue levels variants.json sets for the hand-added ones', () => {
    expect(places.places.filter((p) => !p.governorate).map((p) => p.id)).toEqual([]);
    const byEn = new Map(places.places.map((p) => [p.en, p]));
    for (const [k, o] of overrides) {
      if (!k.startsWith('new:') || o.cue === undefined) continue;
      expect([k, byEn.get(o.en ?? '')?.cue]).toEqual([k, o.cue]);
    }
  });

  it('keeps no alias on two places unless both are true homonyms listed in SOURCES.md', () => {
    const owners = new Map<string, string[]>();
    for (const p of places.places) for (const a of new Set([p.ar, ...p.aliases])) owners.set(a, [...(owners.get(a) ?? []), p.id]);
    const shared = [...owners].filter(([, ids]) => ids.length > 1).map(([a]) => a).sort();
    expect(shared).toEqual(['القرية', 'القريه', 'القلعة', 'القلعه'].sort());
  });
});
