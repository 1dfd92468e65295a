/**
 * Supervisors' desk: replies awaiting approval (approve / reject with a reason) and replies whose
 * send was interrupted (`unknown`), which a person settles after checking the channel. It stays
 * fresh like the queue (live-refresh.ts). Each draft shows its post's status now and its case's
 * (an acknowledgement drafted on a case closed long ago is caught here), and a draft the server
 * would refuse to approve (post closed, or already answered) says why and offers only reject.
 * Names and case numbers are isolated (components/isolated.tsx): in Arabic lines a case number
 * broke at its hyphen, and a Latin name's punctuation landed on the Arabic side.
 */
import { useState } from 'preact/hooks';
import type { Mention } from '../../../domain/mention';
import type { Reply } from '../../../domain/reply';
import type { ApprovalBlock } from '../../../replies/approval-block';
import { get, itemsOf, post, query } from '../api';
import { Badge, Empty, ErrorBox, Loading, Notice, messageOf } from '../components/ui';
import { formatDateTime } from '../format';
import { label, useI18n } from '../i18n';
import { href } from '../router';
import { canSupervise, type SessionUser } from '../session';
import { useLoad } from '../use-load';
import { announceRepliesChanged, useLiveRefresh } from '../live-refresh';
import { nameOf, useUsers } from '../users';
import { PostText } from '../components/post-text';
import { Isolate, isolated } from '../components/isolated';

/** GET /api/mentions/:id: the post with its linked case (mention-routes.ts LinkedCase). */
type MentionView = Mention & { linkedCase?: { number: string; status: string } | null };

/** GET /api/replies items: a draft approving would refuse carries approvalBlock. */
type ReplyView = Reply & { mention?: MentionView; approvalBlock?: ApprovalBlock };

async function withMentions(replies: ReplyView[]): Promise<ReplyView[]> {
  return Promise.all(
    replies.map(async (r) => (r.mention ? r : { ...r, mention: await get<MentionView>(`/api/mentions/${encodeURIComponent(r.mentionId)}`).catch(() => undefined) })),
  );
}

export function ApprovalsPage({ user }: { user: SessionUser }) {
  const { t, lang } = useI18n();
  const awaiting = useLoad(() => get<unknown>(`/api/replies${query({ state: 'awaiting_approval', limit: 100 })}`).then((d) => withMentions(itemsOf<ReplyView>(d))), []);
  const unknown = useLoad(() => get<unknown>(`/api/replies${query({ state: 'unknown', limit: 100 })}`).then((d) => withMentions(itemsOf<ReplyView>(d))), []);
  const failed = useLoad(() => get<unknown>(`/api/replies${query({ state: 'failed', limit: 20 })}`).then((d) => itemsOf<ReplyView>(d)), []);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>(undefined);
  const reloadAll = () => Promise.all([awaiting.reload(), unknown.reload(), failed.reload()]);
  useLiveRefresh(reloadAll, canSupervise(user));

  if (!canSupervise(user)) return <Notice kind="info">{t('supervisorsOnly')}</Notice>;

  const act = async (fn: () => Promise<unknown>, ok: string) => {
    setNotice(undefined);
    try {
      await fn();
      setNotice({ kind: 'ok', text: ok });
    } catch (err) {
      setNotice({ kind: 'error', text: messageOf(err, t) });
    }
    // also after a refusal: a reply another supervisor settled meanwhile leaves the list
    await reloadAll();
    announceRepliesChanged(); // the menu's count follows at once
  };

  return (
    <div class="page">
      <h1>{t('approvalsTitle')}</h1>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      {awaiting.error && <ErrorBox error={awaiting.error} onRetry={awaiting.reload} />}
      {!awaiting.data && !awaiting.error && <Loading />}
      {awaiting.data && awaiting.data.length === 0 && <Empty>{t('approvalsEmpty')}</Empty>}
      <ul class="approval-list">
        {(awaiting.data ?? []).map((r) => (
          <li key={r.id}>
            <ApprovalItem reply={r} user={user} onApprove={() => act(() => post(`/api/replies/${r.id}/approve`), t('approved'))} onReject={(reason) => act(() => post(`/api/replies/${r.id}/reject`, { reason }), t('rejected'))} />
          </li>
        ))}
      </ul>

      <h2>{t('unknownTitle')}</h2>
      <p class="muted small">{t('unknownHelp')}</p>
      {unknown.data && unknown.data.length === 0 && <Empty>{t('unknownEmpty')}</Empty>}
      <ul class="approval-list">
        {(unknown.data ?? []).map((r) => (
          <li key={r.id}>
            <UnknownItem reply={r} user={user} onResolve={(body) => act(() => post(`/api/replies/${r.id}/resolve`, body), t('resolvedDone'))} />
          </li>
        ))}
      </ul>

      <h2>{t('failedTitle')}</h2>
      {failed.data && failed.data.length === 0 && <Empty>{t('failedEmpty')}</Empty>}
      <ul class="approval-list">
        {(failed.data ?? []).map((r) => (
          <li key={r.id} class="card">
            <PostText text={r.text} />
            <p class="muted small">
              <Badge tone="reply-failed">{label(t, 'reply', r.state)}</Badge> {formatDateTime(r.updatedAt, lang)} · <span dir="auto">{r.error}</span> ·{' '}
              <a href={href(['mentions', r.mentionId])}>{t('onMention')}</a>
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}

function MentionQuote({ reply }: { reply: ReplyView }) {
  const { t } = useI18n();
  const m = reply.mention;
  return (
    <div class="approval-mention">
      <p class="muted small">
        {t('onMention')}{' '}
        <a href={href(['mentions', reply.mentionId])}>
          {m ? (
            <>
              <Isolate value={m.author.name || m.author.handle} /> · {label(t, 'channel', m.network)}
            </>
          ) : (
            reply.mentionId
          )}
        </a>
        {m && (
          <>
            {' '}
            <Badge tone={`urgency-${m.classification.urgency}`}>{label(t, 'urgency', m.classification.urgency)}</Badge>{' '}
            <span class="post-status" data-testid="approval-post-status" title={t('postStatus', { s: label(t, 'status', m.status) })}>
              <Badge tone={`status-${m.status}`}>{label(t, 'status', m.status)}</Badge>
            </span>
          </>
        )}
        {m?.linkedCase && (
          <>
            {' '}
            <span class="approval-case" data-testid="approval-case" data-status={m.linkedCase.status}>
              <a href={href(['cases', m.linkedCase.number])}>{isolated(t, 'approvalCase', {}, { n: { value: m.linkedCase.number, code: true, testId: 'approval-case-number' } })}</a>{' '}
              <Badge tone={`case-${m.linkedCase.status}`}>{label(t, 'case', m.linkedCase.status)}</Badge>
            </span>
          </>
        )}
        {reply.approvalBlock?.code === 'mention_already_answered' && (
          <>
            {' '}
            <Badge tone="answered">{t('flagAnswered')}</Badge>
          </>
        )}
      </p>
      {m && <PostText as="blockquote" class="quote" text={m.text} />}
    </div>
  );
}

function ApprovalItem({ reply, user, onApprove, onReject }: { reply: ReplyView; user: SessionUser; onApprove: () => void; onReject: (reason: string) => void }) {
  const { t, lang } = useI18n();
  const users = useUsers(user);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const own = reply.author === user.id;
  const block = reply.approvalBlock;
  return (
    <article class={`card approval${block ? ' approval-blocked' : ''}`} data-testid="approval-item" data-reply-id={reply.id} data-blocked={block?.code}>
      <MentionQuote reply={reply} />
      <PostText class="reply-text" text={reply.text} />
      {block && (
        <div class="notice notice-warn" role="note" data-testid="approval-block">
          {block.code === 'mention_closed'
            ? t('approvalBlockedClosed', { s: label(t, 'status', block.status) })
            : isolated(t, 'approvalBlockedAnswered', { s: label(t, 'reply', block.state) }, { name: { value: nameOf(t, users, block.author, user) } })}
        </div>
      )}
      <p class="muted small">
        {/* bdi: beside a Latin name the date's digits would join the name's run and come out scrambled. */}
        {isolated(t, 'writtenBy', {}, { name: { value: nameOf(t, users, reply.author, user), testId: 'approval-author' } })} · <bdi>{formatDateTime(reply.createdAt, lang)}</bdi>
      </p>
      <div class="row">
        <button type="button" class="btn btn-primary" onClick={onApprove} disabled={own || !!block} data-testid="approve">
          {t('approve')}
        </button>
        <button type="button" class="btn btn-secondary" aria-expanded={rejecting} onClick={() => setRejecting(!rejecting)} data-testid="reject">
          {t('reject')}
        </button>
      </div>
      {rejecting && (
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            onReject(reason.trim());
          }}
        >
          <label for={`reject-${reply.id}`}>{t('rejectReason')}</label>
          <input id={`reject-${reply.id}`} value={reason} required onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
          <button type="submit" class="btn btn-small btn-danger">
            {t('confirm')}
          </button>
        </form>
      )}
    </article>
  );
}

function UnknownItem({ reply, user, onResolve }: { reply: ReplyView; user: SessionUser; onResolve: (body: Record<string, string>) => void }) {
  const { t, lang } = useI18n();
  const users = useUsers(user);
  const [externalId, setExternalId] = useState('');
  return (
    <article class="card approval" data-testid="unknown-item" data-reply-id={reply.id}>
      <MentionQuote reply={reply} />
      <PostText class="reply-text" text={reply.text} />
      <p class="muted small">
        {/* Who wrote it and when, as on a draft; then when its send was cut off. */}
        {isolated(t, 'writtenBy', {}, { name: { value: nameOf(t, users, reply.author, user), testId: 'unknown-author' } })} · <bdi>{formatDateTime(reply.createdAt, lang)}</bdi> ·{' '}
        <Badge tone="reply-unknown">{label(t, 'reply', reply.state)}</Badge> <bdi>{t('unknownSince', { at: formatDateTime(reply.updatedAt, lang) })}</bdi>
      </p>
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          onResolve({ outcome: 'sent', externalId: externalId.trim() });
        }}
      >
        <label for={`ext-${reply.id}`}>{t('externalId')}</label>
        <input id={`ext-${reply.id}`} dir="ltr" value={externalId} required onInput={(e) => setExternalId((e.target as HTMLInputElement).value)} />
        <button type="submit" class="btn btn-small btn-primary">
          {t('resolveSent')}
        </button>
      </form>
      <div class="row">
        <button type="button" class="btn btn-small btn-secondary" onClick={() => onResolve({ outcome: 'resend' })}>
          {t('resolveResend')}
        </button>
        <button type="button" class="btn btn-small btn-ghost" onClick={() => onResolve({ outcome: 'failed', reason: 'checked by supervisor: not posted' })}>
          {t('resolveFailed')}
        </button>
      </div>
    </article>
  );
}
