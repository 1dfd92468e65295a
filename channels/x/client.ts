/**
 * Builds the twitter-api-v2 clients (user context and app-only) with every request redirected to
 * the configured base URL through the library's `onBeforeRequestConfig` plugin hook.
 */
import http from 'node:http';
import https from 'node:https';
import { TwitterApi, type ITwitterApiClientPlugin, type TwitterApiReadWrite } from 'twitter-api-v2';
import type { XChannelOptions } from './options';

const REAL_ORIGIN_PATTERN = /^https:\/\/(api|upload|stream)\.(x|twitter)\.com(?=\/)/;

/**
 * Rewrites `https://api.x.com/2/...` to `<base>/2/...` before the library builds the request.
 * It runs before signing, so OAuth 1.0a signatures cover the URL actually requested; a gateway
 * that forwards OAuth 1.0a traffic to X must therefore keep the path and sign nothing itself.
 */
export function baseUrlPlugin(apiBaseUrl: string): ITwitterApiClientPlugin {
  const base = apiBaseUrl.replace(/\/+$/, '');
  return {
    onBeforeRequestConfig({ params }) {
      params.url = params.url.replace(REAL_ORIGIN_PATTERN, base);
    },
  };
}

export interface XClients {
  /** User context: mentions, own timeline, users/me, posting. */
  user: TwitterApiReadWrite;
  /** App-only bearer when configured (search, usage), else the user client. */
  app: TwitterApiReadWrite;
  hasAppToken: boolean;
  /** The settings behind each client, named in a refusal (401/403) so the operator knows which to fix. */
  credentials: { user: string; app: string };
  /** Frees keep-alive sockets so the process (and jest) can exit. */
  close(): void;
}

export function createXClients(opts: XChannelOptions, apiBaseUrl: string): XClients {
  const plain = apiBaseUrl.startsWith('http:');
  // The library always calls https.request; an http.Agent is what lets it speak plain HTTP.
  const httpAgent = plain ? new http.Agent({ keepAlive: true }) : new https.Agent({ keepAlive: true });
  const settings = { plugins: [baseUrlPlugin(apiBaseUrl)], httpAgent };
  const user = opts.oauth1
    ? new TwitterApi(opts.oauth1, settings).readWrite
    : opts.userToken
      ? new TwitterApi(opts.userToken, settings).readWrite
      : undefined;
  if (!user) throw new Error('X channel: user-context credentials are required');
  const app = opts.bearerToken ? new TwitterApi(opts.bearerToken, settings).readWrite : user;
  const userCredential = opts.oauth1 ? 'X_APP_KEY, X_APP_SECRET, X_ACCESS_TOKEN, X_ACCESS_SECRET' : 'X_USER_TOKEN';
  const credentials = { user: userCredential, app: opts.bearerToken ? 'X_BEARER_TOKEN' : userCredential };
  return { user, app, hasAppToken: !!opts.bearerToken, credentials, close: () => httpAgent.destroy() };
}
