/**
 * Values worked out from store records (an access key's principal, a caller's policies), kept
 * in memory until a committed transaction changes one of the collections they were read from
 * (Store.changeVersion). Hot paths that read the same few records on every request, such as
 * authentication and authorization, then cost a map lookup instead of several reads.
 *
 * The version is taken before the value is loaded, so a write that commits while it loads can
 * only make the next lookup miss, never keep a stale value. Values are shared between requests:
 * callers must not change them.
 */
import type { Store } from './types.js';

/** Enough for every principal of a busy test account; past it the cache starts over. */
const DEFAULT_MAX_ENTRIES = 10_000;

export class DerivedCache<V> {
  private readonly entries = new Map<string, { version: string; value: V }>();

  constructor(
    private readonly store: Store,
    private readonly collections: readonly string[],
    private readonly maxEntries = DEFAULT_MAX_ENTRIES,
  ) {}

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const version = this.store.changeVersion(this.collections);
    const hit = this.entries.get(key);
    if (hit !== undefined && hit.version === version) return hit.value;
    const value = await load();
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) this.entries.clear();
    this.entries.set(key, { version, value });
    return value;
  }
}

/**
 * DerivedCaches by the collections their values are read from: what handlers use through
 * HandlerContext.remember. Every value is deep-frozen when stored, so a caller that tries to
 * change a shared value fails loudly instead of changing what later requests see.
 */
export class DerivedCaches {
  private readonly caches = new Map<string, DerivedCache<unknown>>();

  constructor(private readonly store: Store) {}

  get<V>(collections: readonly string[], key: string, load: () => Promise<V>, options: RememberOptions = {}): Promise<V> {
    const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    const id = `${collections.join('\n')}\n${maxEntries}`;
    let cache = this.caches.get(id);
    if (!cache) {
      cache = new DerivedCache(this.store, collections, maxEntries);
      this.caches.set(id, cache);
    }
    return cache.get(key, async () => deepFreeze(await load())) as Promise<V>;
  }
}

export interface RememberOptions {
  /** How many values to keep (10,000 unless told); past it the cache starts over. Small for large values. */
  maxEntries?: number;
}

function deepFreeze<V>(value: V): V {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
