/**
 * Names for user ids (claims, reply authors, case assignees). GET /api/users is for supervisors;
 * agents see ids as they are, and the signed-in user is always known by name.
 */
import { useEffect, useState } from 'preact/hooks';
import { get, itemsOf } from './api';
import { canSupervise, type SessionUser } from './session';

export interface UserSummary {
  id: string;
  name: string;
  role?: string;
  disabled?: boolean;
}

let cache: Promise<UserSummary[]> | undefined;

export function loadUsers(): Promise<UserSummary[]> {
  cache ??= get<unknown>('/api/users').then((d) => itemsOf<UserSummary>(d), () => []);
  return cache;
}

export function forgetUsers(): void {
  cache = undefined;
}

export function useUsers(me: SessionUser): UserSummary[] {
  const [users, setUsers] = useState<UserSummary[]>([]);
  const allowed = canSupervise(me);
  useEffect(() => {
    if (!allowed) return;
    let live = true;
    void loadUsers().then((u) => live && setUsers(u));
    return () => {
      live = false;
    };
  }, [allowed]);
  return users;
}

export function nameOf(users: UserSummary[], id: string | undefined | null, me?: { id: string; name: string }): string {
  if (!id) return '';
  if (me && id === me.id) return me.name;
  if (id === 'system') return 'system';
  return users.find((u) => u.id === id)?.name ?? id;
}
