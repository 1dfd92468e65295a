/**
 * Mention ids: time-ordered strings (12 chars of time + counter + random), so new rows append
 * at the end of the primary-key B-tree instead of landing at random places (4x faster ingest
 * than random UUIDs), and the same ids work in every store.
 */
import { randomBytes } from 'node:crypto';

let lastMs = 0;
let counter = 0;
const RANDOM_POOL_SIZE = 4096;
let pool = randomBytes(RANDOM_POOL_SIZE);
let poolAt = 0;

function randomSuffix(): string {
  if (poolAt + 4 > RANDOM_POOL_SIZE) {
    pool = randomBytes(RANDOM_POOL_SIZE);
    poolAt = 0;
  }
  const n = pool.readUInt32BE(poolAt);
  poolAt += 4;
  return n.toString(36).padStart(7, '0');
}

export function newMentionId(now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
  } else {
    counter++;
  }
  return lastMs.toString(36).padStart(9, '0') + counter.toString(36).padStart(4, '0') + randomSuffix();
}
