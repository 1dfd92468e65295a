import { evidenceRuns, spansOf, type EvidenceSpan } from '../../src/console/web/evidence';

const span = (start: number, end: number, kind: EvidenceSpan['kind'] = 'domain', term = 't'): EvidenceSpan => ({ start, end, kind, term });

describe('evidenceRuns', () => {
  it.each([
    ['no evidence keeps the text whole', 'نقرة في الطريق', [], [['نقرة في الطريق', '']]],
    ['one span splits the text around it', 'نقرة في الطريق', [span(0, 4)], [['نقرة', 'domain'], [' في الطريق', '']]],
    ['a span at the end', 'نقرة في الطريق', [span(8, 14)], [['نقرة في ', ''], ['الطريق', 'domain']]],
    ['overlapping spans of two kinds share the overlap', 'abcdef', [span(0, 4, 'domain'), span(2, 6, 'urgency')], [['ab', 'domain'], ['cd', 'domain urgency'], ['ef', 'urgency']]],
    ['offsets past the end are clamped, empty spans ignored', 'abc', [span(1, 99), span(2, 2)], [['a', ''], ['bc', 'domain']]],
  ] as [string, string, EvidenceSpan[], [string, string][]][])('%s', (_name, text, spans, expected) => {
    const runs = evidenceRuns(text, spans);
    expect(runs.map((r) => [r.text, r.kinds.join(' ')])).toEqual(expected);
    expect(runs.map((r) => r.text).join('')).toBe(text);
  });

  it('uses UTF-16 offsets, so an emoji before the term does not shift the highlight', () => {
    const text = '😤 مجاري طافحة';
    const start = text.indexOf('مجاري');
    const runs = evidenceRuns(text, [span(start, start + 'مجاري'.length)]);
    expect(runs.find((r) => r.kinds.length)?.text).toBe('مجاري');
  });
});

describe('spansOf', () => {
  it('collects domain, intent and urgency evidence tagged by kind', () => {
    const spans = spansOf({
      domains: [{ domain: 'roads', evidence: [{ term: 'نقرة', start: 0, end: 4 }] }],
      intentEvidence: [{ term: 'متى', start: 5, end: 8 }],
      urgencyEvidence: [{ term: 'خطر', start: 9, end: 12 }],
    });
    expect(spans.map((s) => `${s.kind}:${s.term}`)).toEqual(['domain:نقرة', 'intent:متى', 'urgency:خطر']);
  });
});
