/**
 * API tokens and session ids: 32 random bytes, shown once, stored only as a sha256 hash. A hash
 * without salt is enough here because the secret is random and long (no dictionary to attack).
 */
import { createHash, randomBytes } from 'node:crypto';

/** Prefix so a leaked token is recognisable in logs/scanners. */
const TOKEN_PREFIX = 'rsd_';

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
