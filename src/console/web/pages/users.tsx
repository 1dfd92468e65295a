/**
 * Accounts. Admins create users (the new token is shown once), change role and trainee flag,
 * disable or enable an account, and issue a new token; supervisors see the list read-only, as
 * the API lets them list users but not change them. An admin cannot demote or disable themself
 * (the server refuses with 409), so those controls are off on their own row.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ROLES, type Role, type User } from '../../../users/store/user-store';
import { ApiError, get, itemsOf, patch, post } from '../api';
import { ConfirmAction } from '../components/confirm-action';
import { TokenReveal } from '../components/token-reveal';
import { Badge, Empty, ErrorBox, Loading, Notice, messageOf } from '../components/ui';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { href } from '../router';
import { isAdmin, signIn, type SessionUser } from '../session';
import { useLoad } from '../use-load';
import { forgetUsers } from '../users';

interface Issued {
  name: string;
  token: string;
}

export function UsersPage({ user, selected }: { user: SessionUser; selected?: string }) {
  const { t, lang } = useI18n();
  const list = useLoad(() => get<unknown>('/api/users').then((d) => itemsOf<User>(d)), []);
  // A notice belongs to the account view it was given on (`about`: the open account, or none):
  // opening another account, or closing this one, clears it.
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string; about: string } | undefined>(undefined);
  const [issued, setIssued] = useState<Issued | undefined>(undefined);
  const admin = isAdmin(user);
  const about = selected ?? '';
  useEffect(() => setNotice((n) => (n && n.about !== about ? undefined : n)), [about]);

  const users = list.data ?? [];
  const current = admin && selected ? users.find((u) => u.id === selected) : undefined;
  const changed = async (text: string) => {
    setNotice({ kind: 'ok', text, about });
    forgetUsers();
    await list.reload();
  };

  return (
    <div class="page">
      <div class="page-head">
        <h1>{t('usersTitle')}</h1>
      </div>
      {!admin && <Notice kind="info">{t('usersReadOnly')}</Notice>}
      {notice && notice.about === about && <Notice kind={notice.kind}>{notice.text}</Notice>}
      {issued && <TokenReveal name={issued.name} token={issued.token} onDone={() => setIssued(undefined)} />}

      {admin && (
        <NewUserForm
          onCreated={async (created, token) => {
            setIssued({ name: created.name, token });
            await changed(t('userCreated', { name: created.name }));
          }}
        />
      )}

      {current && (
        <ManageUser
          key={`${current.id}:${current.updatedAt}`}
          target={current}
          me={user}
          onChanged={changed}
          onError={(text) => setNotice({ kind: 'error', text, about })}
          onToken={(token) => setIssued({ name: current.name, token })}
        />
      )}

      {list.error && <ErrorBox error={list.error} onRetry={list.reload} />}
      {!list.data && !list.error && <Loading />}
      {list.data && users.length === 0 && <Empty>{t('usersEmpty')}</Empty>}
      {users.length > 0 && (
        <div class="table-wrap stack-narrow">
          <table class="table users-table">
            <caption class="visually-hidden">{t('usersTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('userName')}</th>
                <th scope="col">{t('userRole')}</th>
                <th scope="col">{t('userTrainee')}</th>
                <th scope="col">{t('userStatus')}</th>
                <th scope="col">{t('userAdded')}</th>
                {admin && (
                  <th scope="col">
                    <span class="visually-hidden">{t('manageUser')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} class={`${u.disabled ? 'is-disabled' : ''}${u.id === selected ? ' selected' : ''}`} data-testid="user-row" data-user-id={u.id}>
                  <th scope="row">
                    <bdi>{u.name}</bdi>
                    {u.id === user.id && <span class="muted small"> ({t('you')})</span>}
                  </th>
                  <td data-label={t('userRole')}>
                    <Badge tone={`role-${u.role}`}>{t(`role_${u.role}`)}</Badge>
                  </td>
                  <td data-label={t('userTrainee')}>{u.trainee ? t('yes') : t('no')}</td>
                  <td data-label={t('userStatus')}>
                    <Badge tone={u.disabled ? 'user-disabled' : 'user-active'}>{u.disabled ? t('userDisabled') : t('userActive')}</Badge>
                  </td>
                  <td data-label={t('userAdded')}>{formatDateTime(u.createdAt, lang)}</td>
                  {admin && (
                    <td class="cell-action">
                      <a class="btn btn-small btn-secondary" href={href(['users', u.id])} aria-label={`${t('manageUser')}: ${u.name}`} aria-current={u.id === selected ? 'true' : undefined}>
                        {t('manageUser')}
                      </a>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function NewUserForm({ onCreated }: { onCreated: (u: User, token: string) => Promise<void> }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [trainee, setTrainee] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const r = await post<{ user: User; token: string }>('/api/users', { name: name.trim(), role, trainee: role === 'agent' ? trainee : false });
      setName('');
      setTrainee(false);
      setRole('agent');
      await onCreated(r.user, r.token);
    } catch (err) {
      setError(err instanceof ApiError && err.code === 'user_name_taken' ? t('nameTaken') : messageOf(err));
      document.getElementById('nu-name')?.focus();
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card admin-form" onSubmit={submit} aria-labelledby="nu-title" data-testid="new-user-form">
      <h2 id="nu-title">{t('newUser')}</h2>
      <div class="form-grid">
        <div class="field">
          <label for="nu-name">{t('userName')}</label>
          <input id="nu-name" dir="auto" required maxLength={100} value={name} autoComplete="off" aria-invalid={!!error} aria-describedby={error ? 'nu-error' : undefined} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="nu-role">{t('userRole')}</label>
          <RoleSelect id="nu-role" value={role} onChange={setRole} />
        </div>
        <div class="field field-check">
          <input id="nu-trainee" type="checkbox" checked={trainee && role === 'agent'} disabled={role !== 'agent'} aria-describedby="nu-trainee-help" onChange={(e) => setTrainee((e.target as HTMLInputElement).checked)} />
          <label for="nu-trainee">{t('userTrainee')}</label>
        </div>
        <button type="submit" class="btn btn-primary" disabled={busy} data-testid="create-user">
          {t('createUser')}
        </button>
      </div>
      <p id="nu-trainee-help" class="muted small">
        {t('userTraineeHelp')}
      </p>
      {error && (
        <p id="nu-error" class="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function ManageUser(props: { target: User; me: SessionUser; onChanged: (text: string) => Promise<void>; onError: (text: string) => void; onToken: (token: string) => void }) {
  const { t } = useI18n();
  const u = props.target;
  const self = u.id === props.me.id;
  const [role, setRole] = useState<Role>(u.role);
  const [trainee, setTrainee] = useState(u.trainee);
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<unknown>, ok: string) => {
    setBusy(true);
    try {
      await fn();
      await props.onChanged(ok);
    } catch (err) {
      props.onError(err instanceof ApiError && err.code === 'cannot_demote_self' ? t('cannotChangeSelf') : messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  const panel = useRef<HTMLElement>(null);
  // Opening an account moves focus (and the view, on a phone) to its panel above the list.
  useEffect(() => {
    panel.current?.focus({ preventScroll: true });
    panel.current?.scrollIntoView({ block: 'nearest' });
  }, [u.id]);
  const dirty = role !== u.role || trainee !== u.trainee;
  const path = `/api/users/${encodeURIComponent(u.id)}`;
  return (
    <section class="card admin-form manage-user" ref={panel} tabIndex={-1} aria-labelledby="mu-title" data-testid="manage-user">
      <div class="page-head">
        <h2 id="mu-title" dir="auto">
          {t('manageTitle', { name: u.name })}
        </h2>
        <a class="btn btn-small btn-ghost" href={href(['users'])}>
          {t('close')}
        </a>
      </div>
      {self && <p class="muted small">{t('cannotChangeSelf')}</p>}
      <form
        class="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          if (dirty) void run(() => patch(path, { role, trainee: role === 'agent' ? trainee : false }), t('userSaved', { name: u.name }));
        }}
      >
        <div class="field">
          <label for="mu-role">{t('userRole')}</label>
          <RoleSelect id="mu-role" value={role} onChange={setRole} disabled={self} />
        </div>
        <div class="field field-check">
          <input id="mu-trainee" type="checkbox" checked={trainee && role === 'agent'} disabled={role !== 'agent'} onChange={(e) => setTrainee((e.target as HTMLInputElement).checked)} />
          <label for="mu-trainee">{t('userTrainee')}</label>
        </div>
        <button type="submit" class="btn btn-primary" disabled={busy || !dirty} data-testid="save-user">
          {t('saveChanges')}
        </button>
      </form>
      <div class="row wrap manage-actions">
        {u.disabled ? (
          <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => run(() => patch(path, { disabled: false }), t('userEnabledDone', { name: u.name }))} data-testid="enable-user">
            {t('enableUser')}
          </button>
        ) : (
          <ConfirmAction
            label={t('disableUser')}
            tone="danger"
            disabled={busy || self}
            warning={t('disableHelp')}
            confirmLabel={t('disableUser')}
            onConfirm={() => run(() => patch(path, { disabled: true }), t('userDisabledDone', { name: u.name }))}
            testId="disable-user"
          />
        )}
        <ConfirmAction
          label={t('newToken')}
          disabled={busy}
          warning={t('newTokenHelp', { name: u.name })}
          confirmLabel={t('confirmNewToken')}
          onConfirm={() =>
            run(async () => {
              const r = await post<{ token: string }>(`${path}/token`);
              // A new token ends every session of its user, this browser's too when it is one's
              // own: sign in again with it at once, or the admin is signed out before seeing it.
              if (self) await signIn(r.token);
              props.onToken(r.token);
            }, t('tokenIssued', { name: u.name }))
          }
          testId="rotate-token"
        />
      </div>
    </section>
  );
}

function RoleSelect({ id, value, onChange, disabled }: { id: string; value: Role; onChange: (r: Role) => void; disabled?: boolean }) {
  const { t } = useI18n();
  return (
    <select id={id} value={value} disabled={disabled} onChange={(e) => onChange((e.target as HTMLSelectElement).value as Role)}>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {t(`role_${r}`)}
        </option>
      ))}
    </select>
  );
}
