import { DICTIONARIES, translator, type MessageKey } from '../../src/console/web/messages';

describe('the console translation table', () => {
  it('chooses the Arabic plural form by the number (zero, one, two, 3–10, 11–99, 100+)', () => {
    const t = translator('ar');
    const likes = (count: number) => t('likes', { n: count, count });
    expect([0, 1, 2, 5, 11, 100].map(likes)).toEqual(['لا إعجابات', 'إعجاب واحد', 'إعجابان', '5 إعجابات', '11 إعجابًا', '100 إعجاب']);
    expect(t('followers', { n: '1٬200', count: 1200 })).toBe('1٬200 متابع');
  });

  it('chooses the English singular or plural, and falls back to the general form without a count', () => {
    const t = translator('en');
    expect(t('likes', { n: 1, count: 1 })).toBe('1 like');
    expect(t('likes', { n: 3, count: 3 })).toBe('3 likes');
    expect(t('likes', { n: '—' })).toBe('— likes');
  });

  it('gives every plural message an "other" form in both languages', () => {
    for (const dict of Object.values(DICTIONARIES)) {
      for (const [key, entry] of Object.entries(dict)) {
        if (typeof entry !== 'string') expect({ key, other: typeof entry.other }).toEqual({ key, other: 'string' });
      }
    }
  });

  it('calls releasing a claim what it is, not «إفلات»', () => {
    const t = translator('ar');
    expect(t('release' as MessageKey)).toBe('إلغاء الاستلام');
  });
});
