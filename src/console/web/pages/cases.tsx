/** The case list: filters by status, domain, urgency and area, overdue cases highlighted. */
import { useState } from 'preact/hooks';
import type { Case } from '../../../domain/case';
import { CASE_STATUSES } from '../../../domain/case';
import { DOMAINS, URGENCIES } from '../../../domain/classification';
import { get, itemsOf, query } from '../api';
import { Badge, CaseDueIn, Empty, ErrorBox, Loading, UrgencyBadge } from '../components/ui';
import { formatDateTime } from '../format';
import { label, useI18n } from '../i18n';
import { href, replaceRoute, type Route } from '../router';
import { useLoad } from '../use-load';
import { useRoutedText } from '../use-routed-text';
import { usePlaceName } from '../places';

const KEYS = ['status', 'domain', 'urgency', 'area', 'overdue'] as const;

/** Open or in progress: the SLA clock still runs. */
export function isOpen(c: Pick<Case, 'status'>): boolean {
  return c.status === 'open' || c.status === 'in_progress';
}

export function isOverdue(c: Pick<Case, 'status' | 'slaDueAt'> & { overdue?: boolean }, now = Date.now()): boolean {
  if (typeof c.overdue === 'boolean') return c.overdue;
  return isOpen(c) && new Date(c.slaDueAt).getTime() < now;
}

export function CasesPage({ route }: { route: Route }) {
  const { t, lang } = useI18n();
  const placeName = usePlaceName();
  const filters: Record<string, string | undefined> = {};
  for (const k of KEYS) filters[k] = route.params.get(k) ?? undefined;
  const key = JSON.stringify(filters);
  const [extra, setExtra] = useState<Case[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const list = useLoad(async () => {
    const r = await get<{ items: Case[]; nextCursor?: string | null }>(`/api/cases${query({ ...filters, limit: 50 })}`);
    setExtra([]);
    setCursor(r.nextCursor ?? null);
    return itemsOf<Case>(r);
  }, [key]);
  const set = (k: string, v: string | undefined) => replaceRoute(['cases'], { ...filters, [k]: v || undefined });
  // The area box filters once typing pauses, like the lists beside it, and follows a link to another area.
  const area = useRoutedText(filters.area, (value) => set('area', value), 400);
  const more = async () => {
    if (!cursor) return;
    const r = await get<{ items: Case[]; nextCursor?: string | null }>(`/api/cases${query({ ...filters, limit: 50, cursor })}`);
    setExtra([...extra, ...itemsOf<Case>(r)]);
    setCursor(r.nextCursor ?? null);
  };
  const rows = [...(list.data ?? []), ...extra];
  const now = Date.now();

  return (
    <div class="page">
      <h1>{t('casesTitle')}</h1>
      <form
        class="filters"
        role="search"
        aria-label={t('filters')}
        onSubmit={(e) => {
          e.preventDefault();
          area.applyNow();
        }}
      >
        <Select id="c-status" name={t('caseStatus')} value={filters.status} onChange={(v) => set('status', v)} options={CASE_STATUSES.map((s) => [s, label(t, 'case', s)])} />
        <Select id="c-domain" name={t('filterDomain')} value={filters.domain} onChange={(v) => set('domain', v)} options={DOMAINS.map((d) => [d, label(t, 'domain', d)])} />
        <Select id="c-urgency" name={t('filterUrgency')} value={filters.urgency} onChange={(v) => set('urgency', v)} options={URGENCIES.map((u) => [u, label(t, 'urgency', u)])} />
        <div class="field">
          <label for="c-area">{t('areaFilter')}</label>
          <input id="c-area" type="search" value={area.text} onInput={(e) => area.setText((e.target as HTMLInputElement).value)} onBlur={area.applyNow} />
        </div>
        <div class="field field-check">
          <input id="c-overdue" type="checkbox" checked={filters.overdue === 'true'} onChange={(e) => set('overdue', (e.target as HTMLInputElement).checked ? 'true' : undefined)} />
          <label for="c-overdue">{t('overdueOnly')}</label>
        </div>
      </form>
      {list.error && <ErrorBox error={list.error} onRetry={list.reload} />}
      {!list.data && !list.error && <Loading />}
      {list.data && rows.length === 0 && <Empty>{t('casesEmpty')}</Empty>}
      {rows.length > 0 && (
        <div class="table-wrap stack-narrow">
          <table class="table cases-table">
            <caption class="visually-hidden">{t('casesTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('caseNumber')}</th>
                <th scope="col">{t('caseStatus')}</th>
                <th scope="col">{t('filterDomain')}</th>
                <th scope="col">{t('filterUrgency')}</th>
                <th scope="col">{t('area')}</th>
                <th scope="col">{t('caseUnit')}</th>
                <th scope="col">{t('caseOpened')}</th>
                <th scope="col">{t('caseDue')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => {
                const late = isOverdue(c, now);
                return (
                  <tr key={c.id} class={late ? 'overdue' : ''} data-testid="case-row">
                    <th scope="row">
                      <a href={href(['cases', c.number])} dir="ltr">
                        {c.number}
                      </a>
                    </th>
                    <td data-label={t('caseStatus')}>
                      <Badge tone={`case-${c.status}`}>{label(t, 'case', c.status)}</Badge>
                    </td>
                    <td data-label={t('filterDomain')}>{label(t, 'domain', c.domain)}</td>
                    <td data-label={t('filterUrgency')}>
                      <UrgencyBadge urgency={c.urgency} />
                    </td>
                    <td data-label={t('area')}>{[placeName(c.location?.area), c.location?.block && `${t('block')} ${c.location.block}`].filter(Boolean).join(' · ') || t('none')}</td>
                    <td data-label={t('caseUnit')}>{lang === 'ar' && (c as Case & { unitAr?: string }).unitAr ? (c as Case & { unitAr?: string }).unitAr : c.unit}</td>
                    <td data-label={t('caseOpened')}>{formatDateTime(c.openedAt, lang)}</td>
                    <td data-label={t('caseDue')}>
                      {formatDateTime(c.slaDueAt, lang)} <CaseDueIn dueAt={c.slaDueAt} late={late} open={isOpen(c)} now={now} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {cursor && (
        <button type="button" class="btn btn-secondary load-more" onClick={more}>
          {t('loadMore')}
        </button>
      )}
    </div>
  );
}

/** A filter drop-down with an «all» choice (also on the map page). */
export function Select(props: { id: string; name: string; value?: string; options: [string, string][]; onChange: (v: string | undefined) => void }) {
  const { t } = useI18n();
  return (
    <div class="field">
      <label for={props.id}>{props.name}</label>
      <select id={props.id} value={props.value ?? ''} onChange={(e) => props.onChange((e.target as HTMLSelectElement).value || undefined)}>
        <option value="">{t('all')}</option>
        {props.options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
