/**
 * TRUST_PROXY as it sits in the environment, parsed into a value for Express's `trust proxy`.
 * Behind TLS termination every request arrives from the proxy; trusting it lets `req.ip` (and
 * with it the failed sign-in counter) be the client's address taken from X-Forwarded-For.
 *
 * Accepted: unset or `false` (the TCP peer is the client), a number of proxy hops in front
 * (`1` for one reverse proxy), or a comma list of proxy addresses, CIDR subnets and Express's
 * names `loopback`, `linklocal`, `uniquelocal`. `true` is refused: it trusts every hop, so a
 * client could write any address into X-Forwarded-For and get a fresh counter per request.
 *
 * @example TRUST_PROXY=1
 * @example TRUST_PROXY=loopback,10.0.0.0/8
 */
import net from 'node:net';

export type TrustProxy = false | number | string[];

const NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrSubnet(entry: string): boolean {
  if (NAMES.has(entry)) return true;
  const [address, bits, extra] = entry.split('/');
  const family = net.isIP(address);
  if (!family || extra !== undefined) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n <= (family === 4 ? 32 : 128);
}

/** Throws an Error whose message says what is accepted; config.ts reports it naming the variable. */
export function parseTrustProxySetting(value: string | undefined): TrustProxy {
  const v = (value ?? '').trim();
  if (v === '' || v === 'false' || v === '0') return false;
  if (v === 'true') {
    throw new Error('"true" would trust any X-Forwarded-For a client sends: give the number of proxies in front (e.g. 1) or their addresses');
  }
  if (/^\d+$/.test(v)) return Number(v);
  const entries = v.split(',').map((e) => e.trim()).filter(Boolean);
  const bad = entries.filter((e) => !isAddressOrSubnet(e));
  if (bad.length || !entries.length) {
    throw new Error(`must be false, a number of proxy hops, or addresses/subnets (or loopback, linklocal, uniquelocal), got "${bad[0] ?? v}"`);
  }
  return entries;
}
