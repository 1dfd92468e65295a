/**
 * Every channel Rasid knows: health, last poll, errors, rate limits and X's monthly read budget for
 * those that run; for those that are off, "not configured" and the environment variables to set.
 */
import type { ChannelState } from '../../../domain/channel-state';
import { isSkippedLine } from '../../../domain/skipped-line';
import { SkippedLines } from '../components/skipped-lines';
import { ChannelErrorNotice } from '../components/channel-error';
import { FeedStates, failedCount, feedsOf } from '../components/feed-states';
import { get, itemsOf } from '../api';
import { Badge, Empty, ErrorBox, Loading } from '../components/ui';
import { formatDateTime, formatNumber } from '../format';
import { label, useI18n } from '../i18n';
import { intervalInWords, scheduleInWords } from '../schedule-words';
import { useLoad } from '../use-load';

interface ChannelItem {
  name: string;
  enabled: boolean;
  /** False for a known channel that is off; `missing` then names what to set. */
  configured?: boolean;
  missing?: string[];
  orInstead?: string[];
  switchedOffBy?: string;
  schedule: string;
  canReply: boolean;
  state: ChannelState;
  /** Present while the channel has slowed itself down (X's monthly budget). */
  paced?: Paced;
  job: { runs?: number; failures?: number; lastRunAt?: string; lastError?: string } | null;
}

interface Paced {
  until: string;
  reason: string;
  used?: number;
  cap?: number;
  baseIntervalMs?: number;
  projected?: number;
  resetAt?: string;
  runsOutAt?: string;
}

interface XUsage {
  projectUsage?: number;
  cap?: number;
  resetAt?: string;
  projectedMonthEnd?: number;
  throttled?: boolean;
}

export function ChannelsPage() {
  const { t } = useI18n();
  const channels = useLoad(() => get<unknown>('/api/channels').then((d) => itemsOf<ChannelItem>(d)), []);
  return (
    <div class="page">
      <h1>{t('channelsTitle')}</h1>
      {channels.error && <ErrorBox error={channels.error} onRetry={channels.reload} />}
      {!channels.data && !channels.error && <Loading />}
      {channels.data && channels.data.length === 0 && <Empty>{t('channelsEmpty')}</Empty>}
      <div class="channel-grid">
        {(channels.data ?? []).map((c) => (
          <ChannelCard key={c.name} channel={c} />
        ))}
      </div>
    </div>
  );
}

function ChannelCard({ channel }: { channel: ChannelItem }) {
  return channel.configured === false ? <OffChannelCard channel={channel} /> : <RunningChannelCard channel={channel} />;
}

function ScheduleFact({ schedule }: { schedule: string }) {
  const { t, lang } = useI18n();
  const words = scheduleInWords(schedule, t, lang);
  return (
    <div>
      <dt>{t('schedule')}</dt>
      {words ? (
        <dd data-testid="channel-schedule" title={schedule}>
          {words}
        </dd>
      ) : (
        <dd dir="ltr" data-testid="channel-schedule">
          <code>{schedule}</code>
        </dd>
      )}
    </div>
  );
}

function OffChannelCard({ channel }: { channel: ChannelItem }) {
  const { t } = useI18n();
  const missing = channel.missing ?? [];
  return (
    <article class="card channel health-disabled" aria-labelledby={`ch-${channel.name}`} data-testid="channel-card" data-channel={channel.name} data-configured="false">
      <header class="channel-head">
        <h2 id={`ch-${channel.name}`}>{label(t, 'channelCard', channel.name)}</h2>
        <Badge tone="health-disabled">{t('notConfigured')}</Badge>
      </header>
      {channel.switchedOffBy && <p class="small">{t('channelSwitchedOff', { name: channel.switchedOffBy })}</p>}
      {missing.length > 0 && (
        <>
          <p class="small">{t('channelNeeds')}</p>
          <EnvList names={missing} testId="channel-missing" />
        </>
      )}
      {channel.orInstead && (
        <>
          <p class="small">{t('channelNeedsInstead')}</p>
          <EnvList names={channel.orInstead} testId="channel-or-instead" />
        </>
      )}
      <dl class="facts-grid">
        {channel.schedule && <ScheduleFact schedule={channel.schedule} />}
        <div>
          <dt>{t('canReply')}</dt>
          <dd>{channel.canReply ? t('yes') : t('no')}</dd>
        </div>
      </dl>
    </article>
  );
}

function EnvList({ names, testId }: { names: string[]; testId: string }) {
  return (
    <ul class="env-list" data-testid={testId}>
      {names.map((v) => (
        <li key={v}>
          <code dir="ltr">{v}</code>
        </li>
      ))}
    </ul>
  );
}

function RunningChannelCard({ channel }: { channel: ChannelItem }) {
  const { t, lang } = useI18n();
  const s = channel.state;
  const feeds = feedsOf(s.info);
  // Some feeds failing leaves the channel «ok» (the others still bring news): say it works only in part.
  const partly = s.health === 'ok' && !!feeds && failedCount(feeds) > 0;
  const health = !channel.enabled ? 'disabled' : partly ? 'partial' : s.health;
  const usage = (s.info?.usage ?? undefined) as XUsage | undefined;
  return (
    <article class={`card channel health-${health}`} aria-labelledby={`ch-${channel.name}`} data-testid="channel-card" data-channel={channel.name} data-configured="true">
      <header class="channel-head">
        <h2 id={`ch-${channel.name}`}>{label(t, 'channelCard', channel.name)}</h2>
        <Badge tone={`health-${health}`}>{label(t, 'health', health)}</Badge>
      </header>
      <dl class="facts-grid">
        <div>
          <dt>{t('lastPoll')}</dt>
          <dd>{formatDateTime(s.lastPollAt, lang)}</dd>
        </div>
        <div>
          <dt>{t('lastSuccess')}</dt>
          <dd>{formatDateTime(s.lastSuccessAt, lang)}</dd>
        </div>
        <div>
          <dt>{t('failures')}</dt>
          <dd>{s.consecutiveFailures}</dd>
        </div>
        <div>
          <dt>{t('canReply')}</dt>
          <dd>{channel.canReply ? t('yes') : t('no')}</dd>
        </div>
        {channel.schedule && <ScheduleFact schedule={channel.schedule} />}
        {typeof s.info?.file === 'string' && (
          // A replay channel's file and how far it has read (the demo, or an import).
          <div data-testid="replay-file">
            <dt>{t('replayFile')}</dt>
            <dd>
              <code dir="ltr">{s.info.file}</code> · {t('replayLine', { n: String(s.info.line ?? 0) })}
            </dd>
          </div>
        )}
        {typeof s.info?.skipped === 'number' && (
          // Lines of that file left out (bad JSON, a missing field, a repeated id): the log has them all.
          <div class="wide" data-testid="replay-skipped">
            <dt>{t('replaySkipped')}</dt>
            <dd>
              {t('replaySkippedCount', { n: String(s.info.skipped) })}
              {Array.isArray(s.info.lastSkipped) && <SkippedLines lines={(s.info.lastSkipped as unknown[]).filter(isSkippedLine)} />}
            </dd>
          </div>
        )}
        {s.backoffUntil && new Date(s.backoffUntil).getTime() > Date.now() && (
          <div>
            <dt>{t('backoffUntil')}</dt>
            <dd>{formatDateTime(s.backoffUntil, lang)}</dd>
          </div>
        )}
      </dl>
      {channel.paced && <PacedNotice paced={channel.paced} />}
      {s.lastError && <ChannelErrorNotice error={s.lastError} />}
      {/* Replies wait while the channel refuses them (an expired token): polling may work with other keys. */}
      {s.replyError && <ChannelErrorNotice error={s.replyError} title="replyRefused" testId="channel-reply-error" />}
      {feeds && feeds.length > 0 && <FeedStates feeds={feeds} />}
      {usage && (usage.projectUsage !== undefined || usage.cap !== undefined) && (
        <section class="usage" aria-label={t('monthlyUsage')}>
          <h3 class="section-title">{t('monthlyUsage')}</h3>
          {usage.cap ? (
            <>
              <div class="meter meter-wide" role="meter" aria-valuemin={0} aria-valuemax={usage.cap} aria-valuenow={usage.projectUsage ?? 0} aria-label={t('monthlyUsage')}>
                <span style={{ inlineSize: `${Math.min(100, Math.round(((usage.projectUsage ?? 0) / usage.cap) * 100))}%` }} />
              </div>
              <p class="small">{t('usageOf', { used: formatNumber(usage.projectUsage ?? 0, lang), cap: formatNumber(usage.cap, lang) })}</p>
            </>
          ) : (
            <p class="small">{formatNumber(usage.projectUsage ?? 0, lang)}</p>
          )}
          {usage.projectedMonthEnd !== undefined && <p class="small muted">{t('projected', { n: formatNumber(Math.round(usage.projectedMonthEnd), lang) })}</p>}
          {usage.resetAt && (
            <p class="small muted">
              {t('resetsAt')}: {formatDateTime(usage.resetAt, lang)}
            </p>
          )}
          {usage.throttled && <p class="small">{t('throttled')}</p>}
        </section>
      )}
      {s.rateLimits && s.rateLimits.length > 0 && (
        <section>
          <h3 class="section-title">{t('rateLimits')}</h3>
          <div class="table-wrap">
            <table class="table compact">
              <thead>
                <tr>
                  <th scope="col">{t('endpoint')}</th>
                  <th scope="col">{t('remaining')}</th>
                  <th scope="col">{t('resetsAt')}</th>
                </tr>
              </thead>
              <tbody>
                {s.rateLimits.map((r, i) => (
                  <tr key={i} class={r.remaining === 0 ? 'overdue' : ''}>
                    <td dir="ltr">
                      <code>{r.endpoint ?? '—'}</code>
                    </td>
                    <td>
                      {r.remaining ?? '—'} / {r.limit ?? '—'}
                    </td>
                    <td>{formatDateTime(r.resetAt, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </article>
  );
}

/** "Paced: next poll at …, because …", worded from the reason code and its figures. */
function PacedNotice({ paced }: { paced: Paced }) {
  const { t, lang } = useI18n();
  const because = t(paced.reason === 'budget_spent' ? 'pacedBecause_budget_spent' : 'pacedBecause_budget', {
    every: intervalInWords(paced.baseIntervalMs ?? 0, t),
    projected: formatNumber(paced.projected ?? 0, lang),
    resetAt: formatDateTime(paced.resetAt, lang),
    cap: formatNumber(paced.cap ?? 0, lang),
    used: formatNumber(paced.used ?? 0, lang),
  });
  return (
    <div class="notice notice-warn small" data-testid="channel-paced">
      <p>{t('paced', { at: formatDateTime(paced.until, lang), because })}</p>
      {paced.runsOutAt && <p>{t('pacedRunsOut', { at: formatDateTime(paced.runsOutAt, lang) })}</p>}
    </div>
  );
}
