/**
 * The reply queue: filters (kept in the URL), counts per domain, the list in priority order and
 * the selected mention beside it. It refreshes itself every few seconds in place: the list keeps
 * its scroll position, the selection and anything typed in the detail pane. A post opened by
 * keyboard takes the focus to its heading; Escape or «back to the list» gives it back to its card,
 * and so does the browser's Back when it leaves the post with the focus in it.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { DOMAINS, INTENTS, URGENCIES } from '../../../domain/classification';
import { MENTION_STATUSES } from '../../../domain/mention';
import type { QueueItem } from '../../../queue/store/queue-store';
import { get, itemsOf, query } from '../api';
import { MentionCard } from '../components/mention-card';
import { MentionDetail } from '../components/mention-detail';
import { Empty, ErrorBox, Loading } from '../components/ui';
import { formatTime } from '../format';
import { label, useI18n, type Translate } from '../i18n';
import { useLiveRefresh } from '../live-refresh';
import { href, replaceRoute, type Route } from '../router';
import type { SessionUser } from '../session';
import { useRoutedText } from '../use-routed-text';
import { nameOf, useUsers } from '../users';

const FILTER_KEYS = ['status', 'domain', 'channel', 'intent', 'urgency', 'assignee', 'q'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type Filters = Partial<Record<FilterKey, string>>;
const PAGE = 50;
const NETWORKS = ['x', 'instagram', 'rss'];

/** The list reads the queue's default view: QueueItems (the detail pane loads the whole mention). */
interface QueueResponse {
  items: QueueItem[];
  nextCursor: string | null;
  counts?: Record<string, number> | { byDomain?: Record<string, number> };
  countsByDomain?: Record<string, number>;
  total?: number;
}

function countsOf(r: QueueResponse): Record<string, number> | undefined {
  if (r.countsByDomain) return r.countsByDomain;
  const c = r.counts as { byDomain?: Record<string, number> } | Record<string, number> | undefined;
  if (c && typeof (c as { byDomain?: unknown }).byDomain === 'object') return (c as { byDomain: Record<string, number> }).byDomain;
  return c as Record<string, number> | undefined;
}

export function QueuePage({ user, route }: { user: SessionUser; route: Route }) {
  const { t, lang } = useI18n();
  const filters: Filters = {};
  for (const k of FILTER_KEYS) {
    const v = route.params.get(k);
    if (v) filters[k] = v;
  }
  const selected = route.parts[0] === 'queue' ? route.params.get('m') ?? undefined : undefined;
  const filterKey = JSON.stringify(filters);

  const [items, setItems] = useState<QueueItem[] | undefined>(undefined);
  const [cursor, setCursor] = useState<string | null>(null);
  const [counts, setCounts] = useState<Record<string, number> | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [refreshedAt, setRefreshedAt] = useState<Date | undefined>(undefined);
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [now, setNow] = useState(Date.now());
  // On a phone the filters fold away under one line; on a desk they stay open.
  const [filtersOpen, setFiltersOpen] = useState(() => window.matchMedia('(min-width: 1001px)').matches);
  const activeFilters = Object.keys(filters).filter((k) => k !== 'q').length;
  const users = useUsers(user);
  const known = useRef<Set<string> | null>(null);
  const loadedCount = useRef(PAGE);
  // the filters now shown: an answer for filters since left (Back, a new search) is dropped
  const shownFilters = useRef(filterKey);
  shownFilters.current = filterKey;

  const apiParams = (extra: Record<string, string | number | undefined>) =>
    query({ ...filters, assignee: filters.assignee === 'me' ? user.id : filters.assignee, ...extra });

  /** Reloads as many items as are shown, so a refresh never shortens the list under the agent. */
  const refresh = useCallback(async () => {
    try {
      const r = await get<QueueResponse>(`/api/queue${apiParams({ limit: Math.min(200, Math.max(PAGE, loadedCount.current)) })}`);
      if (shownFilters.current !== filterKey) return;
      const list = itemsOf<QueueItem>(r);
      const before = known.current;
      if (before) setFresh(new Set(list.filter((m) => !before.has(m.id)).map((m) => m.id)));
      known.current = new Set(list.map((m) => m.id));
      loadedCount.current = Math.max(PAGE, list.length);
      setItems(list);
      setCursor(r.nextCursor ?? null);
      setCounts(countsOf(r));
      setError(undefined);
      setRefreshedAt(new Date());
    } catch (err) {
      if (shownFilters.current === filterKey) setError(err as Error);
    }
    setNow(Date.now());
    // eslint-disable-next-line react-hooks/exhaustive-deps -- filterKey stands for the filters
  }, [filterKey, user.id]);

  useEffect(() => {
    known.current = null;
    loadedCount.current = PAGE;
    setItems(undefined);
    setCounts(undefined); // the old filter's counts would head the new list until it loads
    setFresh(new Set());
    void refresh();
  }, [refresh]);

  // Pushed refreshes: the server says when the queue may have changed (GET /api/queue/events), so
  // a new complaint or a colleague's claim shows within about a second, and every refreshSeconds
  // in any case (a store without events answers 204). The open post listens to the same signal.
  useLiveRefresh(refresh);

  // Keyboard: a card followed with Enter (a click with no mouse, detail 0) opens its post with the
  // focus on the post's heading; the list is long, and Tab would otherwise walk all of it first.
  const openedByKey = useRef<string | undefined>(undefined);
  const onListClick = (e: MouseEvent) => {
    const id = (e.target as Element).closest('[data-mention-id]')?.getAttribute('data-mention-id') ?? undefined;
    openedByKey.current = e.detail === 0 ? id : undefined;
    if (id && e.detail === 0 && id === selected) document.getElementById('mention-heading')?.focus(); // already open: no route change
  };
  // The card to give the focus back to once the list shows again (on a phone the post replaces it).
  const returnTo = useRef<string | undefined>(undefined);
  const backToList = () => {
    if (!selected || focusCard(selected)) return;
    returnTo.current = selected;
    location.hash = href(['queue'], params);
  };
  // The post left another way (the browser's Back or Forward, a link) with the focus in it: the
  // focus would go down with it to the document. Back to the list, it goes to the card of the post
  // just left; to another post, to that post's heading, as if opened by keyboard. Seen while
  // rendering, when the post left (and the focus in it) is still on the page.
  const shownPost = useRef(selected);
  if (shownPost.current !== selected) {
    const left = shownPost.current;
    shownPost.current = selected;
    const at = document.activeElement;
    const inPost = !at || at === document.body || !!at.closest('.detail-pane');
    if (left && inPost) {
      if (selected) openedByKey.current = selected;
      else returnTo.current ??= left;
    }
  }
  useEffect(() => {
    if (returnTo.current && !selected && items && focusCard(returnTo.current)) returnTo.current = undefined;
  }, [selected, items]);

  const loadMore = async () => {
    if (!cursor) return;
    try {
      const r = await get<QueueResponse>(`/api/queue${apiParams({ limit: PAGE, cursor })}`);
      const more = itemsOf<QueueItem>(r);
      setItems((prev) => {
        const list = [...(prev ?? []), ...more.filter((m) => !(prev ?? []).some((p) => p.id === m.id))];
        loadedCount.current = list.length;
        known.current = new Set(list.map((m) => m.id));
        return list;
      });
      setCursor(r.nextCursor ?? null);
    } catch (err) {
      setError(err as Error);
    }
  };

  const setFilter = (key: FilterKey, value: string | undefined) => {
    const next: Record<string, string | undefined> = { ...filters, [key]: value || undefined, m: selected };
    replaceRoute(['queue'], next);
  };

  // Search is applied when the agent pauses typing; the box follows Back, links and "clear filters".
  const search = useRoutedText(filters.q, (q) => setFilter('q', q));

  const params: Record<string, string | undefined> = { ...filters };
  const total = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : items?.length;
  // counts ignore the domain filter (they feed the domain chips); the heading counts what is listed
  const listed = filters.domain && counts ? counts[filters.domain] ?? 0 : total;
  const status = filters.status ?? 'needs_reply';
  const heading = listed === undefined ? undefined : listedText(t, listed, status, !!filters.q);

  return (
    <div class={`queue-layout${selected ? ' has-selection' : ''}`}>
      <section class="queue-pane" aria-labelledby="queue-title">
        <div class="page-head">
          {/* tabIndex: where «back to the list» lands when the post's card is not in the list */}
          <h1 id="queue-title" tabIndex={-1}>
            {t('queueTitle')}
          </h1>
          <p class="muted small" aria-live="polite">
            {heading !== undefined && <span data-testid="queue-total">{heading}</span>}
            {refreshedAt && <span> · {t('refreshedAt', { time: formatTime(refreshedAt, lang) })}</span>}
            {fresh.size > 0 && <span class="badge badge-new"> {t('newItems', { n: fresh.size, count: fresh.size })}</span>}
          </p>
        </div>

        <form class="filters" role="search" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
          <div class="field field-search">
            <label for="f-q">{t('search')}</label>
            <input id="f-q" type="search" value={search.text} placeholder={t('searchPlaceholder')} onInput={(e) => search.setText((e.target as HTMLInputElement).value)} />
          </div>
          <details class="filter-more" open={filtersOpen} onToggle={(e) => setFiltersOpen((e.target as HTMLDetailsElement).open)}>
            <summary>
              {t('filters')}
              {activeFilters > 0 && <span class="badge badge-mine">{activeFilters}</span>}
            </summary>
            <div class="filter-grid">
          <FilterSelect id="f-domain" name={t('filterDomain')} value={filters.domain} onChange={(v) => setFilter('domain', v)} options={DOMAINS.map((d) => [d, label(t, 'domain', d)])} />
          <FilterSelect id="f-channel" name={t('filterChannel')} value={filters.channel} onChange={(v) => setFilter('channel', v)} options={NETWORKS.map((c) => [c, label(t, 'channel', c)])} />
          <FilterSelect id="f-intent" name={t('filterIntent')} value={filters.intent} onChange={(v) => setFilter('intent', v)} options={INTENTS.map((i) => [i, label(t, 'intent', i)])} />
          <FilterSelect id="f-urgency" name={t('filterUrgency')} value={filters.urgency} onChange={(v) => setFilter('urgency', v)} options={URGENCIES.map((u) => [u, label(t, 'urgency', u)])} />
          <FilterSelect id="f-status" name={t('filterStatus')} value={filters.status} onChange={(v) => setFilter('status', v)} allLabel={t('status_needs_reply')} options={MENTION_STATUSES.filter((s) => s !== 'needs_reply').map((s) => [s, label(t, 'status', s)])} />
          <FilterSelect id="f-assignee" name={t('filterAssignee')} value={filters.assignee} onChange={(v) => setFilter('assignee', v)} options={[['me', t('assigneeMe')], ['none', t('assigneeNone')], ...users.filter((u) => u.id !== user.id && !u.disabled).map((u): [string, string] => [u.id, u.name])]} />
          {Object.keys(filters).length > 0 && (
            <a class="btn btn-ghost btn-small clear-filters" href={href(['queue'], { m: selected })}>
              {t('clearFilters')}
            </a>
          )}
            </div>
          </details>
        </form>

        {counts && (
          <div class="domain-counts" role="group" aria-label={t('countsByDomain')}>
            {DOMAINS.map((d) => (
              <button
                type="button"
                key={d}
                class={`count-chip count-${d}`}
                aria-pressed={filters.domain === d}
                onClick={() => setFilter('domain', filters.domain === d ? undefined : d)}
                data-testid={`count-${d}`}
              >
                <span>{label(t, 'domain', d)}</span>
                <strong>{counts[d] ?? 0}</strong>
              </button>
            ))}
            {(counts.none ?? 0) > 0 && (
              <span class="count-chip count-none" aria-disabled="true">
                <span>{t('domain_none')}</span>
                <strong>{counts.none}</strong>
              </span>
            )}
          </div>
        )}

        {error && <ErrorBox error={error} onRetry={refresh} />}
        {!items && !error && <Loading />}
        {items && items.length === 0 && <Empty>{filters.q ? t('searchNone') : t('queueEmpty')}</Empty>}
        {items && items.length > 0 && (
          <ul class="mention-list" onClick={onListClick} aria-label={WAITING.includes(status) ? t('mentionList') : t('mentionListOf', { s: label(t, 'status', status) })}>
            {items.map((m) => (
              <li key={m.id}>
                <MentionCard mention={m} selected={m.id === selected} params={params} now={now} userId={user.id} claimerName={nameOf(t, users, m.claim?.by)} isNew={fresh.has(m.id)} />
              </li>
            ))}
          </ul>
        )}
        {cursor && items && (
          <button type="button" class="btn btn-secondary load-more" onClick={loadMore}>
            {t('loadMore')}
          </button>
        )}
      </section>

      <section
        class="detail-pane"
        aria-label={t('mentionTitle')}
        onKeyDown={(e) => {
          // Escape leaves the post for the list, except from a field (it may be the user's undo), or
          // when something inside already used it (a menu, a confirmation: preventDefault). An open
          // confirmation (.confirm) that did not is left to itself: Escape must not leave the post
          // with a question open.
          if (e.key !== 'Escape' || e.defaultPrevented || (e.target as Element).closest('input, textarea, select, .confirm')) return;
          e.preventDefault();
          backToList();
        }}
      >
        {selected ? (
          <>
            <a
              class="back-link"
              href={href(['queue'], params)}
              data-testid="back-to-list"
              onClick={(e) => {
                e.preventDefault();
                backToList();
              }}
            >
              {t('backToList')}
            </a>
            <MentionDetail key={selected} id={selected} user={user} onChanged={refresh} backHref={href(['queue'], params)} focusHeading={openedByKey.current === selected} />
          </>
        ) : (
          <div class="placeholder">
            <p>{t('selectMention')}</p>
          </div>
        )}
      </section>
    </div>
  );
}

/** Focuses the post's card in the list, or the list's heading when the card is not listed; false while the list is hidden. */
function focusCard(id: string): boolean {
  if (!document.querySelector('.queue-pane')?.getClientRects().length) return false;
  const card = document.querySelector<HTMLElement>(`.mention-list [data-mention-id="${CSS.escape(id)}"]`);
  (card ?? document.getElementById('queue-title'))?.focus();
  return true;
}

/**
 * The status of posts waiting for a reply. Not `new`: ingest leaves out of the reply queue what it
 * judged not relevant or cannot be answered («خارج قائمة الرد»), so that list is not "waiting".
 */
const WAITING: string[] = ['needs_reply'];

/** The heading's count says what is listed: the search's matches, the waiting posts, or the status chosen. */
function listedText(t: Translate, n: number, status: string, searching: boolean): string {
  const s = label(t, 'status', status);
  if (searching) return n === 0 ? t('searchNone') : status === 'needs_reply' ? t('searchCount', { n, count: n }) : t('searchCountOf', { n, count: n, s });
  return status === 'needs_reply' ? t('queueCount', { n, count: n }) : t('statusCount', { n, count: n, s });
}

function FilterSelect(props: { id: string; name: string; value?: string; options: [string, string][]; onChange: (v: string | undefined) => void; allLabel?: string }) {
  const { t } = useI18n();
  return (
    <div class="field">
      <label for={props.id}>{props.name}</label>
      <select id={props.id} value={props.value ?? ''} onChange={(e) => props.onChange((e.target as HTMLSelectElement).value || undefined)}>
        <option value="">{props.allLabel ?? t('all')}</option>
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
