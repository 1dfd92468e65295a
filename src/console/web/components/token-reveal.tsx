/**
 * A freshly issued API token, shown once: the server keeps only its hash, so once this panel is
 * closed (or the page left) nobody can see the token again. Focus lands on the panel so a
 * screen reader reads the warning first; the token is in a read-only field with a copy button.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n';

export function TokenReveal({ name, token, onDone }: { name: string; token: string; onDone: () => void }) {
  const { t } = useI18n();
  const panel = useRef<HTMLElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<'idle' | 'ok' | 'failed'>('idle');
  useEffect(() => {
    panel.current?.focus();
  }, [token]);

  const copyToken = async () => {
    try {
      await navigator.clipboard.writeText(token);
      setCopy('ok');
    } catch {
      // No clipboard permission (plain http, or a locked-down browser): select it for Ctrl+C.
      field.current?.focus();
      field.current?.select();
      setCopy('failed');
    }
  };

  return (
    <section class="token-reveal" ref={panel} tabIndex={-1} aria-labelledby="token-title" data-testid="token-reveal">
      <h2 id="token-title">{t('tokenTitle', { name })}</h2>
      <p class="token-warning">
        <strong>{t('tokenOnce')}</strong> {t('tokenOnceHelp')}
      </p>
      <div class="token-row">
        <label for="new-token" class="visually-hidden">
          {t('tokenLabel')}
        </label>
        <input id="new-token" ref={field} class="token-field" dir="ltr" readOnly value={token} onFocus={(e) => (e.target as HTMLInputElement).select()} data-testid="new-token" />
        <button type="button" class="btn btn-primary" onClick={copyToken} data-testid="copy-token">
          {t('copy')}
        </button>
      </div>
      <p class="small" role="status">
        {copy === 'ok' ? t('copied') : copy === 'failed' ? t('copyFailed') : ''}
      </p>
      <button type="button" class="btn btn-secondary" onClick={onDone} data-testid="token-done">
        {t('tokenDone')}
      </button>
    </section>
  );
}
