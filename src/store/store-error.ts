/**
 * Errors from a store adapter that the operator must see plainly (at start or at run time).
 * `store_too_new`: the data was written by a newer release (a schema version this one does not
 * know); it is refused at open, before anything is written to it.
 */
export type StoreErrorCode = 'store_unwritable' | 'store_locked' | 'store_full' | 'store_unavailable' | 'store_corrupt' | 'store_too_new';

export class StoreError extends Error {
  constructor(readonly code: StoreErrorCode, message: string) {
    super(message);
    this.name = 'StoreError';
  }

  /**
   * The data at `where` holds schema version `found`, past the `known` latest of this release:
   * running on it could misread or damage what the newer release wrote.
   */
  static tooNew(where: string, found: number, known: number): StoreError {
    return new StoreError('store_too_new', `${where} was written by a newer Rasid (schema ${found}; this release knows up to ${known}): run that release, or restore a backup`);
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
