/**
 * The scheduler's store port: named leases with expiry, so a job (a channel poller, the sender) runs on exactly one
 * instance at a time when several instances share one store. A lease is held by one holder until
 * it is released or its expiry passes; then anyone may take it over.
 */
export interface LeaseStore {
  /**
   * Takes the lease `name` for `holder` for `ttlMs` milliseconds when it is free, expired or
   * already held by the same holder (which extends it). True when `holder` now holds it.
   */
  acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean>;
  /**
   * Extends a lease the holder still holds to now + ttlMs. False when another holder took it over
   * (the caller must stop working as the exclusive holder).
   */
  renewLease(name: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up; a no-op when `holder` does not hold it. */
  releaseLease(name: string, holder: string): Promise<void>;
}
