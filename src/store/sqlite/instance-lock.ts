/**
 * One Rasid process per SQLite file. SQLite itself would let two processes share the file, but two
 * instances would both poll the same channels and send the same replies, so the second one is
 * refused at start with a message naming the holder. The lock is a file `${db}.lock` holding the
 * owner's pid, host and start time, touched every 15 s; a lock whose process is gone (crash,
 * kill -9; or, for another host, whose heartbeat stopped for a minute) is taken over.
 *
 * Within one process the lock is shared (counted), so tools and tests may open the same file twice.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StoreError } from '../store-error';

export interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

/** Locks this process holds, by lock file path, with the number of open stores using each. */
const heldHere = new Map<string, { count: number; heartbeat: NodeJS.Timeout }>();

export function lockFileFor(dbFile: string): string {
  return `${dbFile}.lock`;
}

/** True when the process `pid` exists (EPERM: it exists but belongs to another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(lockFile: string): LockOwner | null {
  try {
    const owner = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as LockOwner;
    return typeof owner.pid === 'number' ? owner : null;
  } catch {
    return null; // vanished, or half-written by a process that died while writing it
  }
}

/** The holder touches its lock this often; a lock from another host untouched for STALE_MS is dead. */
const HEARTBEAT_MS = 15_000;
const STALE_MS = 4 * HEARTBEAT_MS;

function lastTouched(lockFile: string): number {
  try {
    return fs.statSync(lockFile).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Whether a lock file left by `owner` still protects the database from this process. On this host
 * the pid tells; a process on another host (a recreated container on a shared volume) cannot be
 * checked, so its heartbeat (the file's mtime) does.
 */
function isHeldByOther(owner: LockOwner | null, lockFile: string): owner is LockOwner {
  if (!owner) return false;
  if (owner.host !== os.hostname()) return Date.now() - lastTouched(lockFile) < STALE_MS;
  return owner.pid !== process.pid && isAlive(owner.pid);
}

/**
 * Takes the instance lock for `dbFile`, or throws StoreError('store_locked') when another live
 * process holds it. Returns the release function (idempotent).
 */
export function acquireInstanceLock(dbFile: string): () => void {
  const lockFile = lockFileFor(dbFile);
  const held = heldHere.get(lockFile);
  if (held) {
    held.count++;
    return releaser(lockFile);
  }
  const me: LockOwner = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockFile, JSON.stringify(me), { flag: 'wx' });
      heldHere.set(lockFile, { count: 1, heartbeat: startHeartbeat(lockFile) });
      return releaser(lockFile);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new StoreError('store_unwritable', `data directory ${path.dirname(lockFile)} is not writable: ${(err as Error).message}`);
      }
    }
    // An unreadable lock may be one another starter is writing right now: look again shortly.
    const owner = readOwner(lockFile) ?? (pause(50), readOwner(lockFile));
    if (isHeldByOther(owner, lockFile)) throw lockedError(dbFile, lockFile, owner);
    // Stale (its process is gone) or our own leftover: remove it and create ours. Only when it is
    // still the same stale file, so a starter that already replaced it keeps its lock.
    if (JSON.stringify(readOwner(lockFile)) === JSON.stringify(owner)) fs.rmSync(lockFile, { force: true });
  }
  throw new StoreError('store_locked', `${dbFile}: could not take the instance lock ${lockFile}; another process keeps recreating it`);
}

function startHeartbeat(lockFile: string): NodeJS.Timeout {
  const timer = setInterval(() => {
    const now = new Date();
    try {
      fs.utimesSync(lockFile, now, now);
    } catch {
      // removed by hand while running: nothing to keep fresh; the next start recreates it
    }
  }, HEARTBEAT_MS);
  timer.unref();
  return timer;
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function lockedError(dbFile: string, lockFile: string, owner: LockOwner): StoreError {
  return new StoreError(
    'store_locked',
    `${dbFile} is in use by another Rasid process (pid ${owner.pid} on ${owner.host}, since ${owner.since}). ` +
      'Only one instance may use a SQLite file: stop the other one, or use STORE=mongodb to run several instances. ' +
      `If that process is gone, delete ${lockFile}.`,
  );
}

function releaser(lockFile: string): () => void {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const held = heldHere.get(lockFile);
    if (!held) return;
    if (--held.count > 0) return;
    clearInterval(held.heartbeat);
    heldHere.delete(lockFile);
    const owner = readOwner(lockFile);
    if (owner?.pid === process.pid && owner.host === os.hostname()) fs.rmSync(lockFile, { force: true });
  };
}
