/** Small building blocks shared by the pages: badges, notices, loading and error states. */
import type { ComponentChildren } from 'preact';
import { formatDuration, slaState } from '../format';
import { label, translator, useI18n, type Translate } from '../i18n';
import { errorText, isNotFound, isRetryable, type ErrorTextOptions } from '../messages/error-text';
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

/**
 * How far an open case is from its SLA due time: «يحين خلال ٣ س» while there is time, a red
 * «متأخر منذ يومين» once it has passed. Nothing for a resolved or closed case, whose clock stopped.
 */
export function CaseDueIn({ dueAt, late, open, now }: { dueAt: string; late: boolean; open: boolean; now: number }) {
  const { t, lang } = useI18n();
  if (!open) return null;
  const left = new Date(dueAt).getTime() - now;
  return late ? (
    <Badge tone="sla-late">
      <span data-testid="case-due-in">{t('overdueBy', { d: formatDuration(-left, lang) })}</span>
    </Badge>
  ) : (
    <span class="muted small due-in" data-testid="case-due-in">
      {t('dueIn', { d: formatDuration(left, lang) })}
    </span>
  );
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

/**
 * A failed load, in the console's words. "Try again" only where trying again can help (the
 * network, the server's side); something that does not exist (404) gets a way back instead.
 */
export function ErrorBox({ error, onRetry, back }: { error: Error; onRetry?: () => void; back?: { href: string; label: string } }) {
  const { t } = useI18n();
  const missing = isNotFound(error);
  return (
    <div class="notice notice-error" role="alert" data-testid="error-box">
      {!missing && <strong>{t('error')}:</strong>} <span data-testid="error-text">{messageOf(error, t)}</span>
      {onRetry && isRetryable(error) && (
        <button type="button" class="btn btn-small" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
      {back && missing && (
        <a class="btn btn-small btn-secondary" href={back.href} data-testid="error-back">
          {back.label}
        </a>
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

/**
 * What to tell the user about a failure, in their language (errorText: by the API's error code,
 * the server's English message only for codes the console does not know). Without `t` it reads
 * the page's current language from <html lang> (main.tsx keeps it in step with the toggle).
 */
export function messageOf(err: unknown, t?: Translate, opts?: ErrorTextOptions): string {
  return errorText(t ?? translator(pageLang()), err, opts);
}

function pageLang(): 'ar' | 'en' {
  return typeof document !== 'undefined' && document.documentElement.lang === 'en' ? 'en' : 'ar';
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}
