/** Small building blocks shared by the pages: badges, notices, loading and error states. */
import type { ComponentChildren } from 'preact';
import { ApiError } from '../api';
import { formatDuration, slaState } from '../format';
import { label, useI18n } from '../i18n';
import { settings } from '../settings';

export function Badge(props: { tone: string; children: ComponentChildren; title?: string }) {
  return (
    <span class={`badge badge-${props.tone}`} title={props.title}>
      {props.children}
    </span>
  );
}

export function UrgencyBadge({ urgency }: { urgency: string }) {
  const { t } = useI18n();
  return <Badge tone={`urgency-${urgency}`}>{label(t, 'urgency', urgency)}</Badge>;
}

/** How long a mention has waited, coloured against its urgency's response target. */
export function SlaBadge({ since, urgency, now }: { since: string; urgency: 'high' | 'medium' | 'low'; now: number }) {
  const { t, lang } = useI18n();
  const waited = now - new Date(since).getTime();
  const state = slaState(waited, (settings.slaMinutes[urgency] ?? 1440) / 60);
  const words = { ok: t('slaOk'), soon: t('slaSoon'), late: t('slaLate') }[state];
  return (
    <Badge tone={`sla-${state}`} title={words}>
      <span aria-hidden="true" class="sla-dot" />
      {t('waiting', { d: formatDuration(waited, lang) })}
      <span class="visually-hidden"> ({words})</span>
    </Badge>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="muted loading" role="status">
      {t('loading')}
    </p>
  );
}

export function ErrorBox({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div class="notice notice-error" role="alert">
      <strong>{t('error')}:</strong> {messageOf(error)}
      {onRetry && (
        <button type="button" class="btn btn-small" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

/** A polite live region: screen readers announce what an action did. */
export function Notice({ kind, children }: { kind: 'ok' | 'error' | 'info'; children: ComponentChildren }) {
  return (
    <div class={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return (err as Error)?.message ?? String(err);
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}
