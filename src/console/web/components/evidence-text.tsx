/** The citizen's text exactly as written, with the words the classifier relied on highlighted. */
import type { Classification } from '../../../domain/classification';
import { evidenceRuns, spansOf } from '../evidence';
import { useI18n } from '../i18n';
import { textDirection } from '../text-direction';

export function EvidenceText({ text, classification }: { text: string; classification: Classification }) {
  const { t } = useI18n();
  const spans = spansOf(classification);
  const runs = evidenceRuns(text, spans);
  const kindName = { domain: t('evidenceDomain'), intent: t('evidenceIntent'), urgency: t('evidenceUrgency') };
  return (
    <div class="evidence-block">
      <blockquote class="mention-text" dir={textDirection(text)} data-testid="mention-text">
        {runs.map((r, i) =>
          r.kinds.length ? (
            <mark key={i} class={`ev ${r.kinds.map((k) => `ev-${k}`).join(' ')}`} title={`${r.kinds.map((k) => kindName[k]).join(' + ')}: ${r.terms.join('، ')}`} data-kinds={r.kinds.join(' ')}>
              {r.text}
            </mark>
          ) : (
            r.text
          ),
        )}
      </blockquote>
      {spans.length > 0 ? (
        <p class="legend small">
          {t('evidenceLegend')} <mark class="ev ev-domain">{kindName.domain}</mark> <mark class="ev ev-intent">{kindName.intent}</mark>{' '}
          <mark class="ev ev-urgency">{kindName.urgency}</mark>
        </p>
      ) : (
        <p class="legend small muted">{t('evidenceNone')}</p>
      )}
    </div>
  );
}
