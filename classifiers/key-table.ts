/**
 * Open-addressing hash tables keyed by the normalizer's rolling hash, so a token (or any stem range
 * of it) is looked up straight from the code buffer: no substring, no Map, no allocation.
 *
 * KeyTable verifies the key's code units, so a hash collision can never produce a wrong match.
 * MultiTable holds many values per hash (the fuzzy deletion index); its candidates are verified by
 * the caller with a real edit distance.
 */
import { hashString } from './normalize-buffer';

function slotOf(hash: number, mask: number): number {
  let h = hash ^ (hash >>> 15);
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h & mask;
}

function capacityFor(n: number): number {
  let cap = 16;
  while (cap < n * 2 + 1) cap *= 2;
  return cap;
}

/** Exact string → small non-negative int. First insertion of a key wins. */
export class KeyTable {
  private hashes: Int32Array;
  /** entry index + 1; 0 means empty. */
  private slots: Int32Array;
  private mask: number;
  readonly keys: string[] = [];
  readonly values: number[] = [];

  constructor(expected = 1024) {
    const cap = capacityFor(expected);
    this.hashes = new Int32Array(cap);
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
  }

  get size(): number {
    return this.keys.length;
  }

  /** Adds key → value unless key is present; returns the value now stored for key. */
  add(key: string, value: number): number {
    const existing = this.get(key);
    if (existing >= 0) return existing;
    if ((this.keys.length + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    const h = hashString(key);
    this.keys.push(key);
    this.values.push(value);
    this.place(h, this.keys.length);
    return value;
  }

  get(key: string): number {
    const h = hashString(key);
    let i = slotOf(h, this.mask);
    for (;;) {
      const entry = this.slots[i];
      if (entry === 0) return -1;
      if (this.hashes[i] === h && this.keys[entry - 1] === key) return this.values[entry - 1];
      i = (i + 1) & this.mask;
    }
  }

  /** Value for the code units codes[s..e) whose rolling hash is `hash`, or -1. */
  getRange(codes: Uint16Array, s: number, e: number, hash: number): number {
    let i = slotOf(hash, this.mask);
    const len = e - s;
    for (;;) {
      const entry = this.slots[i];
      if (entry === 0) return -1;
      if (this.hashes[i] === hash) {
        const key = this.keys[entry - 1];
        if (key.length === len) {
          let k = 0;
          while (k < len && key.charCodeAt(k) === codes[s + k]) k++;
          if (k === len) return this.values[entry - 1];
        }
      }
      i = (i + 1) & this.mask;
    }
  }

  private place(h: number, entry: number): void {
    let i = slotOf(h, this.mask);
    while (this.slots[i] !== 0) i = (i + 1) & this.mask;
    this.slots[i] = entry;
    this.hashes[i] = h;
  }

  private rehash(cap: number): void {
    this.hashes = new Int32Array(cap);
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    for (let k = 0; k < this.keys.length; k++) this.place(hashString(this.keys[k]), k + 1);
  }
}

/** Hash → list of int values, frozen into typed arrays by build(). */
export class MultiTable {
  private pending = new Map<number, number[]>();
  private hashes = new Int32Array(1);
  private heads = new Int32Array(1);
  private next = new Int32Array(0);
  private vals = new Int32Array(0);
  private mask = 0;

  add(hash: number, value: number): void {
    const list = this.pending.get(hash);
    if (list) {
      if (!list.includes(value)) list.push(value);
    } else {
      this.pending.set(hash, [value]);
    }
  }

  build(): void {
    const cap = capacityFor(this.pending.size);
    this.hashes = new Int32Array(cap);
    this.heads = new Int32Array(cap);
    this.mask = cap - 1;
    let total = 0;
    for (const list of this.pending.values()) total += list.length;
    this.next = new Int32Array(total + 1);
    this.vals = new Int32Array(total + 1);
    let cell = 1;
    for (const [h, list] of this.pending) {
      let i = slotOf(h, this.mask);
      while (this.heads[i] !== 0) i = (i + 1) & this.mask;
      this.hashes[i] = h;
      this.heads[i] = cell;
      for (let k = 0; k < list.length; k++) {
        this.vals[cell] = list[k];
        this.next[cell] = k + 1 < list.length ? cell + 1 : 0;
        cell++;
      }
    }
    this.pending.clear();
  }

  /** First cell for hash (0 if none); walk with nextCell/valueAt. */
  firstCell(hash: number): number {
    let i = slotOf(hash, this.mask);
    for (;;) {
      const head = this.heads[i];
      if (head === 0) return 0;
      if (this.hashes[i] === hash) return head;
      i = (i + 1) & this.mask;
    }
  }

  nextCell(cell: number): number {
    return this.next[cell];
  }

  valueAt(cell: number): number {
    return this.vals[cell];
  }
}
