/** Errors from a store adapter that the operator must see plainly (at start or at run time). */
export type StoreErrorCode = 'store_unwritable' | 'store_locked' | 'store_full' | 'store_unavailable' | 'store_corrupt';

export class StoreError extends Error {
  constructor(readonly code: StoreErrorCode, message: string) {
    super(message);
    this.name = 'StoreError';
  }

  /** Turns a driver error into a StoreError with a message an operator can act on. */
  static wrap(err: unknown, where: string): StoreError {
    if (err instanceof StoreError) return err;
    const e = err as { code?: string; message?: string };
    const msg = e.message ?? String(err);
    switch (e.code) {
      case 'SQLITE_BUSY':
      case 'SQLITE_LOCKED':
        return new StoreError('store_locked', `${where} is locked by another process: ${msg}`);
      case 'SQLITE_FULL':
        return new StoreError('store_full', `disk full while writing ${where}: ${msg}`);
      case 'SQLITE_READONLY':
      case 'SQLITE_CANTOPEN':
      case 'SQLITE_PERM':
        return new StoreError('store_unwritable', `cannot write ${where}: ${msg}`);
      case 'SQLITE_CORRUPT':
      case 'SQLITE_NOTADB':
        return new StoreError('store_corrupt', `${where} is not a valid Rasid database: ${msg}`);
      default:
        return new StoreError('store_unavailable', `${where}: ${msg}`);
    }
  }
}
