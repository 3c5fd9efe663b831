/**
 * The store: every piece of Kiln state lives in named collections of JSON records.
 *
 * A record is addressed by (collection, scope, key). `scope` partitions state by owner, e.g.
 * `aws/123456789012` for IAM (per partition and account) or `123456789012/us-east-1` for Image
 * Builder (per account and region). Keys sort as plain strings (binary order), which gives every
 * list operation an indexed keyset cursor: a page costs the same with 10 or 100,000 records.
 * Uniqueness (IAM's case-insensitive names, one service-linked role per name) is enforced by the
 * database's primary key on (collection, scope, key), so it holds across several Kiln nodes too.
 *
 * Secondary lookups are kept by the services themselves as index records in their own
 * collections (e.g. role id → role name), written in the same transaction.
 */
export interface StoreRecord<T> {
  key: string;
  value: T;
}

export interface ListOptions {
  /** Only keys that start with this string. */
  prefix?: string;
  /** Only keys strictly greater than this one (the keyset cursor of the previous page). */
  after?: string;
  /** Only keys strictly less than this one (e.g. the engine's due tasks: keys below "now"). */
  before?: string;
  /** At most this many records. */
  limit?: number;
}

/** The operations available inside one transaction. */
export interface Tx {
  get<T>(collection: string, scope: string, key: string): Promise<T | undefined>;
  /** Inserts or replaces. */
  put<T>(collection: string, scope: string, key: string, value: T): Promise<void>;
  /** Inserts only if the key is free; returns false (and changes nothing) when it is taken. */
  insert<T>(collection: string, scope: string, key: string, value: T): Promise<boolean>;
  /** Returns whether a record was deleted. */
  delete(collection: string, scope: string, key: string): Promise<boolean>;
  /** Records in ascending key order. */
  list<T>(collection: string, scope: string, options?: ListOptions): Promise<StoreRecord<T>[]>;
  count(collection: string, scope: string, options?: Pick<ListOptions, 'prefix'>): Promise<number>;
  /** Every scope of a collection that holds records, with its records (for cross-region and cross-account checks). */
  listAllScopes<T>(collection: string, options?: Pick<ListOptions, 'prefix'>): Promise<Array<StoreRecord<T> & { scope: string }>>;
}

export interface Store {
  /** Which implementation this is, for /_kiln/health: `sqlite`, `sqlite-memory`, `postgres`. */
  readonly kind: string;
  /**
   * Runs `fn` in one transaction: it commits when `fn` resolves and rolls back, changing
   * nothing, when `fn` throws. Transactions never interleave their writes.
   */
  tx<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Deletes all state (POST /_kiln/reset). */
  reset(): Promise<void>;
  /**
   * A token that changes whenever a committed transaction may have changed a record of one of
   * these collections (src/store/derived-cache.ts keeps values derived from records until it
   * does). A store that cannot tell, e.g. about another node's writes, must answer a token that
   * changes after every write it cannot attribute; never the same token for changed data.
   */
  changeVersion(collections: readonly string[]): string;
  close(): Promise<void>;
}
