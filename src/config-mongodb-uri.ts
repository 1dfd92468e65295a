/**
 * MONGODB_URI checked at start, so a connection string the driver cannot read stops the service
 * with one line naming the variable (exit 2) instead of a MongoParseError stack trace. The
 * password is never shown: the URI appears as mongodb://***@host…
 */
import type * as Mongo from 'mongodb';
import { shown, withoutUserinfo } from './config-fields';

const validPort = (port: string) => /^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535;

/** Why `uri` is not a connection string the MongoDB driver accepts, or undefined when it is. */
export function mongoUriProblem(uri: string): string | undefined {
  const scheme = /^mongodb(\+srv)?:\/\//.exec(uri);
  if (!scheme) return `must start with mongodb:// or mongodb+srv://, got ${shown(uri)}`;
  const rest = uri.slice(scheme[0].length);
  // As the driver reads it: the user name and password end at the first "@", the hosts at "/" or "?".
  const at = rest.indexOf('@');
  const userinfo = at >= 0 ? rest.slice(0, at) : undefined;
  const hosts = (at >= 0 ? rest.slice(at + 1) : rest).split(/[/?]/)[0];
  if (userinfo !== undefined && /^:|^$/.test(userinfo)) return `has an empty user name before "@", got ${shown(uri)}`;
  if (hosts.includes('@') || (userinfo !== undefined && !cleanUserinfo(userinfo))) {
    return `has unescaped characters in its user name or password (percent-encode them: @ as %40, : as %3A, / as %2F), got ${shown(uri)}`;
  }
  const list = hosts.split(',');
  if (!hosts || list.some((h) => !h)) return `must name its hosts as host or host:port, separated by commas, got ${shown(uri)}`;
  for (const host of list) {
    const m = /^(\[[^\]]*\]|[^:[\]]+)(?::(.*))?$/.exec(host);
    if (!m) return `has a host that is not host or host:port (${JSON.stringify(host)}), got ${shown(uri)}`;
    if (m[2] !== undefined && (scheme[1] || !validPort(m[2]))) {
      return scheme[1]
        ? `must not give a port with mongodb+srv:// (the port comes from DNS), got ${shown(uri)}`
        : `must have ports from 1 to 65535, got ${JSON.stringify(m[2])} in ${shown(uri)}`;
    }
  }
  if (scheme[1] && list.length > 1) return `must name one host with mongodb+srv:// (the others come from DNS), got ${shown(uri)}`;
  return driverProblem(uri, userinfo);
}

/** user or user:password, each part percent-encoded where it must be. */
function cleanUserinfo(userinfo: string): boolean {
  const colon = userinfo.indexOf(':');
  const [user, password] = colon >= 0 ? [userinfo.slice(0, colon), userinfo.slice(colon + 1)] : [userinfo, ''];
  if (/[:/?#[\]@]/.test(user) || /[:/?#[\]@]/.test(password)) return false;
  try {
    decodeURIComponent(user);
    decodeURIComponent(password);
    return true;
  } catch {
    return false;
  }
}

/**
 * The driver's own parser, for the options (`?tls=maybe`, an unknown option …): it is what opens
 * the store later. Loaded only here, when MONGODB_URI is set. Its message is shown unless it
 * holds a piece of the user name or password.
 */
function driverProblem(uri: string, userinfo: string | undefined): string | undefined {
  const { MongoClient } = require('mongodb') as typeof Mongo;
  try {
    new MongoClient(uri);
    return undefined;
  } catch (err) {
    const message = String((err as Error).message ?? err);
    const secrets = (userinfo ?? '').split(/[:@]/).flatMap((s) => [s, safeDecode(s)]).filter((s) => s.length >= 3);
    const safe = !secrets.some((s) => message.includes(s)) && !message.includes(uri);
    return `is not a valid MongoDB connection string${safe ? ` (${withoutUserinfo(message)})` : ''}, got ${shown(uri)}`;
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
