/** Contract of the users feature's store (UserStore), for every adapter. */
import type { Stores } from '../../src/stores/stores';

export function userStoreContract(get: () => Pick<Stores, 'users'>): void {
  let store: Pick<Stores, 'users'>;
  const NOW = '2026-11-20T10:00:00.000Z';
  const LATER = '2026-11-20T10:10:00.000Z';
  beforeEach(() => {
    store = get();
  });

  it('finds a user by token hash, a disabled one as disabled', async () => {
    const u = await store.users.createUser({ name: 'Amal', role: 'agent', tokenHash: 'h1', trainee: true });
    expect(u).toMatchObject({ name: 'Amal', role: 'agent', trainee: true, disabled: false });
    expect((await store.users.findUserByTokenHash('h1'))?.id).toBe(u.id);
    expect(await store.users.countUsers()).toBe(1);
    await store.users.updateUser(u.id, { disabled: true });
    expect(await store.users.findUserByTokenHash('h1')).toMatchObject({ id: u.id, disabled: true });
    expect(await store.users.findUserByTokenHash('h2')).toBeNull();
    expect((await store.users.getUser(u.id))?.disabled).toBe(true);
  });

  it('refuses a second user with the same name in another case', async () => {
    await store.users.createUser({ name: 'Amal', role: 'agent', tokenHash: 'h1' });
    await expect(store.users.createUser({ name: 'amal', role: 'agent', tokenHash: 'h2' })).rejects.toThrow();
    expect((await store.users.findUserByName('AMAL'))?.name).toBe('Amal');
  });

  it('keeps a session until it expires or its user gets a new token', async () => {
    const u = await store.users.createUser({ name: 'Sara', role: 'supervisor', tokenHash: 'h1' });
    await store.users.createSession({ idHash: 's1', userId: u.id, csrfToken: 'c', createdAt: NOW, expiresAt: LATER });
    expect((await store.users.findSession('s1', NOW))?.user.id).toBe(u.id);
    expect(await store.users.findSession('s1', LATER)).toBeNull();
    await store.users.updateUser(u.id, { tokenHash: 'h2' });
    expect(await store.users.findSession('s1', NOW)).toBeNull();
    await store.users.createSession({ idHash: 's2', userId: u.id, csrfToken: 'c', createdAt: NOW, expiresAt: LATER });
    await store.users.deleteSession('s2');
    expect(await store.users.findSession('s2', NOW)).toBeNull();
  });

  it("keeps a disabled user's session (refused by authenticate, which says why) and ends it when the user is enabled again", async () => {
    const u = await store.users.createUser({ name: 'Huda', role: 'agent', tokenHash: 'h3' });
    await store.users.createSession({ idHash: 's3', userId: u.id, csrfToken: 'c', createdAt: NOW, expiresAt: LATER });
    await store.users.updateUser(u.id, { disabled: true });
    expect((await store.users.findSession('s3', NOW))?.user).toMatchObject({ id: u.id, disabled: true });
    await store.users.updateUser(u.id, { disabled: false });
    expect(await store.users.findSession('s3', NOW)).toBeNull();
  });
}
