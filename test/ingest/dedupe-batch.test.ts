import { dedupeBatch } from '../../src/ingest/classify-mentions';
import { buildRaw } from '../support/builders';

describe('dedupeBatch', () => {
  it('keeps the first of two items with one id, as the store keeps the one it has when the id comes again later', () => {
    const first = buildRaw({ externalId: 'p1', text: 'حفرة كبيرة في شارع 45', url: undefined, sources: ['search'] });
    const later = buildRaw({ externalId: 'p1', text: 'duplicate id of line 1', url: 'https://x.com/i/status/p1', sources: ['hashtag'] });
    const other = buildRaw({ externalId: 'p2', text: 'شكرا' });
    const out = dedupeBatch([first, other, later]);
    expect(out.map((r) => r.externalId)).toEqual(['p1', 'p2']);
    // The first's fields stand; the later one only fills what it lacked, and adds where it was seen.
    expect(out[0]).toMatchObject({ text: 'حفرة كبيرة في شارع 45', sources: ['search', 'hashtag'] });
    expect(out[0].url).toBe('https://x.com/i/status/p1');
  });
});
