/** The citizen's text exactly as written (handles and links kept whole), with the words the classifier relied on highlighted. */
import type { Classification } from '../../../domain/classification';
import { spansOf } from '../evidence';
import { useI18n } from '../i18n';
import { PostText } from './post-text';

export function EvidenceText({ text, classification }: { text: string; classification: Classification }) {
  const { t } = useI18n();
  const spans = spansOf(classification);
  const kindName = { domain: t('evidenceDomain'), intent: t('evidenceIntent'), urgency: t('evidenceUrgency') };
  return (
    <div class="evidence-block">
      <PostText
        as="blockquote"
        class="mention-text"
        data-testid="mention-text"
        text={text}
        spans={spans}
        markTitle={(r) => `${r.kinds.map((k) => kindName[k]).join(' + ')}: ${r.terms.join('، ')}`}
      />
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
