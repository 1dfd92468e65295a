/**
 * A post's text exactly as written, in its own direction, with every handle, link, e-mail address,
 * hashtag and phone number isolated in its own (text-direction.ts), so «صباح الخير @MOWBahrain»
 * keeps its "@" before the name; optionally with the classifier's evidence highlighted. Every view
 * that shows a post's (or a reply's) text renders it through this.
 */
import type { EvidenceSpan, TextRun } from '../evidence';
import { postSegments, textDirection } from '../text-direction';

type Tag = 'p' | 'blockquote' | 'span' | 'div' | 'h3';

export function PostText(props: {
  text: string;
  as?: Tag;
  class?: string;
  /** The classifier's evidence to highlight; `markTitle` says what a highlight stands for. */
  spans?: EvidenceSpan[];
  markTitle?: (run: TextRun) => string;
  'data-testid'?: string;
}) {
  const { text, as: Tag = 'p', spans, markTitle } = props;
  const runs = (list: TextRun[]) =>
    list.map((r, i) =>
      r.kinds.length ? (
        <mark key={i} class={`ev ${r.kinds.map((k) => `ev-${k}`).join(' ')}`} title={markTitle?.(r)} data-kinds={r.kinds.join(' ')}>
          {r.text}
        </mark>
      ) : (
        r.text
      ),
    );
  return (
    <Tag class={props.class} dir={textDirection(text)} data-testid={props['data-testid']}>
      {postSegments(text, spans).map((s) =>
        s.token ? (
          <bdi key={s.start} dir={s.token.dir} class="bidi-run" data-bidi={s.token.kind}>
            {runs(s.runs)}
          </bdi>
        ) : (
          runs(s.runs)
        ),
      )}
    </Tag>
  );
}
