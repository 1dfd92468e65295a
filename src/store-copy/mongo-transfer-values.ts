/** Small value conversions between SQLite transfer rows (NULLs, JSON text) and MongoDB documents. */
import type { Document } from 'mongodb';

/** JSON text → value; anything else (NULL) → undefined. */
export const parsed = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : undefined);
/** A nullable text column → string or undefined. */
export const str = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));
/** A missing document field → NULL. */
export const opt = (v: unknown): unknown => (v === undefined ? null : v);

/** Removes undefined values so documents carry no fields the row did not have. */
export function compact<T extends Document>(doc: T): T {
  for (const k of Object.keys(doc)) if (doc[k] === undefined) delete doc[k];
  return doc;
}
