/** A channel's last error: when, what kind in words, and the service's message with local times. */
import type { ChannelState } from '../../../domain/channel-state';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { channelErrorParts, errorCodeInWords } from './channel-error-text';

/** `title`: what failed: the last poll (default), or a reply the channel refused (replyError). */
export function ChannelErrorNotice({ error, title = 'lastError', testId = 'channel-error' }: { error: NonNullable<ChannelState['lastError']>; title?: 'lastError' | 'replyRefused'; testId?: string }) {
  const { t, lang } = useI18n();
  const words = error.code ? errorCodeInWords(error.code, t) : undefined;
  return (
    <div class="notice notice-error small channel-error" data-testid={testId}>
      <p>
        <strong>{t(title)}</strong> ({formatDateTime(error.at, lang)}){error.code && ': '}
        {words ?? (error.code && <code dir="ltr">{error.code}</code>)}
      </p>
      {/* The technical detail, in its own direction; each time isolated so it reads whole in either. */}
      <p class="error-detail" dir="auto" data-testid={`${testId}-message`}>
        {channelErrorParts(error.message, lang).map((p, i) =>
          p.iso ? (
            <time key={i} dateTime={p.iso} dir="auto">
              {p.text}
            </time>
          ) : (
            p.text
          ),
        )}
      </p>
    </div>
  );
}
