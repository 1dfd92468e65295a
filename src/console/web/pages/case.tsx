/**
 * One case: its facts, a timeline of the citizen's posts, the ministry's replies, status changes
 * and notes, where it stands with the national complaints system, and the actions: change status
 * (with an optional note; a move that posts a public reply to the citizen asks first, showing the
 * reply), close without resolving (supervisors, with a reason; the citizen is not told), assign a
 * unit or a person, add a note, forward to the national system now (supervisors).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { routedUnitOf, type Case, type CaseStatus } from '../../../domain/case';
import type { Location } from '../../../domain/classification';
import type { Mention } from '../../../domain/mention';
import type { Reply } from '../../../domain/reply';
import type { ForwardingState, ForwardingStatus } from '../../../cases/forwarding-state';
import type { PublicNotice } from '../../../cases/case-view';
import { ApiError, get, itemsOf, patch, post, query } from '../api';
import { Badge, CaseDueIn, ErrorBox, Loading, UrgencyBadge, messageOf } from '../components/ui';
import { formatDateTime, formatNumber } from '../format';
import { label, useI18n, type Lang, type MessageKey, type Translate } from '../i18n';
import { href } from '../router';
import { canSupervise, type SessionUser } from '../session';
import { allowedNext, closesUnresolved, CLOSE_REASONS, type CloseReason } from '../../../cases/case-transitions';
import { useLoad } from '../use-load';
import { nameOf, useUsers, type UserSummary } from '../users';
import { isOpen, isOverdue, useUnits } from './cases';
import { PostText } from '../components/post-text';
import { ConfirmAction } from '../components/confirm-action';
import { usePlaceName } from '../places';
import { roadText } from '../address';

/** Reply states in which nothing reached the citizen. */
const UNSENT_REPLY = ['draft', 'awaiting_approval', 'rejected', 'failed'];

/** The history action of a case closed by a correction (src/cases/case-correction.ts; not imported: server code). */
const CLOSED_NOT_A_COMPLAINT = 'closed_not_a_complaint';

/** The source and citizen handle of a case reported over Open311 without an account (src/cases/open311). */
const OPEN311 = 'open311';

/**
 * While a forward waits (or right after one is requested), the case is read again every
 * FORWARD_POLL_MS so the national-system panel follows the delivery without a reload; after
 * FORWARD_POLL_FOR_MS only every FORWARD_SLOW_POLL_MS while it still waits (a forward that keeps
 * failing waits minutes between attempts, and its next one must still show).
 */
const FORWARD_POLL_MS = 2_500;
const FORWARD_POLL_FOR_MS = 60_000;
const FORWARD_SLOW_POLL_MS = 30_000;

/** A note's longest text: CaseNoteSchema's and CasePatchSchema's text(2000) (src/cases/case-schemas.ts; not imported: server code). */
const NOTE_MAX = 2000;
/** From here on a note shows how long it is against NOTE_MAX. */
const NOTE_COUNT_FROM = 1800;

/** Longer texts show their first LONG_TEXT_SHOWN characters in the timeline until «show all». */
const LONG_TEXT = 3000;
const LONG_TEXT_SHOWN = 1500;

type CaseView = Case & {
  mentions?: Mention[];
  replies?: Reply[];
  overdue?: boolean;
  unitAr?: string;
  unitNamesAr?: Record<string, string>;
  /** Where the case stands with the national complaints system (GET /api/cases/:number). */
  forwarding?: ForwardingState;
  /** Moves that post a public reply to the citizen. */
  publicNoticeOn?: CaseStatus[];
  /** What each of those posts, as the citizen will read it. */
  publicNotices?: PublicNotice[];
  /** The assignee's account was disabled since the case was given to it. */
  assigneeDisabled?: boolean;
};

/**
 * The moves the server allows the user from each status (src/cases/case-transitions.ts). Closing
 * an open or in-progress case is not a plain move: it is «إغلاق دون معالجة», with its reason.
 */
function nextSteps(from: CaseStatus, user: SessionUser): { to: CaseStatus; key?: MessageKey }[] {
  return allowedNext(from, user.role)
    .filter((to) => !closesUnresolved(from, to))
    .map((to) => (to === 'open' ? { to, key: from === 'in_progress' ? ('caseGiveBack' as const) : ('reopen' as const) } : { to }));
}

async function loadCase(number: string): Promise<CaseView> {
  const c = await get<CaseView>(`/api/cases/${encodeURIComponent(number)}`);
  const mentions = c.mentions ?? (await Promise.all(c.mentionIds.map((id) => get<Mention>(`/api/mentions/${encodeURIComponent(id)}`).catch(() => null)))).filter((m): m is Mention => !!m);
  const replies =
    c.replies ??
    (await Promise.all(mentions.map((m) => get<unknown>(`/api/replies${query({ mentionId: m.id, limit: 50 })}`).then((d) => itemsOf<Reply>(d), () => [] as Reply[])))).flat();
  return { ...c, mentions, replies };
}

/**
 * The card an action was taken in, where its outcome shows: the page's top is far above the
 * actions (on a phone about 1,300 px), and a notice there went unseen.
 */
type ActionPlace = 'status' | 'forward' | 'assign' | 'note';

interface PageNotice {
  kind: 'ok' | 'error';
  text: string;
  /** A notice belongs to the case it was given on: the page is reused when another case opens. */
  number: string;
  at: ActionPlace;
  /** One about a forward names the forwarding state it speaks of (see staleNotice). */
  forwarding?: ForwardingStatus;
}

interface TimelineEntry {
  at: string;
  kind: 'mention' | 'reply' | 'history' | 'note';
  render: () => ComponentChildren;
}

export function CasePage({ number, user }: { number: string; user: SessionUser }) {
  const { t, lang } = useI18n();
  const placeName = usePlaceName();
  const users = useUsers(user);
  const kase = useLoad(() => loadCase(number), [number]);
  const units = useUnits();
  const [notice, setNotice] = useState<PageNotice | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');
  const [statusNote, setStatusNote] = useState('');
  const [assignee, setAssignee] = useState<string | undefined>(undefined);
  const [unit, setUnit] = useState<string | undefined>(undefined);
  // When a forward was last requested here: the case is then re-read even before it reads «pending».
  const [forwardAsked, setForwardAsked] = useState(0);
  const forwardPending = kase.data?.number === number && kase.data.forwarding?.state === 'pending';
  useEffect(() => {
    if (!forwardPending && !forwardAsked) return;
    const started = Date.now();
    let lastRead = started;
    const timer = setInterval(() => {
      const now = Date.now();
      const elapsed = now - started;
      // Not pending any more: a couple of reads after a request, then stop (the effect restarts if it turns pending).
      if (!forwardPending && elapsed > 2 * FORWARD_POLL_MS) return clearInterval(timer);
      if (elapsed > FORWARD_POLL_FOR_MS && now - lastRead < FORWARD_SLOW_POLL_MS) return;
      if (document.visibilityState === 'hidden') return;
      lastRead = now;
      void kase.reload();
    }, FORWARD_POLL_MS);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- kase.reload changes with the case number, listed
  }, [number, forwardPending, forwardAsked]);
  // «Forward queued» is true of the state the forward was in when asked; once the panel moves on
  // (forwarded, failed again) it would contradict the panel, so it goes.
  const forwardingNow = kase.data?.number === number ? kase.data.forwarding?.state : undefined;
  const staleNotice = !!notice?.forwarding && !!forwardingNow && notice.forwarding !== forwardingNow;
  useEffect(() => {
    if (staleNotice) setNotice(undefined);
  }, [staleNotice]);

  if (kase.error && !kase.data)
    return (
      <div class="page case-page">
        <ErrorBox error={kase.error} onRetry={kase.reload} back={{ href: href(['cases']), label: t('backToCases') }} />
      </div>
    );
  if (!kase.data) return <Loading />;
  const c = kase.data;
  const late = isOverdue(c);
  const unitName = (name: string | null | undefined) => (name ? (lang === 'ar' ? c.unitNamesAr?.[name] ?? name : name) : '');

  const change = async (at: ActionPlace, body: Record<string, unknown>) => {
    setBusy(true);
    setNotice(undefined);
    try {
      if (at === 'note') await post(`/api/cases/${encodeURIComponent(c.number)}/notes`, body);
      else await patch(`/api/cases/${encodeURIComponent(c.number)}`, body);
      // Read again first, so the notice lands where the page settles (the timeline above grows).
      await kase.reload();
      setNotice({ kind: 'ok', text: t('caseUpdated'), number, at });
      return true;
    } catch (err) {
      // Refused: a colleague may have moved the case meanwhile (409), or the choice was not
      // allowed; either way the page shows the case as it is now, not what was asked.
      if (err instanceof ApiError) await kase.reload();
      setNotice({ kind: 'error', text: refusalText(t, at, err, body, (id) => nameOf(t, users, id, user), lang), number, at });
      return false;
    } finally {
      setBusy(false);
    }
  };
  // The notice of one card, if it is about this case and still true.
  const noticeAt = (at: ActionPlace) => (notice && notice.number === number && notice.at === at && !staleNotice ? notice : undefined);

  const actorName = (actor: string) => (actor === OPEN311 ? t('caseViaOpen311') : nameOf(t, users, actor, user));
  const entries: TimelineEntry[] = [
    // A report without a post (Open311): the citizen's own words open the timeline.
    ...(c.description
      ? [
          {
            at: c.openedAt,
            kind: 'mention' as const,
            render: () => (
              <>
                <p class="tl-title">
                  {t('caseReport')} · <span class="muted">{reporterLabel(t, c)}</span>
                </p>
                <LongText text={c.description as string} testId="case-report" />
              </>
            ),
          },
        ]
      : []),
    ...(c.mentions ?? []).map((m) => ({
      at: m.createdAt,
      kind: 'mention' as const,
      render: () => (
        <>
          <p class="tl-title">
            {t('tl_mention')} · <a href={href(['mentions', m.id])}>{m.author.name || m.author.handle}</a> <span class="muted">({label(t, 'channel', m.network)})</span>
          </p>
          <LongText text={m.text} />
        </>
      ),
    })),
    ...(c.replies ?? []).map((r) => ({
      at: r.sentAt ?? r.createdAt,
      kind: 'reply' as const,
      render: () => (
        <>
          <p class="tl-title">
            {/* A draft that never went out is not «the ministry's reply» (read as one the citizen got and refused). */}
            {t(UNSENT_REPLY.includes(r.state) ? 'tl_replyUnsent' : 'tl_reply')} · <bdi>{actorName(r.author)}</bdi> <Badge tone={`reply-${r.state}`}>{label(t, 'reply', r.state)}</Badge>
          </p>
          <LongText text={r.text} />
          {r.state === 'rejected' && r.error && (
            <p class="muted small" data-testid="tl-reply-rejected">
              {t('rejectedBecause', { r: r.error })}
            </p>
          )}
        </>
      ),
    })),
    ...c.history.map((h) => ({
      at: h.at,
      kind: h.action === 'note' ? ('note' as const) : ('history' as const),
      render: () => (
        <>
          <p class="tl-title">
            {label(t, 'history', h.action)} · <span class="muted">{actorName(h.actor)}</span>
          </p>
          {h.to !== undefined && h.to !== null && (['status_changed', 'reopened'].includes(h.action) || h.action.startsWith('closed_')) && (
            <p data-testid="history-move">{t('historyFromTo', { from: label(t, 'case', h.from), to: label(t, 'case', h.to) })}</p>
          )}
          {h.action === 'domain_changed' && h.to && <p data-testid="history-domain">{t('historyFromTo', { from: label(t, 'domain', h.from), to: label(t, 'domain', h.to) })}</p>}
          {['unit_assigned', 'user_assigned'].includes(h.action) && <p>{h.action === 'user_assigned' ? nameOf(t, users, h.to, user) || t('unassigned') : unitName(h.to)}</p>}
          {h.action === 'sla_restarted' && h.to && <p data-testid="history-sla">{t('caseSlaRestartedTo', { at: formatDateTime(h.to, lang) })}</p>}
          {routedUnitOf(h) ? (
            <p>{t('routedTo', { unit: unitName(routedUnitOf(h)) })}</p>
          ) : (
            // «أُغلق: ليس شكوى» already names its reason; any other note is shown.
            h.note && h.action !== CLOSED_NOT_A_COMPLAINT && <p dir="auto" class="tl-text">{label(t, 'caseReason', h.note)}</p>
          )}
        </>
      ),
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));

  return (
    <div class="page case-page">
      <a class="back-link" href={href(['cases'])}>
        {t('back')}
      </a>
      <header class="case-head">
        <div>
          <h1 class="case-number">
            <bdi dir="ltr">{c.number}</bdi>
          </h1>
          <div class="chips">
            <Badge tone={`case-${c.status}`}>
              <span data-testid="case-status">{label(t, 'case', c.status)}</span>
            </Badge>
            <UrgencyBadge urgency={c.urgency} />
            <span class="chip">{label(t, 'domain', c.domain)}</span>
            <CaseDueIn dueAt={c.slaDueAt} late={late} open={isOpen(c)} now={Date.now()} />
          </div>
        </div>
        <dl class="facts-grid">
          <div>
            <dt>{t('caseUnit')}</dt>
            <dd>{lang === 'ar' && c.unitAr ? c.unitAr : c.unit}</dd>
          </div>
          <div>
            <dt>{t('caseAssignee')}</dt>
            <dd data-testid="case-assignee">
              {c.assignee ? nameOf(t, users, c.assignee, user) : t('unassigned')}
              {c.assignee && c.assigneeDisabled && <span class="muted"> {t('userDisabledMark')}</span>}
            </dd>
          </div>
          <div>
            <dt>{t('citizen')}</dt>
            {c.citizen.channel === OPEN311 ? (
              <dd data-testid="case-citizen">{reporterLabel(t, c)}</dd>
            ) : (
              <dd dir="ltr" data-testid="case-citizen">
                @{c.citizen.handle} <span class="muted">({label(t, 'channel', c.citizen.channel)})</span>
              </dd>
            )}
          </div>
          <div class="case-location">
            <dt>{t('location')}</dt>
            <dd data-testid="case-location">
              <LocationFacts location={c.location} placeName={placeName} />
            </dd>
          </div>
          <div>
            <dt>{t('caseOpened')}</dt>
            <dd>{formatDateTime(c.openedAt, lang)}</dd>
          </div>
          <div class={late ? 'late' : ''}>
            <dt>{t('caseDue')}</dt>
            <dd>{formatDateTime(c.slaDueAt, lang)}</dd>
          </div>
          <div>
            <dt>{t('firstResponse')}</dt>
            <dd>{formatDateTime(c.firstResponseAt, lang)}</dd>
          </div>
          {c.externalRef && (
            <div>
              <dt>{t('externalRef')}</dt>
              <dd dir="ltr">{c.externalRef}</dd>
            </div>
          )}
        </dl>
      </header>

      <div class="case-grid">
        <section aria-labelledby="timeline-title" class="timeline-section">
          <h2 id="timeline-title">{t('timeline')}</h2>
          <ol class="timeline" data-testid="timeline">
            {entries.map((e, i) => (
              <li key={i} class={`tl tl-${e.kind}`}>
                <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time>
                <div class="tl-body">{e.render()}</div>
              </li>
            ))}
          </ol>
        </section>

        <aside class="case-actions">
          <section class="card" aria-labelledby="status-title">
            <h2 id="status-title">{t('changeStatus')}</h2>
            <div class="stack">
              <label for="case-status-note">{t('caseStatusNote')}</label>
              <NoteField id="case-status-note" rows={2} placeholder={t('caseStatusNotePlaceholder')} value={statusNote} onChange={setStatusNote} testId="case-status-note" />
            </div>
            <div class="row wrap status-moves">
              {nextSteps(c.status, user).map((n) => {
                const text = n.key ? t(n.key) : t('moveTo', { s: label(t, 'case', n.to) });
                const move = async () => {
                  const body: Record<string, unknown> = { status: n.to };
                  if (statusNote.trim()) body.note = statusNote.trim();
                  if (await change('status', body)) setStatusNote('');
                };
                // A move that answers the citizen in public says so, shows the reply, and waits for a second press.
                return c.publicNoticeOn?.includes(n.to) ? (
                  <ConfirmAction
                    key={n.to}
                    label={text}
                    warning={<PublicNoticeWarning status={n.to} notice={c.publicNotices?.find((p) => p.status === n.to)} />}
                    confirmLabel={t('casePublicNoticeConfirm')}
                    onConfirm={move}
                    disabled={busy}
                    testId={`case-to-${n.to}`}
                  />
                ) : (
                  <button type="button" key={n.to} class="btn btn-secondary" disabled={busy} onClick={move} data-testid={`case-to-${n.to}`}>
                    {text}
                  </button>
                );
              })}
            </div>
            {canSupervise(user) && closesUnresolved(c.status, 'closed') && (
              <CloseUnresolved busy={busy} onClose={(reason, closeNote) => change('status', { status: 'closed', reason, ...(closeNote ? { note: closeNote } : {}) })} />
            )}
            <ActionOutcome notice={noticeAt('status')} testId="case-outcome-status" />
          </section>

          {c.forwarding && (
            <ForwardingCard
              forwarding={c.forwarding}
              canAct={canSupervise(user)}
              busy={busy}
              notice={noticeAt('forward')}
              onForward={async () => {
                setBusy(true);
                setNotice(undefined);
                try {
                  const r = await post<{ queued: boolean; forwarding: ForwardingState }>(`/api/cases/${encodeURIComponent(c.number)}/forward`);
                  // The panel shows the state the notice speaks of at once, not after the next read.
                  kase.setData({ ...c, forwarding: r.forwarding });
                  setNotice({ kind: 'ok', text: t(r.queued ? 'fwdQueued' : 'fwdAlreadyPending'), number, at: 'forward', forwarding: r.forwarding.state });
                  setForwardAsked(Date.now());
                  await kase.reload();
                } catch (err) {
                  setNotice({ kind: 'error', text: messageOf(err, t), number, at: 'forward' });
                } finally {
                  setBusy(false);
                }
              }}
            />
          )}

          <section class="card" aria-labelledby="assign-title">
            <h2 id="assign-title">{t('assign')}</h2>
            <form
              class="stack"
              onSubmit={async (e) => {
                e.preventDefault();
                const body: Record<string, unknown> = {};
                if (assignee !== undefined) body.assignee = assignee || null;
                if (unit !== undefined && unit.trim() && unit !== c.unit) body.unit = unit.trim();
                if (!Object.keys(body).length) return;
                await change('assign', body);
                // Saved or refused, the selects show the case as it now is: a refused choice
                // left on screen made the case look assigned when it was not.
                setAssignee(undefined);
                setUnit(undefined);
              }}
            >
              <label for="case-assignee">{t('assignTo')}</label>
              <select id="case-assignee" value={assignee ?? c.assignee ?? ''} onChange={(e) => setAssignee((e.target as HTMLSelectElement).value)} aria-describedby={canSupervise(user) ? undefined : 'case-assignee-hint'}>
                <AssigneeOptions kase={c} users={users} user={user} />
              </select>
              {!canSupervise(user) && (
                <p id="case-assignee-hint" class="muted small">
                  {t('caseAssignSelfHint')}
                </p>
              )}
              {canSupervise(user) && (
                <>
                  <label for="case-unit">{t('caseUnit')}</label>
                  <select id="case-unit" value={unit ?? c.unit} onChange={(e) => setUnit((e.target as HTMLSelectElement).value)}>
                    {!(units.data ?? []).some((u) => u.name === c.unit) && <option value={c.unit}>{c.unit}</option>}
                    {(units.data ?? []).map((u) => (
                      <option key={u.name} value={u.name}>
                        {lang === 'ar' && u.nameAr ? u.nameAr : u.name}
                      </option>
                    ))}
                  </select>
                </>
              )}
              <button type="submit" class="btn btn-secondary" disabled={busy}>
                {t('assignSave')}
              </button>
            </form>
            <ActionOutcome notice={noticeAt('assign')} testId="case-outcome-assign" />
          </section>

          <section class="card" aria-labelledby="note-title">
            <h2 id="note-title">{t('addNote')}</h2>
            <form
              class="stack"
              onSubmit={async (e) => {
                e.preventDefault();
                if (note.trim() && (await change('note', { text: note.trim() }))) setNote('');
              }}
            >
              <label for="case-note" class="visually-hidden">
                {t('addNote')}
              </label>
              <NoteField id="case-note" rows={3} placeholder={t('notePlaceholder')} value={note} onChange={setNote} countTestId="case-note-count" />
              <button type="submit" class="btn btn-secondary" disabled={busy || !note.trim()}>
                {t('addNote')}
              </button>
            </form>
            <ActionOutcome notice={noticeAt('note')} testId="case-outcome-note" />
          </section>
        </aside>
      </div>
    </div>
  );
}

/**
 * Who the assignee select offers. The server lets an agent take a case or let it go, nothing else
 * (403 «agents may only assign cases to themselves»), so an agent is offered «غير مكلَّف» and
 * themselves; supervisors and admins every active account. An assignee who cannot be chosen (a
 * colleague, a disabled account) is still shown, disabled, so the select says who holds the case.
 */
function AssigneeOptions({ kase: c, users, user }: { kase: CaseView; users: UserSummary[]; user: SessionUser }) {
  const { t } = useI18n();
  // Until the list loads a supervisor is offered themselves, as an agent is.
  const everyone = canSupervise(user) && users.length ? users : [{ id: user.id, name: user.name }];
  const choices = everyone.filter((u) => !u.disabled && !(c.assigneeDisabled && u.id === c.assignee));
  const held = c.assignee && !choices.some((u) => u.id === c.assignee) ? c.assignee : undefined;
  return (
    <>
      <option value="">{t('unassigned')}</option>
      {held && (
        <option value={held} disabled>
          {nameOf(t, users, held, user)}
          {c.assigneeDisabled ? ` ${t('userDisabledMark')}` : ''}
        </option>
      )}
      {choices.map((u) => (
        <option key={u.id} value={u.id}>
          {u.name}
        </option>
      ))}
    </>
  );
}

/**
 * What an action did, under the form that did it, where the user is looking. Always in the page,
 * so a screen reader reads out what appears in it; scrolled into view when it fills, since the
 * page may have moved while the case was read again.
 */
function ActionOutcome({ notice, testId }: { notice?: PageNotice; testId: string }) {
  const box = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (notice) box.current?.scrollIntoView({ block: 'nearest' });
  }, [notice]);
  return (
    <div ref={box} class="case-outcome" aria-live={notice?.kind === 'error' ? 'assertive' : 'polite'} data-testid={testId}>
      {notice && <div class={`notice notice-${notice.kind}`}>{notice.text}</div>}
    </div>
  );
}

/** A note's text box: it stops at NOTE_MAX, and says how long the note is once it nears it. */
function NoteField(props: { id: string; rows: number; value: string; onChange: (v: string) => void; placeholder?: string; required?: boolean; testId?: string; countTestId?: string }) {
  return (
    <>
      <textarea
        id={props.id}
        rows={props.rows}
        dir="auto"
        placeholder={props.placeholder}
        required={props.required}
        value={props.value}
        onInput={(e) => props.onChange((e.target as HTMLTextAreaElement).value)}
        maxLength={NOTE_MAX}
        aria-describedby={`${props.id}-count`}
        data-testid={props.testId}
      />
      <NoteCount id={`${props.id}-count`} length={props.value.length} testId={props.countTestId} />
    </>
  );
}

/** A note's length against NOTE_MAX, once it nears it (the field stops at NOTE_MAX). */
function NoteCount({ id, length, testId }: { id: string; length: number; testId?: string }) {
  const { t, lang } = useI18n();
  const near = length >= NOTE_COUNT_FROM;
  return (
    <span id={id} class={near ? `counter note-count ${length >= NOTE_MAX ? 'counter-over' : 'counter-near'}` : 'visually-hidden'} data-testid={near ? testId : undefined}>
      {near ? t('caseNoteCount', { n: formatNumber(length, lang), max: formatNumber(NOTE_MAX, lang) }) : t('caseNoteLimit', { max: formatNumber(NOTE_MAX, lang) })}
    </span>
  );
}

/**
 * Why an action was refused, in words that say what to do. The API names a bad field by its
 * JSON name («text», «note»), and a 403 only says the role does not allow it: for the note and
 * the assignment the page knows what was meant.
 */
function refusalText(t: Translate, at: ActionPlace, err: unknown, body: Record<string, unknown>, name: (id: string) => string | undefined, lang: Lang): string {
  if (err instanceof ApiError) {
    const details = err.details && typeof err.details === 'object' ? (err.details as Record<string, unknown>) : {};
    const noteField = at === 'note' ? 'text' : 'note';
    if (err.code === 'validation_failed' && noteField in details) return t('caseNoteTooLong', { max: formatNumber(noteLimitOf(details[noteField]), lang) });
    if (at === 'assign' && err.status === 403 && err.code === 'forbidden' && body.assignee !== undefined && !('header' in details)) return t('caseAssignSelfOnly');
  }
  return messageOf(err, t, { nameOf: name });
}

/** The limit the server named («Too big: expected string to have <=2000 characters»), else ours. */
function noteLimitOf(words: unknown): number {
  const said = typeof words === 'string' ? /<=\s*(\d+)/.exec(words) : null;
  return said ? Number(said[1]) : NOTE_MAX;
}

/** What a move that posts to the citizen will post: the reply itself, and on how many posts. */
function PublicNoticeWarning({ status, notice }: { status: CaseStatus; notice?: PublicNotice }) {
  const { t, lang } = useI18n();
  return (
    <>
      {t('casePublicNoticeWarning', { s: label(t, 'case', status) })}
      {notice?.text && (
        <>
          <span class="muted" style={{ display: 'block', marginBlockStart: '0.5rem', fontSize: '0.85em' }}>
            {t('casePublicNoticeText')}
          </span>
          {/* Laid out in the reply's own direction: an English reply reads left to right. */}
          <span dir="auto" style={{ display: 'block', marginBlockEnd: '0.5rem', padding: '0.4rem 0.7rem', borderInlineStart: '3px solid var(--line-strong)', background: 'var(--surface)', borderRadius: '6px', whiteSpace: 'pre-line' }}>
            <PostText as="span" text={notice.text} data-testid="case-notice-preview" />
          </span>
        </>
      )}
      {notice && notice.posts > 1 && (
        <span style={{ display: 'block' }} data-testid="case-notice-posts">
          {t('casePublicNoticePosts', { n: formatNumber(notice.posts, lang), count: notice.posts })}
        </span>
      )}
    </>
  );
}

/**
 * «إغلاق دون معالجة»: a supervisor closes an open or in-progress case that will not be fixed (a
 * duplicate, outside the ministry's remit, nothing found) with a reason. The only public notice
 * a case move posts is the one on resolving, so the citizen is not told; the confirmation says so.
 */
function CloseUnresolved(props: { busy: boolean; onClose: (reason: CloseReason, note: string) => Promise<boolean> }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState<CloseReason | ''>('');
  const [note, setNote] = useState('');
  const first = useRef<HTMLSelectElement>(null);
  useLayoutEffect(() => {
    if (asking) first.current?.focus();
  }, [asking]);
  if (!asking)
    return (
      <div class="row wrap status-moves">
        <button type="button" class="btn btn-danger-outline" disabled={props.busy} onClick={() => setAsking(true)} data-testid="case-close-unresolved">
          {t('caseCloseUnresolved')}
        </button>
      </div>
    );
  const noteNeeded = reason === 'other';
  const ready = reason !== '' && (!noteNeeded || note.trim() !== '');
  return (
    <form
      class="confirm confirm-danger stack status-moves"
      aria-label={t('caseCloseUnresolved')}
      data-testid="case-close-form"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!ready || !(await props.onClose(reason, note.trim()))) return;
        setAsking(false);
        setReason('');
        setNote('');
      }}
    >
      <label for="case-close-reason">{t('caseCloseReason')}</label>
      <select id="case-close-reason" ref={first} required value={reason} onChange={(e) => setReason((e.target as HTMLSelectElement).value as CloseReason)}>
        <option value="" disabled>
          {t('caseCloseChoose')}
        </option>
        {CLOSE_REASONS.map((r) => (
          <option key={r} value={r}>
            {t(`closeReason_${r}`)}
          </option>
        ))}
      </select>
      <label for="case-close-note">{noteNeeded ? t('caseCloseNoteRequired') : t('caseCloseNote')}</label>
      <NoteField id="case-close-note" rows={2} required={noteNeeded} value={note} onChange={setNote} />
      <p data-testid="case-close-warning">{t('caseCloseWarning')}</p>
      <div class="row wrap">
        <button type="submit" class="btn btn-small btn-danger" disabled={props.busy || !ready} data-testid="case-close-confirm">
          {t('caseCloseConfirm')}
        </button>
        <button type="button" class="btn btn-small btn-secondary" onClick={() => setAsking(false)}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * Where the case stands with the national complaints system: not configured, not forwarded yet,
 * waiting (attempts, next try, last error), forwarded (reference, when) or given up; supervisors
 * can forward it now, retry, or send the current state again.
 */
function ForwardingCard(props: { forwarding: ForwardingState; canAct: boolean; busy: boolean; notice?: PageNotice; onForward: () => Promise<void> }) {
  const { t, lang } = useI18n();
  const f = props.forwarding;
  const tone = f.state === 'failed' ? 'fwd-failed' : f.state === 'pending' ? 'fwd-pending' : f.state === 'forwarded' ? 'fwd-done' : 'fwd-none';
  const action = f.state === 'failed' ? 'fwdRetry' : f.state === 'forwarded' ? 'fwdSendAgain' : 'fwdForwardNow';
  return (
    <section class="card forwarding" aria-labelledby="fwd-title" data-testid="case-forwarding" data-state={f.state}>
      <h2 id="fwd-title">{t('fwdTitle')}</h2>
      <p>
        <Badge tone={tone}>
          <span data-testid="fwd-state">{label(t, 'fwd', f.state)}</span>
        </Badge>
      </p>
      <dl class="fwd-facts">
        {f.externalRef && (
          <div>
            <dt>{t('externalRef')}</dt>
            <dd dir="ltr" data-testid="fwd-ref">
              {f.externalRef}
            </dd>
          </div>
        )}
        {f.forwardedAt && (
          <div>
            <dt>{t('fwdForwardedAt')}</dt>
            <dd>{formatDateTime(f.forwardedAt, lang)}</dd>
          </div>
        )}
        {!!f.attempts && (
          <div>
            <dt>{t('fwdAttempts')}</dt>
            <dd data-testid="fwd-attempts">{formatNumber(f.attempts, lang)}</dd>
          </div>
        )}
        {f.state === 'pending' && f.nextAttemptAt && (
          <div>
            <dt>{t('fwdNextAttempt')}</dt>
            <dd>{formatDateTime(f.nextAttemptAt, lang)}</dd>
          </div>
        )}
        {f.lastError && (
          <div class="fwd-error">
            <dt>{t('fwdLastError')}</dt>
            <dd dir="ltr" data-testid="fwd-error">
              <code>{f.lastError}</code>
            </dd>
          </div>
        )}
      </dl>
      {/* Open311 mode: the national system has no update method, so later changes stay here. */}
      {f.note && (
        <p class="muted small" data-testid="fwd-note">
          {t('fwdOpen311NoUpdates')}
        </p>
      )}
      {props.canAct && f.canForward && (
        <button type="button" class={`btn ${f.state === 'forwarded' ? 'btn-secondary' : 'btn-primary'}`} disabled={props.busy} onClick={props.onForward} data-testid="fwd-now">
          {t(action)}
        </button>
      )}
      <ActionOutcome notice={props.notice} testId="case-outcome-forward" />
    </section>
  );
}

/** «طلب عبر Open311 · الحساب fms-42»: who reported a case that came without a post. */
function reporterLabel(t: ReturnType<typeof useI18n>['t'], c: Pick<Case, 'citizen' | 'source'>): ComponentChildren {
  if (c.citizen.channel !== OPEN311 && c.source !== OPEN311) return <bdi dir="ltr">@{c.citizen.handle}</bdi>;
  const account = c.citizen.handle && c.citizen.handle !== OPEN311 ? c.citizen.handle : undefined;
  return (
    <>
      {t('caseViaOpen311')}
      {account && (
        <>
          {' · '}
          {t('caseOpen311Account')} <bdi dir="ltr">{account}</bdi>
        </>
      )}
    </>
  );
}

/**
 * Where the case is: area, block and road; the address as the reporter typed it; and a reported
 * point's coordinates with a link to a map (a link only: nothing is fetched).
 */
function LocationFacts({ location: l, placeName }: { location: Location; placeName: (area: string | undefined) => string | undefined }) {
  const { t } = useI18n();
  const parts = [placeName(l.area), l.block && `${t('block')} ${l.block}`, l.road && roadText(t, l.road)].filter(Boolean).join(' · ');
  const point = l.precision === 'point' && typeof l.lat === 'number' && typeof l.long === 'number' ? { lat: l.lat, long: l.long } : undefined;
  if (!parts && !l.address && !point) return <>{t('none')}</>;
  return (
    <>
      {parts && <span class="loc-line">{parts}</span>}
      {l.address && l.address !== parts && (
        <span class="loc-line muted" title={t('caseReportedAddress')}>
          <bdi dir="auto" data-testid="case-address">
            {l.address}
          </bdi>
        </span>
      )}
      {point && (
        <span class="loc-line">
          <span class="visually-hidden">{t('caseCoordinates')}: </span>
          <bdi dir="ltr" data-testid="case-coordinates">
            {point.lat.toFixed(5).replace(/\.?0+$/, '')}, {point.long.toFixed(5).replace(/\.?0+$/, '')}
          </bdi>{' '}
          <a href={`https://www.openstreetmap.org/?mlat=${point.lat}&mlon=${point.long}#map=17/${point.lat}/${point.long}`} target="_blank" rel="noopener noreferrer" data-testid="case-map-link">
            {t('caseOpenMap')}
          </a>
        </span>
      )}
    </>
  );
}

/** A timeline text: wraps however long its words, and a very long one shows its start until «show all». */
function LongText({ text, testId }: { text: string; testId?: string }) {
  const { t, lang } = useI18n();
  const [all, setAll] = useState(false);
  if (text.length <= LONG_TEXT) return <PostText text={text} class="tl-text" data-testid={testId} />;
  // Never cut a surrogate pair in two.
  const end = /[\ud800-\udbff]/.test(text[LONG_TEXT_SHOWN - 1]) ? LONG_TEXT_SHOWN - 1 : LONG_TEXT_SHOWN;
  return (
    <>
      <PostText text={all ? text : `${text.slice(0, end)}…`} class="tl-text" data-testid={testId} />
      <button type="button" class="btn btn-small btn-secondary show-all" aria-expanded={all} onClick={() => setAll(!all)} data-testid="show-all">
        {all ? t('caseShowLess') : t('caseShowAll', { n: formatNumber(text.length, lang) })}
      </button>
    </>
  );
}
