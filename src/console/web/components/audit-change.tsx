/**
 * One audit entry's change, compactly: a line per changed field ("old → new"), long values cut
 * with the full text in a tooltip, and the raw before/after in a disclosure for the curious.
 * Field names and values read as the rest of the console does: «الوحدة» not unit, user ids as
 * names, units by their Arabic name in Arabic, states and codes in the console's language
 * («قيد المعالجة», not in_progress).
 */
import { auditValue, changeRows, fieldLabel, shortValue } from '../audit-diff';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';

const MAX_ROWS = 4;

export function AuditChange({ action, before, after, nameOf, unitName }: { action?: string; before?: unknown; after?: unknown; nameOf: (id: string) => string; unitName?: (name: string) => string }) {
  const { t, lang } = useI18n();
  const rows = changeRows(before, after);
  if (rows.length === 0) return <span class="muted">{t('none')}</span>;
  const fmt = (iso: string) => formatDateTime(iso, lang);
  const show = (field: string, v: unknown) => shortValue(auditValue(t, nameOf, field, v, { unitName }), 70, fmt);
  const cut = rows.length > MAX_ROWS || rows.some((r) => show(r.field, r.before).full || show(r.field, r.after).full);
  return (
    <div class="audit-change">
      <ul class="change-list">
        {rows.slice(0, MAX_ROWS).map((r) => {
          const b = show(r.field, r.before);
          const a = show(r.field, r.after);
          return (
            <li key={r.field}>
              {r.field && (
                <span class="change-field" title={r.field} data-field={r.field}>
                  {fieldLabel(t, r.field, action)}:
                </span>
              )}{' '}
              {r.had.before && (
                <del class="change-before" dir="auto" title={b.full}>
                  <span class="visually-hidden">{t('auditBefore')}: </span>
                  {b.text}
                </del>
              )}
              {r.had.before && r.had.after && (
                <span class="change-arrow" aria-hidden="true">
                  {lang === 'ar' ? ' ← ' : ' → '}
                </span>
              )}
              {r.had.after && (
                <ins class="change-after" dir="auto" title={a.full}>
                  <span class="visually-hidden">{t('auditAfter')}: </span>
                  {a.text}
                </ins>
              )}
            </li>
          );
        })}
      </ul>
      {cut && (
        <details class="change-details">
          <summary>{t('auditDetails')}</summary>
          {before !== undefined && (
            <>
              <p class="section-title">{t('auditBefore')}</p>
              <pre dir="ltr">{JSON.stringify(before, null, 2)}</pre>
            </>
          )}
          {after !== undefined && (
            <>
              <p class="section-title">{t('auditAfter')}</p>
              <pre dir="ltr">{JSON.stringify(after, null, 2)}</pre>
            </>
          )}
        </details>
      )}
    </div>
  );
}
