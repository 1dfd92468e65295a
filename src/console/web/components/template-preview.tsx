/**
 * Live preview of one template body with sample values: known variables show the value they
 * would take (marked), unknown ones stay as typed and are flagged, and the X length is measured
 * on the filled text, as the composer will measure it.
 */
import type { TemplateLang } from '../../../templates/store/template-store';
import { useI18n } from '../i18n';
import { measureReply } from '../reply-length';
import { filledText, unknownIn, variableList, type Segment } from '../template-segments';

export function TemplatePreview({ lang, segments }: { lang: TemplateLang; segments: Segment[] }) {
  const { t, lang: uiLang } = useI18n();
  const text = filledText(segments);
  const unknown = unknownIn(segments);
  const x = measureReply('x', text);
  const over = x.max !== null && x.length > x.max;
  return (
    <div class="tpl-preview" data-testid={`preview-${lang}`}>
      <p class="section-title">{t('previewOf', { lang: t(`lang_${lang}`) })}</p>
      {segments.length === 0 ? (
        <p class="muted small">{t('previewEmpty')}</p>
      ) : (
        <p class="tpl-preview-text" lang={lang} dir={lang === 'ar' ? 'rtl' : 'ltr'}>
          {segments.map((s, i) =>
            s.kind === 'text' ? (
              s.text
            ) : s.known ? (
              <mark key={i} class="var-value" title={`{${s.name}}`}>
                {s.value || `{${s.name}}`}
              </mark>
            ) : (
              <mark key={i} class="var-unknown" title={t('unknownVariable')}>
                {`{${s.name}}`}
              </mark>
            ),
          )}
        </p>
      )}
      <p class={`small ${over ? 'counter-over' : 'muted'}`}>{t('lengthOnX', { n: x.length })}</p>
      {unknown.length > 0 && <p class="small tpl-hint">{t('unknownVarsHint', { vars: variableList(unknown, uiLang) })}</p>}
    </div>
  );
}
