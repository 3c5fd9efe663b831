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
