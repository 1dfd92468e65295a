/** Sign-in with a user's API token; the server answers with a session cookie. */
import { useState } from 'preact/hooks';
import { ApiError, type SessionEnd } from '../api';
import { LangToggle } from '../components/lang-toggle';
import { Notice, messageOf } from '../components/ui';
import { useI18n } from '../i18n';
import { signIn, type SessionInfo } from '../session';

export function SignInPage({ onSignedIn, expired }: { onSignedIn: (s: SessionInfo) => void; expired: SessionEnd | false }) {
  const { t } = useI18n();
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  // «Your session ended» explains why this page appeared; once the user tries a token, only what
  // that attempt gave is shown (not «session ended» beside «wrong token»).
  const [tried, setTried] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!token.trim()) return;
    setBusy(true);
    setTried(true);
    setError(undefined);
    try {
      const session = await signIn(token.trim());
      setToken('');
      onSignedIn(session);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError(t('badToken'));
      else if (err instanceof ApiError && err.status === 429) setError(t('tooManyAttempts'));
      else setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="signin-page">
      <div class="signin-lang">
        <LangToggle />
      </div>
      <main class="signin-card" id="main">
        <div class="signin-brand">
          <span class="brand-mark brand-mark-large" aria-hidden="true">ر</span>
          <h1>{t('appName')}</h1>
          <p class="muted">{t('ministry')}</p>
          <p class="signin-tagline">{t('tagline')}</p>
        </div>
        <form onSubmit={submit} class="stack" aria-labelledby="signin-title">
          <h2 id="signin-title">{t('signInTitle')}</h2>
          {expired && !tried && <Notice kind="info">{t(expired === 'disabled' ? 'err_account_disabled' : 'sessionExpired')}</Notice>}
          <label for="token">{t('tokenLabel')}</label>
          <p id="token-help" class="muted small">
            {t('signInHelp')}
          </p>
          <input
            id="token"
            name="token"
            type="password"
            dir="ltr"
            autocomplete="current-password"
            aria-describedby="token-help"
            required
            value={token}
            onInput={(e) => setToken((e.target as HTMLInputElement).value)}
          />
          {error && <Notice kind="error">{error}</Notice>}
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? t('signingIn') : t('signIn')}
          </button>
        </form>
      </main>
    </div>
  );
}
