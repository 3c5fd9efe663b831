/**
 * A bounded cache with approximate LRU eviction: two generations. Hits in the current
 * generation cost one Map lookup and no bookkeeping; a hit in the previous generation moves the
 * entry forward. When the current generation is full it becomes the previous one and the old
 * previous one is dropped, so entries not used for a whole generation go away. At most
 * `capacity` entries are held.
 */
export class GenerationalCache<K, V> {
  private current = new Map<K, V>();
  private previous = new Map<K, V>();
  private readonly half: number;

  constructor(capacity: number) {
    this.half = Math.max(1, Math.floor(capacity / 2));
  }

  get(key: K): V | undefined {
    const hit = this.current.get(key);
    if (hit !== undefined) return hit;
    const old = this.previous.get(key);
    if (old !== undefined) {
      this.previous.delete(key);
      this.set(key, old);
    }
    return old;
  }

  set(key: K, value: V): void {
    if (this.current.size >= this.half) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }

  clear(): void {
    this.current.clear();
    this.previous.clear();
  }
}

/**
 * A cache keyed by long texts (policy documents) that stays cheap when the same text arrives as
 * a new string object on every request (read again from the store).
 *
 * A Map keyed by a string hashes the whole string the first time that string object is used as
 * a key — about 2 µs per KB — and a fresh string has no hash yet. So the first level is keyed by
 * a hash of the length and ~32 sampled characters, and holds small buckets whose entries are
 * confirmed by comparing the text (a memory comparison, ~30 ns per KB). Texts that differ only
 * where the sample does not look share a bucket; past BUCKET_SIZE of them the rest are found
 * through the second level, a full-text GenerationalCache. Each level holds at most `capacity`
 * entries (the same values, mostly).
 */
export class TextKeyedCache<V extends { text: string }> {
  private buckets = new Map<number, V[]>();
  private bucketEntries = 0;
  private readonly full: GenerationalCache<string, V>;
  private readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.full = new GenerationalCache(capacity);
  }

  get(text: string): V | undefined {
    const key = sampleHash(text);
    const bucket = this.buckets.get(key);
    if (bucket !== undefined) {
      for (let i = 0; i < bucket.length; i++) if (bucket[i].text === text) return bucket[i];
    }
    const hit = this.full.get(text);
    if (hit !== undefined) this.remember(key, bucket, hit);
    return hit;
  }

  set(text: string, value: V): void {
    this.full.set(text, value);
    const key = sampleHash(text);
    this.remember(key, this.buckets.get(key), value);
  }

  private remember(key: number, bucket: V[] | undefined, value: V): void {
    if (bucket !== undefined && bucket.length >= BUCKET_SIZE) return;
    if (this.bucketEntries >= this.capacity) { this.buckets.clear(); this.bucketEntries = 0; bucket = undefined; }
    if (bucket === undefined) this.buckets.set(key, [value]);
    else bucket.push(value);
    this.bucketEntries++;
  }

  /** Distinct texts held by the full-text level (at most `capacity`). */
  get size(): number {
    return this.full.size;
  }

  clear(): void {
    this.buckets.clear();
    this.bucketEntries = 0;
    this.full.clear();
  }
}

const BUCKET_SIZE = 8;

function sampleHash(text: string): number {
  const n = text.length;
  let h = n ^ 0x811c9dc5;
  const step = n <= 24 ? 1 : (n / 24) | 0;
  for (let i = 0; i < n; i += step) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  for (let i = n > 8 ? n - 8 : 0; i < n; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  // Kept within 30 bits so V8 stores it as a small integer (no heap number per lookup).
  return h & 0x3fffffff;
}
