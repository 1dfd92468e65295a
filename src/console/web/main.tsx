/**
 * The console's entry point: language (Arabic RTL by default, English toggle), the session, the
 * page shell with its navigation, and the hash routes to each page.
 */
import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { get, isServerReachable, onConnectionChange, setUnauthorizedHandler, type SessionEnd } from './api';
import { useLiveRefresh } from './live-refresh';
import type { Role } from '../../users/store/user-store';
import { I18nContext, translator, useI18n, type Lang, type MessageKey } from './i18n';
import { href, useRoute } from './router';
import { loadSession, signOut, type SessionInfo, type SessionUser } from './session';
import { ErrorBox, Loading, Notice } from './components/ui';
import { LangToggle } from './components/lang-toggle';
import { SignInPage } from './pages/sign-in';
import { QueuePage } from './pages/queue';
import { MentionPage } from './pages/mention';
import { ApprovalsPage } from './pages/approvals';
import { CasesPage } from './pages/cases';
import { CasePage } from './pages/case';
import { MapPage } from './pages/map';
import { ChannelsPage } from './pages/channels';
import { SummaryPage } from './pages/summary';
import { TemplatesPage } from './pages/templates';
import { UsersPage } from './pages/users';
import { AuditPage } from './pages/audit';

const SUPERVISING: Role[] = ['supervisor', 'admin'];

const LANG_KEY = 'rasid.lang';

function initialLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'ar';
  } catch {
    return 'ar';
  }
}

function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [session, setSession] = useState<SessionInfo | null | undefined>(undefined);
  const [bootError, setBootError] = useState<Error | undefined>(undefined);
  const [expired, setExpired] = useState<SessionEnd | false>(false);
  // Signed in by the form (not a page opened on a live session): the form the focus was in is gone.
  const [fromSignIn, setFromSignIn] = useState(false);
  const i18n = useMemo(() => ({ lang, t: translator(lang), setLang }), [lang]);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
    document.title = `${i18n.t('appName')} — ${i18n.t('ministry')}`;
    try {
      localStorage.setItem(LANG_KEY, lang);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }, [lang]);

  useEffect(() => {
    setUnauthorizedHandler((why) => {
      setSession((s) => {
        if (s) setExpired(why);
        return null;
      });
    });
    loadSession().then(setSession, (err: Error) => {
      setBootError(err);
      setSession(null);
    });
  }, []);

  // Signed out (by the button, or the session ended): the page the focus was in is gone; the
  // sign-in form's field is where the user goes on from.
  const wasSignedIn = useRef(false);
  useEffect(() => {
    if (session) wasSignedIn.current = true;
    else if (session === null && wasSignedIn.current) {
      wasSignedIn.current = false;
      if (!document.activeElement || document.activeElement === document.body) document.getElementById('token')?.focus();
    }
  }, [session]);

  let body;
  if (session === undefined) body = <Loading />;
  else if (!session)
    body = (
      <>
        {bootError && <ErrorBox error={bootError} />}
        <SignInPage
          expired={expired}
          onSignedIn={(s) => {
            setExpired(false);
            setFromSignIn(true);
            setSession(s);
          }}
        />
      </>
    );
  else body = <Shell user={session.user} focusOnStart={fromSignIn} onSignOut={async () => {
    await signOut().catch(() => undefined);
    setSession(null);
    location.hash = '#/queue';
  }} />;
  return <I18nContext.Provider value={i18n}>{body}</I18nContext.Provider>;
}

/**
 * Says, wherever the user is, that the server cannot be reached (api.ts counts each request that
 * fails on the network), until it answers again: while it shows, the server is asked every few
 * seconds, so it goes away by itself once the service is back. A live region that is always in
 * the page (an empty one takes no room), so screen readers announce it when it fills.
 */
function ConnectionBanner() {
  const { t } = useI18n();
  const [reachable, setReachable] = useState(isServerReachable);
  useEffect(() => onConnectionChange(setReachable), []);
  useEffect(() => {
    if (reachable) return;
    // The session route: served wherever the API is (a health check may not be, behind a proxy).
    const timer = window.setInterval(() => void get('/api/session', { quiet401: true }).catch(() => undefined), PING_MS);
    return () => window.clearInterval(timer);
  }, [reachable]);
  return (
    <div class="connection-status" role="status" aria-live="polite" data-testid="connection-status">
      {!reachable && (
        <p class="connection-banner" data-testid="connection-banner">
          <span aria-hidden="true" class="connection-dot" />
          {t('connectionLost')}
        </p>
      )}
    </div>
  );
}

/** How often an unreachable server is asked again while the banner shows. */
const PING_MS = 4_000;

type Section = 'queue' | 'approvals' | 'cases' | 'map' | 'channels' | 'summary' | 'templates' | 'users' | 'audit';

/**
 * The navigation, with the roles each item is for: an item a role cannot use is not shown (the
 * server refuses it anyway). Supervisors see Users read-only, since they may list users.
 */
const NAV: { key: Section; label: MessageKey; roles?: Role[] }[] = [
  { key: 'queue', label: 'navQueue' },
  { key: 'approvals', label: 'navApprovals', roles: SUPERVISING },
  { key: 'cases', label: 'navCases' },
  { key: 'map', label: 'navMap' },
  { key: 'channels', label: 'navChannels' },
  { key: 'summary', label: 'navSummary', roles: SUPERVISING },
  { key: 'templates', label: 'navTemplates', roles: SUPERVISING },
  { key: 'users', label: 'navUsers', roles: SUPERVISING },
  { key: 'audit', label: 'navAudit', roles: SUPERVISING },
];

const allowed = (section: string, user: SessionUser) => {
  const item = NAV.find((n) => n.key === section);
  return !item?.roles || item.roles.includes(user.role);
};

/** What waits for a supervisor on the approvals page: drafts to approve, and sends cut off (unknown) to settle. */
interface ApprovalsWaiting {
  awaiting: number;
  unknown: number;
}

/**
 * The approvals page's work, for the menu of those who do it (undefined for the others, and until
 * the first answer): kept fresh like the approvals page, from the server's counts, not the lists.
 * A reply whose send was cut off counts too: until someone checks the channel, the citizen may
 * or may not have had it, and nothing else would draw a supervisor there.
 */
function useApprovalsWaiting(user: SessionUser): ApprovalsWaiting | undefined {
  const supervises = SUPERVISING.includes(user.role);
  const [count, setCount] = useState<ApprovalsWaiting | undefined>(undefined);
  const countOf = (state: string) => get<{ count: number }>(`/api/replies/count?state=${state}`).then((r) => r.count);
  const load = () =>
    Promise.all([countOf('awaiting_approval'), countOf('unknown')]).then(
      ([awaiting, unknown]) => setCount({ awaiting, unknown }),
      // a failed count keeps the last one: the menu is no place for an error
      () => undefined,
    );
  useEffect(() => {
    if (supervises) void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per user
  }, [supervises, user.id]);
  useLiveRefresh(load, supervises);
  return supervises ? count : undefined;
}

/** The approvals link's count: drafts and cut-off sends together, each said in words. */
function ApprovalsCount({ waiting }: { waiting: ApprovalsWaiting }) {
  const { t } = useI18n();
  const total = waiting.awaiting + waiting.unknown;
  if (!total) return null;
  const words = [
    waiting.awaiting ? t('navAwaitingApproval', { n: waiting.awaiting, count: waiting.awaiting }) : '',
    waiting.unknown ? t('navUnknownReplies', { n: waiting.unknown, count: waiting.unknown }) : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <span class={`nav-count${waiting.unknown ? ' nav-count-alert' : ''}`} data-testid="nav-approvals-count" title={words}>
      <span aria-hidden="true">{total}</span>
      <span class="visually-hidden">{words}</span>
    </span>
  );
}

function Shell({ user, onSignOut, focusOnStart }: { user: SessionUser; onSignOut: () => void; focusOnStart?: boolean }) {
  const { t } = useI18n();
  const route = useRoute();
  const approvalsWaiting = useApprovalsWaiting(user);
  const section = route.parts[0] === 'mentions' ? 'queue' : route.parts[0];
  const main = useRef<HTMLElement>(null);
  const signedInNote = useRef<HTMLParagraphElement>(null);
  const firstSection = useRef(section);
  useEffect(() => {
    // Moving between pages puts keyboard and screen-reader focus at the top of the new page.
    if (firstSection.current === section) return;
    firstSection.current = section;
    main.current?.focus();
  }, [section]);
  useEffect(() => {
    // Just signed in: the sign-in form that held the focus is gone. The focus goes to a line at
    // the very top that says who is signed in (read by screen readers, not shown), so the user
    // hears that it worked and the next Tab is the skip link, as on a page just opened.
    if (focusOnStart && (!document.activeElement || document.activeElement === document.body)) signedInNote.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on arriving
  }, []);

  return (
    <div class="shell">
      {focusOnStart && (
        <p class="visually-hidden" tabIndex={-1} ref={signedInNote} id="signed-in-note">
          {t('signedInNote', { name: user.name })}
        </p>
      )}
      <a class="skip-link" href="#main" onClick={(e) => {
        e.preventDefault();
        main.current?.focus();
      }}>
        {t('skipToContent')}
      </a>
      <header class="topbar">
        <div class="brand">
          <span class="brand-mark" aria-hidden="true">ر</span>
          <div>
            <div class="brand-name">{t('appName')}</div>
            <div class="brand-sub">{t('ministry')}</div>
          </div>
        </div>
        <nav class="mainnav" aria-label={t('nav')}>
          <ul>
            {NAV.filter((n) => allowed(n.key, user)).map((n) => (
              <li key={n.key}>
                <a href={href([n.key])} aria-current={section === n.key ? 'page' : undefined}>
                  {t(n.label)}
                  {n.key === 'approvals' && approvalsWaiting && <ApprovalsCount waiting={approvalsWaiting} />}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="userbox">
          <span class="user-name" title={t('signedInAs')}>
            {user.name}
            <span class="user-role">
              {t(`role_${user.role}`)}
              {user.trainee ? ` · ${t('trainee')}` : ''}
            </span>
          </span>
          <LangToggle />
          <button type="button" class="btn btn-ghost" onClick={onSignOut} data-testid="sign-out">
            {t('signOut')}
          </button>
        </div>
      </header>
      <ConnectionBanner />
      <main id="main" ref={main} tabIndex={-1}>
        <Page user={user} />
      </main>
    </div>
  );
}

function Page({ user }: { user: SessionUser }) {
  const { t } = useI18n();
  const route = useRoute();
  const [section, id] = route.parts;
  // A page typed into the address bar that the role cannot use says so, without calling the API.
  if (!allowed(section, user))
    return (
      <div class="page">
        <Notice kind="info">{t('supervisorsOnly')}</Notice>
      </div>
    );
  switch (section) {
    case 'mentions':
      return id ? <MentionPage id={id} user={user} /> : <QueuePage user={user} route={route} />;
    case 'approvals':
      return <ApprovalsPage user={user} />;
    case 'cases':
      return id ? <CasePage number={id} user={user} /> : <CasesPage route={route} user={user} />;
    case 'map':
      return <MapPage route={route} />;
    case 'channels':
      return <ChannelsPage />;
    case 'summary':
      return <SummaryPage route={route} />;
    case 'templates':
      return <TemplatesPage user={user} selected={id} />;
    case 'users':
      return <UsersPage user={user} selected={id} />;
    case 'audit':
      return <AuditPage user={user} route={route} />;
    default:
      return <QueuePage user={user} route={route} />;
  }
}

render(<App />, document.getElementById('app') as HTMLElement);
