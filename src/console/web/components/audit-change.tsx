/**
 * One audit entry's change, compactly: a line per changed field ("old → new"), long values cut
 * with the full text in a tooltip, and the raw before/after in a disclosure for the curious.
 */
import { changeRows, shortValue } from '../audit-diff';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';

const MAX_ROWS = 4;

export function AuditChange({ before, after }: { before?: unknown; after?: unknown }) {
  const { t, lang } = useI18n();
  const rows = changeRows(before, after);
  if (rows.length === 0) return <span class="muted">{t('none')}</span>;
  const fmt = (iso: string) => formatDateTime(iso, lang);
  const cut = rows.length > MAX_ROWS || rows.some((r) => shortValue(r.before, 70, fmt).full || shortValue(r.after, 70, fmt).full);
  return (
    <div class="audit-change">
      <ul class="change-list">
        {rows.slice(0, MAX_ROWS).map((r) => {
          const b = shortValue(r.before, 70, fmt);
          const a = shortValue(r.after, 70, fmt);
          return (
            <li key={r.field}>
              {r.field && (
                <code class="change-field" dir="ltr">
                  {r.field}
                </code>
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
