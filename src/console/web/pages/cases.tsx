/**
 * The case list: filters by status, domain, urgency, area, unit, assignee and forwarding state
 * (all kept in the address, so a unit's desk is a link), who holds each case, overdue cases
 * highlighted.
 */
import { useState } from 'preact/hooks';
import type { Case } from '../../../domain/case';
import { CASE_STATUSES } from '../../../domain/case';
import { DOMAINS, URGENCIES } from '../../../domain/classification';
import { get, itemsOf, query } from '../api';
import { Badge, CaseDueIn, Empty, ErrorBox, Loading, UrgencyBadge } from '../components/ui';
import { formatDateTime } from '../format';
import { label, useI18n } from '../i18n';
import { href, replaceRoute, type Route } from '../router';
import { dayEnd, dayStart } from '../day-bounds';
import { settings } from '../settings';
import { useLoad } from '../use-load';
import { useRoutedText } from '../use-routed-text';
import { usePlaceName } from '../places';
import { canSupervise, type SessionUser } from '../session';
import { loadUsers, nameOf, type UserSummary } from '../users';

const KEYS = ['status', 'domain', 'urgency', 'area', 'overdue', 'unit', 'assignee', 'forwarding', 'from', 'to'] as const;

/** The assignee filter's own values (GET /api/cases reads them so): the signed-in user, and nobody. */
const ME = 'me';
const NOBODY = 'none';

type CaseRow = Case & { unitAr?: string; assigneeDisabled?: boolean };

/** A unit of the routing table (GET /api/case-units): the English name is what cases store. */
export interface Unit {
  domain: string;
  name: string;
  nameAr?: string;
}

export function useUnits() {
  return useLoad(() => get<unknown>('/api/case-units').then((d) => itemsOf<Unit>(d), () => [] as Unit[]), []);
}

/** The routing table's units as filter choices, named in the reader's language (also on the map page). */
export function unitOptions(units: Unit[] | undefined, lang: string): [string, string][] {
  return (units ?? []).map((u) => [u.name, lang === 'ar' && u.nameAr ? u.nameAr : u.name]);
}

/** Everyone's names (roles and the disabled mark for supervisors): for the assignee filter and column. */
function useUserList(user: SessionUser | undefined): UserSummary[] | undefined {
  const full = !!user && canSupervise(user);
  return useLoad(() => loadUsers(full), [full]).data;
}

/** Open or in progress: the SLA clock still runs. */
export function isOpen(c: Pick<Case, 'status'>): boolean {
  return c.status === 'open' || c.status === 'in_progress';
}

export function isOverdue(c: Pick<Case, 'status' | 'slaDueAt'> & { overdue?: boolean }, now = Date.now()): boolean {
  if (typeof c.overdue === 'boolean') return c.overdue;
  return isOpen(c) && new Date(c.slaDueAt).getTime() < now;
}

export function CasesPage({ route, user }: { route: Route; user?: SessionUser }) {
  const { t, lang } = useI18n();
  const placeName = usePlaceName();
  const units = useUnits();
  const users = useUserList(user) ?? [];
  const disabledMark = (u: { disabled?: boolean }) => (u.disabled ? ` ${t('userDisabledMark')}` : '');
  const assigneeName = (c: CaseRow) => (c.assignee ? `${nameOf(t, users, c.assignee, user)}${disabledMark({ disabled: c.assigneeDisabled })}` : t('unassigned'));
  const filters: Record<string, string | undefined> = {};
  for (const k of KEYS) filters[k] = route.params.get(k) ?? undefined;
  const key = JSON.stringify(filters);
  // The days (YYYY-MM-DD in the address) as instants in the console's time zone, as the map sends them.
  const apiFilters = { ...filters, from: dayStart(filters.from, settings.tz), to: dayEnd(filters.to, settings.tz) };
  const [extra, setExtra] = useState<CaseRow[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const list = useLoad(async () => {
    const r = await get<{ items: CaseRow[]; nextCursor?: string | null }>(`/api/cases${query({ ...apiFilters, limit: 50 })}`);
    setExtra([]);
    setCursor(r.nextCursor ?? null);
    return itemsOf<CaseRow>(r);
  }, [key]);
  const set = (k: string, v: string | undefined) => replaceRoute(['cases'], { ...filters, [k]: v || undefined });
  // The area box filters once typing pauses, like the lists beside it, and follows a link to another area.
  const area = useRoutedText(filters.area, (value) => set('area', value), 400);
  const more = async () => {
    if (!cursor) return;
    const r = await get<{ items: CaseRow[]; nextCursor?: string | null }>(`/api/cases${query({ ...apiFilters, limit: 50, cursor })}`);
    setExtra([...extra, ...itemsOf<CaseRow>(r)]);
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
        <Select id="c-unit" name={t('caseUnit')} value={filters.unit} onChange={(v) => set('unit', v)} options={withCurrent(unitOptions(units.data, lang), filters.unit)} />
        <Select
          id="c-assignee"
          name={t('caseAssignee')}
          value={filters.assignee}
          onChange={(v) => set('assignee', v)}
          options={withCurrent([[ME, t('assignedToMe')], [NOBODY, t('unassigned')], ...users.map((u): [string, string] => [u.id, `${u.name}${disabledMark(u)}`])], filters.assignee)}
        />
        <Select
          id="c-forwarding"
          name={t('filterForwarding')}
          value={filters.forwarding}
          onChange={(v) => set('forwarding', v)}
          options={(['failed', 'pending'] as const).map((f) => [f, t(`fwdFilter_${f}`)])}
        />
        <OpenedDays idPrefix="c" from={filters.from} to={filters.to} set={set} />
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
                <th scope="col">{t('caseAssignee')}</th>
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
                    <td data-label={t('caseUnit')}>{lang === 'ar' && c.unitAr ? c.unitAr : c.unit}</td>
                    <td data-label={t('caseAssignee')} data-testid="case-assignee" class={c.assignee ? '' : 'muted'}>
                      {assigneeName(c)}
                    </td>
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

/**
 * The choices, plus the one the address names when the list does not have it (yet): a unit or a
 * user from a shared link still shows as chosen instead of a blank «all».
 */
function withCurrent(options: [string, string][], current: string | undefined): [string, string][] {
  return current && !options.some(([v]) => v === current) ? [...options, [current, current]] : options;
}

/** A filter drop-down with an «all» choice (also on the map page). */
/** The days cases were opened, from and to (YYYY-MM-DD in the address): the cases list's and the map's. */
export function OpenedDays(props: { idPrefix: string; from?: string; to?: string; set: (k: 'from' | 'to', v: string | undefined) => void }) {
  const { t } = useI18n();
  const { idPrefix: id, from, to, set } = props;
  return (
    <>
      <div class="field">
        <label for={`${id}-from`}>{t('casesOpenedFrom')}</label>
        <input id={`${id}-from`} type="date" value={from ?? ''} max={to} onChange={(e) => set('from', (e.target as HTMLInputElement).value)} />
      </div>
      <div class="field">
        <label for={`${id}-to`}>{t('casesOpenedTo')}</label>
        <input id={`${id}-to`} type="date" value={to ?? ''} min={from} onChange={(e) => set('to', (e.target as HTMLInputElement).value)} />
      </div>
    </>
  );
}

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
