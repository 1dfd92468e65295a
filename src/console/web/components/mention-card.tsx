/** One line of the queue: who, where, how urgent, how long it has waited, and the first words. */
import type { QueueItem } from '../../../queue/store/queue-store';
import { label, useI18n } from '../i18n';
import { href } from '../router';
import { Badge, SlaBadge, UrgencyBadge } from './ui';
import { PostText } from './post-text';
import { usePlaceName } from '../places';

/**
 * Only a post waiting for a reply gets the waiting-time (SLA) badge. Not `new`: ingest gives that
 * status to what it leaves out of the reply queue, posts judged not relevant and those that cannot
 * be answered (news, replyable false), and the queue item does not say which; neither waits.
 */
const WAITING: readonly string[] = ['needs_reply'];

/** `claimerName`: the name of whoever holds the claim (the card shows no raw user id). */
export function MentionCard(props: { mention: QueueItem; selected: boolean; params: Record<string, string | undefined>; now: number; userId: string; claimerName: string; isNew: boolean }) {
  const { t } = useI18n();
  const placeName = usePlaceName();
  const m = props.mention;
  const c = m.classification;
  const claimActive = m.claim && new Date(m.claim.until).getTime() > props.now;
  const done = m.caseStatus === 'resolved' || m.caseStatus === 'closed';
  return (
    <a
      class={`mention-card${props.selected ? ' selected' : ''}${props.isNew ? ' is-new' : ''}`}
      href={href(['queue'], { ...props.params, m: m.id })}
      aria-current={props.selected ? 'true' : undefined}
      data-mention-id={m.id}
    >
      <div class="card-top">
        <UrgencyBadge urgency={c.urgency} />
        {/* "waiting N days" only while it waits for a reply; an answered or closed post says what it is */}
        {WAITING.includes(m.status) ? <SlaBadge since={m.createdAt} urgency={c.urgency} now={props.now} /> : <Badge tone={`status-${m.status}`} title={m.status === 'new' ? t('statusNewHint') : undefined}>{label(t, 'status', m.status)}</Badge>}
        {claimActive && (
          <Badge tone={m.claim?.by === props.userId ? 'mine' : 'claimed'}>
            {m.claim?.by === props.userId ? t('claimedByYou') : t('claimedBy', { name: props.claimerName })}
          </Badge>
        )}
      </div>
      <div class="card-author">
        {/* Isolated: a Latin name ending in a dot («Fatima A.») put its dot on the Arabic side. */}
        <bdi class="author-name">{m.author.name || m.author.handle}</bdi>
        <span class="handle" dir="ltr">@{m.author.handle}</span>
      </div>
      <PostText class="card-text" text={m.title || m.text} />
      <div class="card-meta">
        <span class={`chip chip-channel chip-${m.network}`}>{label(t, 'channel', m.network)}</span>
        <span class="chip">{label(t, 'domain', c.primaryDomain ?? 'none')}</span>
        <span class="chip">{label(t, 'intent', c.intent)}</span>
        {c.location?.area && <span class="chip chip-place">{placeName(c.location.area)}</span>}
        {m.caseNumber && (
          // A case no longer being worked on says so: closed by a correction, or resolved before this post.
          <span class={`chip chip-case${done ? ' chip-case-done' : ''}`} data-testid="card-case">
            {t('cardCase')} <bdi dir="ltr">{m.caseNumber}</bdi>
            {done && m.caseStatus && ` · ${label(t, 'case', m.caseStatus)}`}
          </span>
        )}
      </div>
    </a>
  );
}
