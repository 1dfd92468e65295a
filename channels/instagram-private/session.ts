/**
 * The Instagram login session: loads instagram-private-api lazily (it pulls the deprecated
 * `request` library and sends with TLS verification off, so it must stay out of the import graph
 * unless this channel is on), logs in once, keeps the serialized state in the channel's key/value
 * store and restores it on later polls and restarts instead of logging in again.
 */
import type { IgApiClient } from 'instagram-private-api';
import type { ChannelKv, ChannelLog } from '../channel';
import { Permanent } from '../channel';
import { mapIgError } from './map-ig-error';

export type IgLibrary = typeof import('instagram-private-api');

export const SESSION_KV_KEY = 'instagram-private:session';

export interface IgSessionOptions {
  channel: string;
  username: string;
  password: string;
  proxyUrl?: string;
  rateLimitBackoffMs: number;
  loadLibrary: () => Promise<IgLibrary>;
  /** Called on each new client before it is used (proxy, test transport, ...). */
  configureClient?: (ig: IgApiClient) => void;
}

interface StoredSession {
  username: string;
  state: Record<string, unknown>;
}

export interface IgUse {
  ig: IgApiClient;
  ownPk: string;
}

/** The only place the library is loaded: on first use, never at import time. */
export function importInstagramLibrary(): Promise<IgLibrary> {
  return import('instagram-private-api');
}

export class IgSession {
  private library?: IgLibrary;
  private current?: IgUse;
  private lastSaved?: string;

  constructor(private readonly opts: IgSessionOptions) {}

  /**
   * Runs `fn` with a logged-in client. If a restored session turns out to be logged out, logs in
   * once more and runs `fn` again; a second failure is a typed error, never a loop.
   */
  async use<T>(kv: ChannelKv, log: ChannelLog, action: string, now: Date, fn: (use: IgUse) => Promise<T>): Promise<T> {
    const errCtx = { action, now, rateLimitBackoffMs: this.opts.rateLimitBackoffMs, channel: this.opts.channel };
    try {
      const { use, fresh } = await this.ensure(kv, log);
      try {
        return await fn(use);
      } catch (err) {
        if (fresh || (err as Error)?.name !== 'IgLoginRequiredError') throw err;
        log.warn({ channel: this.opts.channel }, 'instagram: the session was logged out, logging in again');
        return await fn(await this.login(kv, log));
      }
    } catch (err) {
      throw mapIgError(err, errCtx);
    } finally {
      await this.save(kv);
    }
  }

  /** The client to use, and whether it was logged in just now (then a logout is not retried). */
  private async ensure(kv: ChannelKv, log: ChannelLog): Promise<{ use: IgUse; fresh: boolean }> {
    if (this.current) return { use: this.current, fresh: false };
    const lib = await this.lib();
    const stored = parseStored(await kv.get(SESSION_KV_KEY));
    if (stored && stored.username === this.opts.username) {
      const ig = this.newClient(lib);
      await ig.state.deserialize(stored.state);
      const ownPk = readOwnPk(ig);
      if (ownPk) {
        this.current = { ig, ownPk };
        log.info({ channel: this.opts.channel }, 'instagram: restored the stored session');
        return { use: this.current, fresh: false };
      }
    }
    return { use: await this.login(kv, log), fresh: true };
  }

  private async login(kv: ChannelKv, log: ChannelLog): Promise<IgUse> {
    this.current = undefined;
    const ig = this.newClient(await this.lib());
    ig.state.generateDevice(this.opts.username);
    const user = await ig.account.login(this.opts.username, this.opts.password);
    this.current = { ig, ownPk: String(user.pk) };
    log.info({ channel: this.opts.channel }, 'instagram: logged in');
    await this.save(kv);
    return this.current;
  }

  /** Writes the session back when it changed (cookies rotate); constants are code, not state. */
  private async save(kv: ChannelKv): Promise<void> {
    if (!this.current) return;
    const state = (await this.current.ig.state.serialize()) as Record<string, unknown>;
    delete state.constants;
    const value = JSON.stringify({ username: this.opts.username, state } satisfies StoredSession);
    if (value === this.lastSaved) return;
    await kv.set(SESSION_KV_KEY, value);
    this.lastSaved = value;
  }

  private async lib(): Promise<IgLibrary> {
    if (this.library) return this.library;
    try {
      this.library = await this.opts.loadLibrary();
    } catch (err) {
      throw new Permanent(
        `instagram-private-api could not be loaded (it is an optional dependency: npm install --include=optional): ${(err as Error).message}`,
        'library_missing',
      );
    }
    return this.library;
  }

  private newClient(lib: IgLibrary): IgApiClient {
    const ig = new lib.IgApiClient();
    if (this.opts.proxyUrl) ig.state.proxyUrl = this.opts.proxyUrl;
    this.opts.configureClient?.(ig);
    return ig;
  }
}

function parseStored(raw: string | undefined): StoredSession | undefined {
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as StoredSession;
    return parsed && typeof parsed.state === 'object' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function readOwnPk(ig: IgApiClient): string | undefined {
  try {
    return ig.state.cookieUserId;
  } catch {
    return undefined;
  }
}
