/**
 * The news channel's feeds, one entry each, from its state (`info.feeds`, keyed by the feed's URL
 * with any key masked, see channels/rss.ts): its name, its status in words, when it last answered
 * and, when it failed, why. One failing feed does not fail the channel (the others still bring news),
 * so without this list a feed that returns a web page instead of a feed went unnoticed.
 */
import { Badge } from './ui';
import { formatDateTime } from '../format';
import { label, useI18n, type MessageKey } from '../i18n';

export interface FeedState {
  status?: string;
  /** The name given in RSS_FEEDS, if any. */
  name?: string;
  lastSuccessAt?: string;
  error?: string;
  /** Why it failed, in a word (channels/rss.ts FeedFailure): said in the console's language. */
  reason?: string;
}

const REASONS = ['not_a_feed', 'refused', 'too_large', 'rate_limited', 'server_error', 'unreachable'];

/** The feeds listed in a channel's `info`, as [masked URL, state], in RSS_FEEDS order; undefined when it has none. */
export function feedsOf(info: Record<string, unknown> | undefined): [string, FeedState][] | undefined {
  const feeds = info?.feeds;
  if (!feeds || typeof feeds !== 'object') return undefined;
  return Object.entries(feeds as Record<string, FeedState>);
}

export const failedCount = (feeds: [string, FeedState][]) => feeds.filter(([, f]) => f.status === 'failed').length;

/** A poll where every feed failed keeps their states too (channels/rss.ts puts them on its error). */
export function FeedStates({ feeds }: { feeds: [string, FeedState][] }) {
  const { t, lang } = useI18n();
  const failed = failedCount(feeds);
  return (
    <section class="feeds" aria-label={t('feedsTitle')} data-testid="rss-feeds">
      <h3 class="section-title">{t('feedsTitle')}</h3>
      {failed > 0 && (
        <p class="notice notice-warn small" role="status" data-testid="rss-feeds-failing">
          {t('feedsFailing', { failed: String(failed), total: String(feeds.length) })}
        </p>
      )}
      <ul class="feed-list">
        {feeds.map(([url, f]) => {
          const status = f.status;
          return (
            <li key={url} class={`feed feed-${status ?? 'unknown'}`} data-testid="rss-feed" data-status={status}>
              <div class="feed-head">
                {f.name ? <strong dir="auto">{f.name}</strong> : <code dir="ltr">{url}</code>}
                {status && <Badge tone={status === 'failed' ? 'health-failing' : 'health-ok'}>{label(t, 'feedStatus', status)}</Badge>}
              </div>
              {f.name && (
                <code class="feed-url" dir="ltr">
                  {url}
                </code>
              )}
              <p class="small muted">{f.lastSuccessAt ? t('feedLastSuccess', { at: formatDateTime(f.lastSuccessAt, lang) }) : t('feedNeverSucceeded')}</p>
              {f.reason && REASONS.includes(f.reason) && (
                <p class="small" data-testid="rss-feed-reason">
                  {t(`feedFailure_${f.reason}` as MessageKey)}
                </p>
              )}
              {/* The technical detail, as the service wrote it. */}
              {f.error && (
                <p class="small feed-error muted" dir="auto" data-testid="rss-feed-error">
                  {f.error}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
