/**
 * One mention in full: the text with the classifier's evidence, author and reach, a link to the
 * original, the conversation and linked case, claim/release, marking it no action / spam /
 * duplicate (and putting it back in the reply queue), its replies and the reply composer.
 * It re-reads itself on the queue's live signal (a reply approved, rejected or sent, a colleague's
 * claim), in place, and keeps the user's claim while they work (use-claim-lease.ts), saying so
 * when the claim is lost. An action that replaces or disables the control the focus was on
 * (Claim becomes «إلغاء الاستلام», a mark closes its menu) puts the focus somewhere that says
 * what happened, never on the bare document; Escape closes a mark's open reason.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Claim, Mention } from '../../../domain/mention';
import type { Reply } from '../../../domain/reply';
import { ApiError, get, isNetworkError, itemsOf, post, query } from '../api';
import { formatDateTime, formatNumber } from '../format';
import { label, useI18n, type MessageKey, type Translate } from '../i18n';
import { useLiveRefresh } from '../live-refresh';
import { href } from '../router';
import { canSupervise, type SessionUser } from '../session';
import { useClaimLease } from '../use-claim-lease';
import { useLoad } from '../use-load';
import { nameOf, useUsers, type UserSummary } from '../users';
import { ClassificationChips, CorrectionInfo } from './classification-chips';
import { EvidenceText } from './evidence-text';
import { isolated } from './isolated';
import { PostText } from './post-text';
import { ReplyComposer } from './reply-composer';
import { Badge, Empty, ErrorBox, Loading, Notice, UrgencyBadge, messageOf } from './ui';
import { usePlaceName } from '../places';
import { roadText } from '../address';

/** The linked case as GET /api/mentions/:id gives it (mention-routes.ts LinkedCase). */
interface LinkedCase {
  number: string;
  status: string;
  resolvedAt?: string;
  closedAt?: string;
}

/** The mention detail adds the linked case, the other posts of the thread and, when we do not hold it, where the post it answers is. */
type MentionView = Mention & { caseNumber: string | null; linkedCase?: LinkedCase | null; context: Mention[]; parentUrl?: string };

/** Statuses of a post that still waits for a reply. */
const WAITING: readonly string[] = ['new', 'needs_reply'];

/**
 * `backHref`: where a mention that does not exist (404) sends the user; the queue by default.
 * `focusHeading`: opened by keyboard, so the focus goes to the heading once the post is shown
 * (the next Tab reaches its actions, not the rest of the list).
 */
export function MentionDetail({ id, user, onChanged, backHref, focusHeading }: { id: string; user: SessionUser; onChanged?: () => void; backHref?: string; focusHeading?: boolean }) {
  const { t, lang } = useI18n();
  const mention = useLoad(() => get<MentionView>(`/api/mentions/${encodeURIComponent(id)}`), [id]);
  const replies = useLoad(() => get<unknown>(`/api/replies${query({ mentionId: id, limit: 50 })}`).then((d) => itemsOf<Reply>(d), () => [] as Reply[]), [id]);
  const users = useUsers(user);
  // `reply`: the notice says where that reply is («sent for approval»), true only while it stays there.
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string; reply?: Reply } | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const refreshAll = () => Promise.all([mention.reload(), replies.reload()]);
  // Re-read on the queue's signal: useLoad keeps what is shown until the new answer replaces it,
  // so the composer, an open menu and the scroll position stay as they are.
  useLiveRefresh(refreshAll);

  const data = mention.data;
  const claimActive = !!data?.claim && Date.parse(data.claim.until) > Date.now();
  const mine = claimActive && data?.claim?.by === user.id;
  const heldByOther = claimActive && !mine;

  // A claim the user held and no longer holds, not by their own doing (their release, a mark,
  // handing the post to a colleague): the view says so, and who holds the post now.
  const [lost, setLost] = useState<LostClaim | undefined>(undefined);
  const held = useRef(false);
  const lettingGo = useRef(false);
  const article = useRef<HTMLElement>(null);
  const lostNow = (claim: Claim | undefined, prev?: LostClaim): LostClaim => {
    const draft = !!article.current?.querySelector('textarea')?.value.trim();
    const other = claim && claim.by !== user.id && Date.parse(claim.until) > Date.now();
    if (other) return { holder: claim.by, until: claim.until, name: prev?.holder === claim.by ? prev.name : undefined, draft };
    return claim?.by === user.id ? { ranOutAt: claim.until, draft } : { draft };
  };
  useEffect(() => {
    if (!data) return;
    // Answered: a sent reply lets the claim go (only the claim holder replies), which is no loss.
    const answered = data.status === 'replied' && !data.claim;
    if (mine || answered) setLost(undefined);
    else if (held.current && !lettingGo.current) {
      setLost((prev) => lostNow(data.claim, prev));
      setNotice(undefined); // «you claimed it» is no longer true
    } else if (lost) setLost((prev) => lostNow(data.claim, prev)); // keeps saying who holds it now
    if (!mine) lettingGo.current = false;
    held.current = mine;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new answer or a change of holder
  }, [data, mine]);
  useClaimLease({
    mentionId: id,
    claim: data?.claim,
    userId: user.id,
    refresh: refreshAll,
    onRefused: (err) => {
      const holder = (err.details as { claim?: Partial<Claim> & { byName?: string } } | undefined)?.claim;
      if (err.code === 'claimed_by_other' && holder?.by && holder.until) {
        setLost({ holder: holder.by, until: holder.until, name: holder.byName, draft: !!article.current?.querySelector('textarea')?.value.trim() });
        setNotice(undefined);
      }
      void refreshAll();
    },
  });

  const heading = useRef<HTMLHeadingElement>(null);
  // After an action: where the focus goes if what held it is gone or disabled (see act).
  const focusAfter = useRef<{ to?: string } | undefined>(undefined);
  const [settled, setSettled] = useState(0);
  const noticeBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const after = focusAfter.current;
    focusAfter.current = undefined;
    if (!after || !focusLost(article.current)) return;
    const wanted = after.to ? article.current?.querySelector<HTMLElement>(after.to) : null;
    const target = wanted && !(wanted as HTMLButtonElement).disabled ? wanted : noticeBox.current ?? heading.current;
    target?.focus();
  }, [settled]);
  const headingFocused = useRef(false);
  useEffect(() => {
    if (!focusHeading || !data || headingFocused.current) return;
    headingFocused.current = true;
    heading.current?.focus();
  }, [focusHeading, !!data]);

  if (mention.error && !mention.data) return <ErrorBox error={mention.error} onRetry={mention.reload} back={{ href: backHref ?? href(['queue']), label: t('backToQueue') }} />;
  if (!data) return <Loading />;
  const m = data;
  const c = m.classification;
  const replyable = m.replyable !== false && m.kind !== 'news';
  const closedMark = m.status === 'no_action' || m.status === 'spam' || m.status === 'duplicate';
  const caseNumber = m.caseNumber ?? undefined;
  // The whole thread in time order, this post in its place: what came before it and what after.
  const thread = m.context.length ? [...m.context, m].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt)) : [];

  /**
   * `letsGo`: the action gives up the user's claim (release, a mark, a reassignment): no loss to report.
   * `focusTo`: a selector in the view for the focus once done, if the action took it from where it
   * was (the pressed button replaced or disabled); otherwise the message saying what happened, or
   * the heading. Focus the user has moved elsewhere meanwhile is left alone.
   */
  const act = async <T,>(fn: () => Promise<T>, ok: string | ((result: T) => string), letsGo = false, focusTo?: string) => {
    const hadFocus = !!article.current?.contains(document.activeElement);
    setBusy(true);
    setNotice(undefined);
    lettingGo.current = letsGo;
    try {
      const result = await fn();
      setNotice({ kind: 'ok', text: typeof ok === 'string' ? ok : ok(result) });
      await refreshAll();
      onChanged?.();
    } catch (err) {
      lettingGo.current = false;
      setNotice({ kind: 'error', text: messageOf(err, t, { nameOf: (holder) => nameOf(t, users, holder, user) }) });
      // Refused because the mention changed meanwhile (a colleague claimed or closed it, 409):
      // show it as it is now, e.g. who holds it, rather than offering the same action again.
      if (err instanceof ApiError && err.status === 409) {
        await refreshAll();
        onChanged?.();
      }
    } finally {
      setBusy(false);
      if (hadFocus) {
        focusAfter.current = { to: focusTo };
        setSettled((n) => n + 1);
      }
    }
  };

  return (
    <article class="mention-detail" aria-labelledby="mention-heading" data-testid="mention-detail" ref={article}>
      <header class="detail-head">
        <div>
          {/* The focus comes here when the post is opened by keyboard; the name isolated: «Fatima A.» keeps its dot after the A. */}
          <h2 id="mention-heading" tabIndex={-1} ref={heading}>
            <bdi>{m.author.name || m.author.handle}</bdi>{' '}
            <span class="handle" dir="ltr">
              @{m.author.handle}
            </span>
            {m.author.verified && <Badge tone="verified">✓</Badge>}
          </h2>
          <p class="muted small">
            {label(t, 'channel', m.network)} · {label(t, 'kind', m.kind ?? 'post')} · {t('postedAt')} <time dateTime={m.createdAt}>{formatDateTime(m.createdAt, lang)}</time>
          </p>
        </div>
        <dl class="reach">
          {m.author.followers !== undefined && (
            <div>
              <dt>{t('reach')}</dt>
              <dd>{t('followers', { n: formatNumber(m.author.followers, lang), count: m.author.followers ?? NaN })}</dd>
            </div>
          )}
          {m.metrics?.impressions !== undefined && (
            <div>
              <dt class="visually-hidden">{t('impressionsLabel')}</dt>
              <dd>{t('impressions', { n: formatNumber(m.metrics.impressions, lang), count: m.metrics.impressions ?? NaN })}</dd>
            </div>
          )}
          {m.metrics?.likes !== undefined && (
            <div>
              <dt class="visually-hidden">{t('likesLabel')}</dt>
              <dd>{t('likes', { n: formatNumber(m.metrics.likes, lang), count: m.metrics.likes ?? NaN })}</dd>
            </div>
          )}
        </dl>
      </header>

      {/* A refresh that failed leaves the last answer shown: say it may be stale (the network's own failure is said app-wide, main.tsx). */}
      {mention.error && !isNetworkError(mention.error) && (
        <div data-testid="mention-stale">
          <Notice kind="error">{t('mentionRefreshFailed', { error: messageOf(mention.error, t) })}</Notice>
        </div>
      )}

      {/* A news item's stored text starts with its title (what was classified): no second heading then. */}
      {m.title && !m.text.startsWith(m.title) && <PostText as="h3" class="news-title" text={m.title} />}
      <EvidenceText text={m.text} classification={c} />
      {m.url && (
        <p>
          <a href={m.url} target="_blank" rel="noopener noreferrer" class="external">
            {t('openOriginal')} <span aria-hidden="true">↗</span>
          </a>
        </p>
      )}

      <section class="facts" aria-label={t('classification')}>
        <h3 class="section-title">{t(c.correction ? 'classificationCorrected' : 'classification')}</h3>
        <div class="chips">
          <UrgencyBadge urgency={c.urgency} />
          <ClassificationChips
            classification={c}
            enabled={mine}
            busy={busy}
            onCorrect={(choice) =>
              act(
                () => post<CorrectionAnswer>(`/api/mentions/${m.id}/classification`, choice),
                (r) => correctionNotice(t, r),
                false,
                // back on the chip that was used (disabled while the correction is saved)
                `[data-testid="${choice.domain !== (c.primaryDomain ?? 'none') ? 'domain' : 'intent'}-chip"]`,
              )
            }
          />
          <span class="chip">{label(t, 'sentiment', c.sentiment)}</span>
          <span class="chip">{t('confidence', { n: Math.round((c.confidence ?? 0) * 100) })}</span>
          <span class="chip chip-status">{label(t, 'status', m.status)}</span>
        </div>
        {/* Said on the page, not only in the chips' tooltip: a phone has no hover. */}
        {!mine && !closedMark && <p class="muted small" data-testid="chips-need-claim">{t('correctNeedsClaim')}</p>}
        <CorrectionInfo classification={c} nameOf={(id) => nameOf(t, users, id, user)} />
        <Location location={c.location} />
      </section>

      <section class="facts">
        <h3 class="section-title">{t('conversation')}</h3>
        {thread.length > 0 ? (
          <ol class="thread">
            {thread.map((p) => (
              // The author's name, when and where the post stands, then the text as its own block:
              // an Arabic post reads right to left (and aligns right) in the English console too,
              // its handles and numbers isolated. This post is marked in its place, not repeated.
              <li key={p.id} class={p.id === m.id ? 'current' : ''} aria-current={p.id === m.id ? 'true' : undefined} data-testid="thread-post">
                <span class="author-name">
                  <bdi>{p.author.name || p.author.handle}</bdi>
                </span>
                <span class="muted small">
                  <time dateTime={p.createdAt}>{formatDateTime(p.createdAt, lang)}</time> · <span data-testid="thread-status">{label(t, 'status', p.status)}</span>
                </span>
                {p.id === m.id ? (
                  <div>
                    <Badge tone="mine">{t('threadThisPost')}</Badge>
                  </div>
                ) : (
                  <PostText as="div" class="thread-text" text={p.text} />
                )}
              </li>
            ))}
          </ol>
        ) : (
          <p class="muted small">{m.inReplyTo || (m.conversationId && m.conversationId !== m.externalId) ? t(m.parentUrl ? 'inReplyToNotHeld' : 'inReplyTo') : t('noConversation')}</p>
        )}
        {/* The post it answers is not stored here (posted before we listened, or not a mention): read it on its network. */}
        {m.parentUrl && (
          <p>
            <a href={m.parentUrl} target="_blank" rel="noopener noreferrer" class="external" data-testid="parent-link">
              {t('openParent', { network: label(t, 'channel', m.network) })} <span aria-hidden="true">↗</span>
            </a>
          </p>
        )}
      </section>

      <section class="facts">
        <h3 class="section-title">{t('linkedCase')}</h3>
        {caseNumber ? (
          <>
            <p>
              <a href={href(['cases', caseNumber])} class="case-link" data-testid="linked-case">
                {t('openCase', { n: caseNumber })}
              </a>{' '}
              {m.linkedCase && (
                <Badge tone={`case-${m.linkedCase.status}`}>
                  <span data-testid="linked-case-status">{label(t, 'case', m.linkedCase.status)}</span>
                </Badge>
              )}
            </p>
            <CaseDoneNotice linked={m.linkedCase} waiting={WAITING.includes(m.status)} postedAt={m.createdAt} />
          </>
        ) : m.caseId ? (
          <span class="muted small">{m.caseId}</span>
        ) : awaitsConfirmation(m) ? (
          // A works complaint the classifier was not sure enough of to open a case by itself
          // (CASE_MIN_CONFIDENCE): a person's word is the confidence, so confirming opens it.
          <>
            <p class="muted small">{t('belowCaseThreshold', { n: Math.round((c.confidence ?? 0) * 100) })}</p>
            <button
              type="button"
              class="btn btn-secondary"
              data-testid="confirm-complaint"
              disabled={!mine || busy}
              title={mine ? undefined : t('confirmNeedsClaim')}
              onClick={() => act(() => post<CorrectionAnswer>(`/api/mentions/${m.id}/classification`, { domain: c.primaryDomain, intent: 'complaint' }), (r) => correctionNotice(t, r))}
            >
              {t('confirmComplaint')}
            </button>
          </>
        ) : (
          <p class="muted small">{t('noCase')}</p>
        )}
      </section>

      {/* Focusable: where the focus goes when the action took away the control it was on (a mark, a release). */}
      {notice && !replies.data?.some((r) => r.id === notice.reply?.id && r.state !== notice.reply.state) && (
        <div class="action-notice" tabIndex={-1} ref={noticeBox} data-testid="action-notice">
          <Notice kind={notice.kind}>{notice.text}</Notice>
        </div>
      )}

      <section class="actions-bar" aria-label={t('claim')}>
        {mine ? (
          <>
            <p class="small" data-testid="claim-state" data-until={m.claim?.until}>
              {t('claimed', { time: formatDateTime(m.claim?.until, lang) })}
            </p>
            <button type="button" class="btn btn-secondary" data-focus="release" disabled={busy} onClick={() => act(() => post(`/api/mentions/${m.id}/release`), t('releaseDone'), true, '[data-focus="claim"]')}>
              {t('release')}
            </button>
          </>
        ) : heldByOther ? (
          <p class="small held" data-testid="claim-state">{t('heldBy', { name: nameOf(t, users, m.claim?.by), time: formatDateTime(m.claim?.until, lang) })}</p>
        ) : (
          // A post marked no action, spam or duplicate is claimed too: to put it back in the reply queue.
          // Claimed, this button becomes «إلغاء الاستلام»: the focus goes there, not to the document.
          <button type="button" class="btn btn-primary" data-focus="claim" disabled={busy} onClick={() => act(() => post(`/api/mentions/${m.id}/claim`), t('claimDone'), false, '[data-focus="release"]')}>
            {t('claim')}
          </button>
        )}
        {canSupervise(user) && users.length > 0 && (
          <Reassign users={users.filter((u) => !u.disabled && u.role !== 'admin')} disabled={busy} onAssign={(userId) => act(() => post(`/api/mentions/${m.id}/assign`, { userId }), t('reassignDone'), userId !== user.id)} />
        )}
        {closedMark ? (
          mine && (
            <BackToQueue
              disabled={busy}
              onConfirm={(reason) =>
                act(
                  () => post<StatusAnswer>(`/api/mentions/${m.id}/status`, { status: 'needs_reply', reason }),
                  // Back from a spam mark, the case that mark closed is open again: say so.
                  (r) => [t('backToReplyQueueDone'), r.case ? t(`correctionCase_${r.case.change}` as MessageKey, { n: r.case.number }) : ''].filter(Boolean).join(' '),
                )
              }
            />
          )
        ) : (
          <MarkAs
            mention={m}
            disabled={busy || !mine}
            onMark={(status, reason) =>
              act(
                () => post<StatusAnswer>(`/api/mentions/${m.id}/status`, { status, reason }),
                // Marked spam, its case follows (closed as not a complaint, or the post leaves a shared case): say which.
                (r) => [t('statusChanged', { s: label(t, 'status', status) }), r.case ? t(`correctionCase_${r.case.change}` as MessageKey, { n: r.case.number }) : ''].filter(Boolean).join(' '),
                true, // a mark releases the claim
              )
            }
          />
        )}
      </section>

      <section class="facts">
        <h3 class="section-title">{t('replies')}</h3>
        {replies.data && replies.data.length > 0 ? (
          <ul class="reply-list">
            {replies.data.map((r) => (
              <li key={r.id} class={`reply reply-${r.state}`} data-testid="reply-item" data-state={r.state}>
                <Badge tone={`reply-${r.state}`}>{label(t, 'reply', r.state)}</Badge>
                <PostText text={r.text} />
                <p class="muted small">
                  <bdi>{nameOf(t, users, r.author, user)}</bdi> · <bdi>{formatDateTime(r.sentAt ?? r.updatedAt, lang)}</bdi>
                  {r.approvedBy && ` · ${t('approvedBy', { name: nameOf(t, users, r.approvedBy, user) })}`}
                  {r.state === 'rejected' && r.error && ` · ${t('rejectedBecause', { r: r.error })}`}
                  {/* A send that failed and waits for another try: why, and when (an expired token waits until it is fixed). */}
                  {r.state === 'queued' && r.error && (
                    <span class="reply-retry" data-testid="reply-retry">
                      {' · '}
                      {t('replyRetrying', { at: r.nextAttemptAt ? formatDateTime(r.nextAttemptAt, lang) : '—' })} <span dir="auto">{r.error}</span>
                    </span>
                  )}
                  {r.url && (
                    <>
                      {' · '}
                      <a href={r.url} target="_blank" rel="noopener noreferrer">
                        {t('viewSent')}
                      </a>
                    </>
                  )}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <Empty>{t('noReplies')}</Empty>
        )}
      </section>

      {/* Beside the composer, where the user is writing when it happens. */}
      {lost && (
        <div class="notice notice-warn" role="alert" data-testid="claim-lost">
          <p>
            {lost.holder
              ? isolated(t, 'claimLostTo', { time: formatDateTime(lost.until, lang) }, { name: { value: lost.name ?? nameOf(t, users, lost.holder, user) } })
              : lost.ranOutAt
                ? t('claimRanOut', { time: formatDateTime(lost.ranOutAt, lang) })
                : t('claimLostFree')}{' '}
            {lost.draft && t('claimLostDraft')}
          </p>
          {!lost.holder && (
            <button type="button" class="btn btn-small btn-primary" disabled={busy} onClick={() => act(() => post(`/api/mentions/${m.id}/claim`), t('claimDone'), false, '[data-focus="release"]')}>
              {t('claimAgain')}
            </button>
          )}
        </div>
      )}

      {closedMark ? (
        // Dealt with as no action, spam or a duplicate: nothing waits for a reply here.
        <div data-testid="marked-closed">
          <Notice kind="info">
            {t('markedClosed', { s: label(t, 'status', m.status) })} {!mine && replyable && t('markedClosedReopen')}
          </Notice>
        </div>
      ) : replyable ? (
        <ReplyComposer
          mention={m}
          user={user}
          claimedByMe={mine}
          heldByOther={heldByOther}
          replies={replies.data}
          onSent={async () => {
            // The composer says where the reply is, beside the Send just pressed: one confirmation.
            setNotice(undefined);
            await refreshAll();
            onChanged?.();
          }}
        />
      ) : (
        <Notice kind="info">{m.kind === 'news' ? t('newsCannotReply') : t('cannotReplyChannel')}</Notice>
      )}
    </article>
  );
}

/**
 * A claim the user lost: to `holder` (until `until`; `name` from the server's refusal), ran out
 * at `ranOutAt` with nobody else on it, or neither (released elsewhere). `draft`: a reply was
 * being written, and stays.
 */
interface LostClaim {
  holder?: string;
  until?: string;
  name?: string;
  ranOutAt?: string;
  draft: boolean;
}

/** What POST /api/mentions/:id/status answers beside the mention: what marking it spam (or setting it back) did to its case. */
type StatusAnswer = Mention & { case?: { number: string; change: 'closed' | 'unlinked' | 'reopened' | 'opened' | 'linked' } | null };

/** What POST /api/mentions/:id/classification answers: the case change it caused, if any. */
interface CorrectionAnswer {
  case: { number: string; change: 'closed' | 'unlinked' | 'opened' | 'linked' | 'reopened' | 'rerouted' } | null;
}

/** Read as a works complaint, yet no case: it stayed under the case threshold (spam and duplicates never get one). */
function awaitsConfirmation(m: Mention): boolean {
  const c = m.classification;
  return c.primaryDomain !== null && c.intent === 'complaint' && m.status !== 'spam' && m.status !== 'duplicate';
}

function correctionNotice(t: Translate, r: CorrectionAnswer): string {
  const saved = t('correctionSaved');
  return r.case ? `${saved} ${t(`correctionCase_${r.case.change}` as MessageKey, { n: r.case.number })}` : saved;
}

function Location({ location }: { location: Mention['classification']['location'] }) {
  const { t } = useI18n();
  const placeName = usePlaceName();
  const parts: [MessageKey, string | undefined][] = [
    ['area', placeName(location?.area)],
    ['block', location?.block],
    ['road', location?.road],
    ['building', location?.building],
  ];
  const shown = parts.filter(([, v]) => v);
  if (!shown.length) return null;
  return (
    <p class="small location" data-testid="location">
      <span class="muted">{t('location')}: </span>
      {shown.map(([k, v]) => (k === 'road' ? roadText(t, v as string) : `${t(k)} ${v}`)).join(' · ')}
    </p>
  );
}

/** Supervisors hand a mention to an agent (the claim moves to them). */
function Reassign({ users, disabled, onAssign }: { users: UserSummary[]; disabled: boolean; onAssign: (userId: string) => void }) {
  const { t } = useI18n();
  const [userId, setUserId] = useState('');
  return (
    <form
      class="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (userId) onAssign(userId);
      }}
    >
      <label for="reassign-user" class="visually-hidden">
        {t('reassign')}
      </label>
      <select id="reassign-user" value={userId} onChange={(e) => setUserId((e.target as HTMLSelectElement).value)} style={{ inlineSize: 'auto' }}>
        <option value="">{t('reassign')}</option>
        {users.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
      <button type="submit" class="btn btn-small btn-secondary" disabled={disabled || !userId}>
        {t('assignTo')}
      </button>
    </form>
  );
}

/** no_action / spam / duplicate, each with a short reason for the audit log. */
function MarkAs({ mention, disabled, onMark }: { mention: Mention; disabled: boolean; onMark: (status: string, reason: string) => void }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<string | undefined>(undefined);
  // A mark wants its reason next: the keyboard goes to the field (it went on through the other marks).
  const chooseMark = (value: string | undefined) => {
    setStatus(value);
    if (value) requestAnimationFrame(() => document.getElementById('mark-reason')?.focus());
  };
  const options: [string, MessageKey][] = [
    ['no_action', 'markNoAction'],
    ['spam', 'markSpam'],
    ['duplicate', 'markDuplicate'],
  ];
  if (['no_action', 'spam', 'duplicate'].includes(mention.status) && !status) return null;
  return (
    <div class="mark-as" role="group" aria-label={t('markAs')} onKeyDown={(e) => status && cancelOnEscape(e, () => setStatus(undefined))}>
      <span class="muted small">{t('markAs')}</span>
      {options.map(([value, key]) => (
        <button type="button" key={value} class="btn btn-small btn-ghost" aria-pressed={status === value} disabled={disabled} onClick={() => chooseMark(status === value ? undefined : value)}>
          {t(key)}
        </button>
      ))}
      {status && (
        <ReasonForm
          id="mark-reason"
          disabled={disabled}
          onSubmit={(reason) => {
            onMark(status, reason);
            setStatus(undefined);
          }}
        />
      )}
    </div>
  );
}

/**
 * A post marked no action, spam or duplicate by mistake goes back to the reply queue (needs_reply)
 * by its claim holder, with a reason for the audit log, asked as the marks ask for theirs.
 */
function BackToQueue({ disabled, onConfirm }: { disabled: boolean; onConfirm: (reason: string) => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <div class="mark-as" role="group" aria-label={t('backToReplyQueue')} onKeyDown={(e) => open && cancelOnEscape(e, () => setOpen(false))}>
      <button type="button" class="btn btn-small btn-secondary" aria-pressed={open} disabled={disabled} onClick={() => setOpen(!open)} data-testid="back-to-queue">
        {t('backToReplyQueue')}
      </button>
      {open && (
        <ReasonForm
          id="back-to-queue-reason"
          disabled={disabled}
          testId="back-to-queue-confirm"
          onSubmit={(reason) => {
            onConfirm(reason);
            setOpen(false);
          }}
        />
      )}
    </div>
  );
}

/**
 * Escape in an open mark (its reason asked for) cancels it, as a dialog's would, and gives the
 * focus back to the button that opened it; handled here (preventDefault), the queue does not
 * take it as «back to the list».
 */
function cancelOnEscape(e: KeyboardEvent, close: () => void): void {
  if (e.key !== 'Escape' || e.defaultPrevented) return;
  e.preventDefault();
  const opener = (e.currentTarget as HTMLElement).querySelector<HTMLButtonElement>('button[aria-pressed="true"]');
  close();
  opener?.focus();
}

/** The focus is nowhere (the document), on something gone, or on something disabled in `view`. */
function focusLost(view: HTMLElement | null): boolean {
  const at = document.activeElement as HTMLElement | null;
  if (!at || at === document.body || !at.isConnected) return true;
  return !!view?.contains(at) && (at as HTMLButtonElement).disabled === true;
}

/** The reason a mark, or its undoing, is recorded with in the audit log: required, in the console's words. */
function ReasonForm({ id, disabled, testId, onSubmit }: { id: string; disabled: boolean; testId?: string; onSubmit: (reason: string) => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  return (
    <form
      class="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(reason.trim());
        setReason('');
      }}
    >
      <label for={id} class="visually-hidden">
        {t('reason')}
      </label>
      <input id={id} value={reason} placeholder={t('reasonPlaceholder')} onInput={(e) => setReason((e.target as HTMLInputElement).value)} required aria-required="true" />
      {/* Off until a reason is written: the browser's own "fill out this field" is in its language, not the console's. */}
      <button type="submit" class="btn btn-small btn-primary" disabled={disabled || !reason.trim()} data-testid={testId}>
        {t('confirm')}
      </button>
    </form>
  );
}

/**
 * A citizen who writes again on a case already resolved or closed (and told so) is following up:
 * the agent should know before answering as if it were new, and can reopen the case if the
 * problem is back. Only a post written after the case was dealt with (resolved, or closed without
 * being resolved) can be such a follow-up: one written before is the complaint itself, still unanswered.
 */
function CaseDoneNotice({ linked, waiting, postedAt }: { linked: LinkedCase | null | undefined; waiting: boolean; postedAt: string }) {
  const { t, lang } = useI18n();
  if (!linked || !waiting) return null;
  const at = linked.status === 'closed' ? linked.closedAt : linked.status === 'resolved' ? linked.resolvedAt : undefined;
  if (!at) return null;
  const doneAt = Date.parse(linked.resolvedAt ?? linked.closedAt ?? at);
  if (!(Date.parse(postedAt) > doneAt)) return null;
  return (
    <div data-testid="case-done-notice">
      <Notice kind="info">{t(linked.status === 'closed' ? 'caseClosedFollowUp' : 'caseResolvedFollowUp', { at: formatDateTime(at, lang) })}</Notice>
    </div>
  );
}
