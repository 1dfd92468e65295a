/**
 * The audit trail for supervisors and admins: newest first, filtered by actor, action and subject
 * (exact matches, as GET /api/audit filters), "show more" through the cursor, each change shown
 * compactly, and every time in the display zone. Filters live in the hash, so a link to
 * `#/audit?subject=case:MOW-2026-000123` is a case's history.
 */
import { useEffect, useState } from 'preact/hooks';
import { AUDIT_ACTIONS, auditSubjectOf } from '../../../audit/audit-actions';
import type { AuditEntry } from '../../../audit/store/audit-store';
import type { Template } from '../../../templates/store/template-store';
import { get, itemsOf, query } from '../api';
import { SERVICE_ACTOR_IDS, serviceActorName } from '../audit-diff';
import { AuditChange } from '../components/audit-change';
import { Empty, ErrorBox, Loading } from '../components/ui';
import { formatDateTime } from '../format';
import { label, useI18n, type Translate } from '../i18n';
import { href, replaceRoute, type Route } from '../router';
import type { SessionUser } from '../session';
import { settings } from '../settings';
import { useLoad } from '../use-load';
import { nameOf, useUsers, type UserSummary } from '../users';

const KEYS = ['actor', 'action', 'subject'] as const;
type Filters = Partial<Record<(typeof KEYS)[number], string>>;
type AuditPage = { items: AuditEntry[]; nextCursor: string | null };

type Unit = { name: string; nameAr: string };

/** The actions the services record, grouped by the thing they change (mention, reply, case, ...). */
const ACTION_GROUPS: [string, string[]][] = [...new Set(AUDIT_ACTIONS.map((a) => a.split('.')[0]))].map((kind) => [kind, AUDIT_ACTIONS.filter((a) => a.startsWith(`${kind}.`))]);

export function AuditPage({ user, route }: { user: SessionUser; route: Route }) {
  const { t, lang } = useI18n();
  const users = useUsers(user);
  const filters: Filters = {};
  for (const k of KEYS) filters[k] = route.params.get(k) ?? undefined;
  const key = JSON.stringify(filters);
  const [draft, setDraft] = useState<Filters>(filters);
  const [extra, setExtra] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<Error | undefined>(undefined);
  const templates = useLoad(() => get<unknown>('/api/templates').then((d) => itemsOf<Template>(d), () => [] as Template[]), []);
  // Units are stored by their English name; Arabic readers see the routing table's Arabic one.
  const units = useLoad(() => get<unknown>('/api/case-units').then((d) => itemsOf<Unit>(d), () => [] as Unit[]), []);
  const unitName = (name: string) => (lang === 'ar' ? units.data?.find((u) => u.name === name)?.nameAr ?? name : name);
  const list = useLoad(async () => {
    const r = await get<AuditPage>(`/api/audit${query({ ...filters, limit: 50 })}`);
    setExtra([]);
    setCursor(r.nextCursor ?? null);
    return itemsOf<AuditEntry>(r);
  }, [key]);
  useEffect(() => setDraft(filters), [key]);

  // A bare case number (MOW-2026-000049) is a case's history: case:MOW-2026-000049.
  const apply = (f: Filters) => replaceRoute(['audit'], Object.fromEntries(KEYS.map((k) => [k, (k === 'subject' && f[k] ? auditSubjectOf(f[k] as string) : f[k]?.trim()) || undefined])));
  const more = async () => {
    if (!cursor) return;
    setMoreError(undefined);
    try {
      const r = await get<AuditPage>(`/api/audit${query({ ...filters, limit: 50, cursor })}`);
      setExtra((x) => [...x, ...itemsOf<AuditEntry>(r)]);
      setCursor(r.nextCursor ?? null);
    } catch (err) {
      setMoreError(err as Error);
    }
  };
  const rows = [...(list.data ?? []), ...extra];
  // Actors and user fields: a user's name, or what a non-user actor is («النظام», the command line).
  const who = (id: string) => serviceActorName(t, id) ?? nameOf(t, users, id, user);
  const active = KEYS.some((k) => filters[k]);

  return (
    <div class="page">
      <h1>{t('auditTitle')}</h1>
      <p class="muted small">{t('auditHelp', { tz: settings.tz })}</p>
      <form
        class="filters audit-filters"
        role="search"
        aria-label={t('filters')}
        onSubmit={(e) => {
          e.preventDefault();
          apply(draft);
        }}
      >
        <div class="field">
          <label for="a-actor">{t('auditActor')}</label>
          <select id="a-actor" value={draft.actor ?? ''} onChange={(e) => apply({ ...draft, actor: (e.target as HTMLSelectElement).value })}>
            <option value="">{t('all')}</option>
            {SERVICE_ACTOR_IDS.map((id) => (
              <option key={id} value={id}>
                {who(id)}
              </option>
            ))}
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
            {draft.actor && !SERVICE_ACTOR_IDS.includes(draft.actor) && !users.some((u) => u.id === draft.actor) && <option value={draft.actor}>{draft.actor}</option>}
          </select>
        </div>
        <div class="field">
          <label for="a-action">{t('auditAction')}</label>
          <select id="a-action" value={draft.action ?? ''} onChange={(e) => apply({ ...draft, action: (e.target as HTMLSelectElement).value })} data-testid="audit-action">
            <option value="">{t('all')}</option>
            {ACTION_GROUPS.map(([kind, actions]) => (
              <optgroup key={kind} label={label(t, 'subject', kind)}>
                {actions.map((a) => (
                  <option key={a} value={a}>
                    {label(t, 'action', a)}
                  </option>
                ))}
              </optgroup>
            ))}
            {draft.action && !(AUDIT_ACTIONS as readonly string[]).includes(draft.action) && <option value={draft.action}>{label(t, 'action', draft.action)}</option>}
          </select>
        </div>
        <div class="field field-wide">
          <label for="a-subject">{t('auditSubject')}</label>
          <input id="a-subject" dir="ltr" value={draft.subject ?? ''} autoComplete="off" placeholder="MOW-2026-000123" aria-describedby="a-subject-help" onInput={(e) => setDraft({ ...draft, subject: (e.target as HTMLInputElement).value })} />
          <span id="a-subject-help" class="muted small">
            {t('auditSubjectHelp')}
          </span>
        </div>
        <div class="row filter-buttons">
          <button type="submit" class="btn btn-primary" data-testid="audit-apply">
            {t('auditApply')}
          </button>
          {active && (
            <a class="btn btn-ghost" href={href(['audit'])}>
              {t('clearFilters')}
            </a>
          )}
        </div>
      </form>

      {list.error && <ErrorBox error={list.error} onRetry={list.reload} />}
      {!list.data && !list.error && <Loading />}
      {list.data && rows.length === 0 && <Empty>{t('auditEmpty')}</Empty>}
      {rows.length > 0 && (
        <div class="table-wrap stack-narrow">
          <table class="table audit-table" data-testid="audit-table">
            <caption class="visually-hidden">{t('auditTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('auditTime')}</th>
                <th scope="col">{t('auditActor')}</th>
                <th scope="col">{t('auditAction')}</th>
                <th scope="col">{t('auditSubject')}</th>
                <th scope="col">{t('auditChange')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.id ?? `${e.at}${e.action}${e.subject}`} data-testid="audit-row" data-action={e.action} data-subject={e.subject}>
                  <th scope="row">
                    <time dateTime={e.at} title={e.at} data-testid="audit-time">
                      {formatDateTime(e.at, lang)}
                    </time>
                  </th>
                  <td data-label={t('auditActor')} data-testid="audit-actor">
                    {who(e.actor)}
                  </td>
                  <td data-label={t('auditAction')}>
                    <span class="audit-action">{label(t, 'action', e.action)}</span>{' '}
                    <code class="muted small" dir="ltr">
                      {e.action}
                    </code>
                  </td>
                  <td data-label={t('auditSubject')}>
                    <Subject subject={e.subject} users={users} templates={templates.data ?? []} me={user} t={t} />
                    {filters.subject !== e.subject && (
                      <a class="btn btn-small btn-ghost filter-subject" href={href(['audit'], { ...filters, subject: e.subject })} title={t('auditFilterSubject')} aria-label={`${t('auditFilterSubject')}: ${e.subject}`}>
                        {t('auditOnlyThis')}
                      </a>
                    )}
                  </td>
                  <td data-label={t('auditChange')} class="cell-change">
                    <AuditChange action={e.action} before={e.before} after={e.after} nameOf={who} unitName={unitName} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {moreError && <ErrorBox error={moreError} onRetry={more} />}
      {cursor && (
        <button type="button" class="btn btn-secondary load-more" onClick={more} data-testid="audit-more">
          {t('loadMore')}
        </button>
      )}
    </div>
  );
}

/** "Case MOW-2026-000123" with a link where the console has a page for it. */
function Subject(props: { subject: string; users: UserSummary[]; templates: Template[]; me: SessionUser; t: Translate }) {
  const { subject, t } = props;
  const at = subject.indexOf(':');
  const kind = at > 0 ? subject.slice(0, at) : '';
  const id = at > 0 ? subject.slice(at + 1) : subject;
  const kindLabel = kind ? label(t, 'subject', kind) : '';
  let text = id;
  let link: string | undefined;
  if (kind === 'case') link = href(['cases', id]);
  // A case number is one left-to-right unit that never breaks at its hyphens («MOW-2026-000054»).
  if (kind === 'case')
    return (
      <span class="audit-subject" title={subject}>
        {kindLabel && <span class="muted">{kindLabel} </span>}
        <a href={link}>
          <bdi dir="ltr" class="case-ref" style={{ whiteSpace: 'nowrap' }}>
            {id}
          </bdi>
        </a>
      </span>
    );
  if (kind === 'mention') link = href(['mentions', id]);
  if (kind === 'user') {
    text = nameOf(t, props.users, id, props.me);
    link = href(['users', id]);
  }
  if (kind === 'template') {
    const tpl = props.templates.find((x) => x.id === id);
    if (tpl) {
      text = tpl.name;
      link = href(['templates', id]);
    }
  }
  // A long id shortened to its end: mention ids start with the time they were stored, so posts
  // stored in one poll share their first characters and differ only in the last ones.
  const shown = text === id && id.length > 14 && kind !== 'case' ? `…${id.slice(-8)}` : text;
  return (
    <span class="audit-subject" title={subject}>
      {kindLabel && <span class="muted">{kindLabel} </span>}
      {link ? (
        <a href={link} dir="auto">
          {shown}
        </a>
      ) : (
        <bdi>{shown}</bdi>
      )}
    </span>
  );
}
