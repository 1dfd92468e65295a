/**
 * Names for user ids (claims, reply authors, case assignees): GET /api/users for supervisors,
 * GET /api/users/names (names only) for agents.
 */
import { useEffect, useState } from 'preact/hooks';
import { get, itemsOf } from './api';
import type { Translate } from './i18n';
import { canSupervise, type SessionUser } from './session';

export interface UserSummary {
  id: string;
  name: string;
  role?: string;
  disabled?: boolean;
}

const cache = new Map<string, Promise<UserSummary[]>>();

/** Supervisors get the full list (roles, trainee flags); agents get names only. */
export function loadUsers(full = true): Promise<UserSummary[]> {
  const path = full ? '/api/users' : '/api/users/names';
  if (!cache.has(path)) cache.set(path, get<unknown>(path).then((d) => itemsOf<UserSummary>(d), () => []));
  return cache.get(path) as Promise<UserSummary[]>;
}

export function forgetUsers(): void {
  cache.clear();
}

export function useUsers(me: SessionUser): UserSummary[] {
  const [users, setUsers] = useState<UserSummary[]>([]);
  const full = canSupervise(me);
  useEffect(() => {
    let live = true;
    void loadUsers(full).then((u) => live && setUsers(u));
    return () => {
      live = false;
    };
  }, [full]);
  return users;
}

export function nameOf(t: Translate, users: UserSummary[], id: string | undefined | null, me?: { id: string; name: string }): string {
  if (!id) return '';
  if (me && id === me.id) return me.name;
  if (id === 'system') return t('actorSystem');
  return users.find((u) => u.id === id)?.name ?? id;
}
