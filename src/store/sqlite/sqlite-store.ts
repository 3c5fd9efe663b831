/**
 * The SQLite store: one better-sqlite3 connection, either on a file (WAL mode) or in memory.
 *
 * better-sqlite3 is synchronous, so every statement runs to completion on the calling tick. The
 * `Store` interface is async, though, and a transaction's `fn` may await between statements. Two
 * transactions on the one connection would then interleave inside the same SQLite transaction, so
 * `tx` admits one at a time through a FIFO queue.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, SCHEMA_MIGRATIONS_SQL, type Migration } from '../migrations/index.js';
import type { ListOptions, Store, StoreRecord, Tx } from '../types.js';

export interface SqliteStoreOptions {
  /** Database file; created (with its directory) when missing. Omit for an in-memory store. */
  file?: string;
  /**
   * Catch a `tx` called inside another `tx` of the same store (a bug that would otherwise
   * deadlock) with a clear error. It takes AsyncLocalStorage, which hooks every promise the
   * process makes and costs Kiln several per cent of its throughput, so it is on where bugs are
   * found: by default only when KILN_STORE_NESTING_CHECK=1, which scripts/run-tests.mjs sets.
   */
  checkNesting?: boolean;
}

const BUSY_TIMEOUT_MS = 5000;

export function openSqliteStore(options: SqliteStoreOptions = {}): SqliteStore {
  return new SqliteStore(options);
}

/** The transaction whose `fn` the current async context runs in, to catch nested `tx` calls. */
const currentTx = new AsyncLocalStorage<SqliteTx>();



export class SqliteStore implements Store {
  readonly kind: 'sqlite' | 'sqlite-memory';
  private readonly db: Database.Database;
  private readonly statements: Statements;
  /** True while a transaction holds the connection (or it is being handed to the next one). */
  private busy = false;
  /** Transactions waiting for the connection, oldest first. */
  private readonly waiting = new Fifo<() => void>();
  private closing?: Promise<void>;
  private readonly checkNesting: boolean;
  /** Per collection, how many finished transactions wrote to it (in this process). */
  private readonly writes = new Map<string, number>();
  /** Bumped by reset(), which changes every collection at once. */
  private resets = 0;

  constructor(options: SqliteStoreOptions) {
    const inMemory = options.file === undefined || options.file === ':memory:';
    this.kind = inMemory ? 'sqlite-memory' : 'sqlite';
    this.checkNesting = options.checkNesting ?? process.env.KILN_STORE_NESTING_CHECK === '1';
    this.db = inMemory ? new Database(':memory:') : openFile(options.file!);
    try {
      migrate(this.db);
      this.statements = new Statements(this.db);
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  tx<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    if (this.closing) return Promise.reject(new Error('The SQLite store is closed'));
    // Fast path: nobody holds the connection, so start right away, without a promise hop.
    if (!this.busy) return this.run(fn);
    // A nested call can only happen while busy (its outer transaction holds the connection).
    // Queueing it would deadlock: the outer transaction waits for it, and it for the outer one.
    if (this.inOwnTx()) {
      return Promise.reject(new Error('store.tx() was called inside another store.tx() of the same store; use the tx passed to fn instead'));
    }
    return new Promise<void>((resolve) => this.waiting.push(resolve)).then(() => this.run(fn));
  }

  reset(): Promise<void> {
    return this.tx(async () => {
      this.statements.deleteAll.run();
      this.resets++;
    });
  }

  changeVersion(collections: readonly string[]): string {
    let own = this.resets;
    for (const collection of collections) own += this.writes.get(collection) ?? 0;
    // PRAGMA data_version changes when another connection (another process on the same file)
    // commits; this connection's own commits are counted per collection above. An in-memory
    // database has no other connection.
    if (this.kind === 'sqlite-memory') return String(own);
    return `${this.statements.dataVersion.get() as number}/${own}`;
  }

  /** Lets running and queued transactions finish, then closes the database. Idempotent. */
  close(): Promise<void> {
    if (!this.closing && this.inOwnTx()) {
      return Promise.reject(new Error('store.close() was called inside a transaction of the same store'));
    }
    this.closing ??= this.closeWhenIdle();
    return this.closing;
  }

  private async closeWhenIdle(): Promise<void> {
    if (this.busy) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.db.close();
  }

  private inOwnTx(): boolean {
    if (!this.checkNesting) return false;
    const outer = currentTx.getStore();
    return outer !== undefined && outer.owner === this && outer.active;
  }

  /** Runs one transaction while holding the connection, then hands the connection on. */
  private async run<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    this.busy = true;
    const tx = new SqliteTx(this, this.statements);
    try {
      try {
        const result = this.checkNesting ? await currentTx.run(tx, fn, tx) : await fn(tx);
        tx.active = false;
        if (tx.begun) this.statements.commit.run();
        return result;
      } catch (error) {
        // A failed COMMIT lands here too: roll back what is left and report the COMMIT error.
        this.rollbackAndThrow(error);
      }
    } finally {
      tx.active = false;
      this.countWrites(tx);
      this.release();
    }
  }

  /**
   * Counted on rollback too: a value derived inside this transaction, after its writes, must not
   * outlive it either way.
   */
  private countWrites(tx: SqliteTx): void {
    for (const collection of tx.written) this.writes.set(collection, (this.writes.get(collection) ?? 0) + 1);
  }

  private rollbackAndThrow(error: unknown): never {
    // SQLite may already have rolled back by itself (e.g. on SQLITE_FULL); ROLLBACK would then fail.
    if (this.db.inTransaction) {
      try {
        this.statements.rollback.run();
      } catch (rollbackError) {
        throw new AggregateError([error, rollbackError], 'The transaction failed and so did its rollback');
      }
    }
    throw error;
  }

  /** Hands the connection straight to the oldest waiter (so no newcomer can cut in), or frees it. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.busy = false;
  }
}

/**
 * A FIFO queue. Not an array: Array#shift copies the whole array once it holds more than a few
 * thousand entries, and a burst of requests can queue that many transactions.
 */
class Fifo<T> {
  private head?: FifoNode<T>;
  private tail?: FifoNode<T>;

  push(value: T): void {
    const node: FifoNode<T> = { value };
    if (this.tail) this.tail.next = node;
    else this.head = node;
    this.tail = node;
  }

  shift(): T | undefined {
    const node = this.head;
    if (!node) return undefined;
    this.head = node.next;
    if (!this.head) this.tail = undefined;
    return node.value;
  }
}

interface FifoNode<T> {
  value: T;
  next?: FifoNode<T>;
}

function openFile(file: string): Database.Database {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  // How long a statement waits for another process's lock before failing with SQLITE_BUSY.
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    // WAL lets other processes read while Kiln writes; NORMAL is durable enough with WAL
    // (a power loss can drop the last commits, never corrupt the file) and much faster.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Applies the migrations this database has not recorded yet, each in its own transaction. */
function migrate(db: Database.Database): void {
  db.exec(SCHEMA_MIGRATIONS_SQL);
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  const known = Math.max(0, ...MIGRATIONS.map((m) => m.version));
  const newest = Math.max(0, ...applied);
  if (newest > known) {
    throw new Error(`The database schema is at version ${newest}, but this Kiln only knows versions up to ${known}; use a newer Kiln`);
  }
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').pluck();
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const apply = db.transaction((migration: Migration) => {
    // Checked again under the write lock: another process may have applied it meanwhile.
    if (isApplied.get(migration.version) !== undefined) return;
    db.exec(migration.sql);
    record.run(migration.version, migration.name, new Date().toISOString());
  });
  const pending = MIGRATIONS.filter((m) => !applied.has(m.version)).sort((a, b) => a.version - b.version);
  for (const migration of pending) apply.immediate(migration);
}

/** A key range: a lower bound (`>=` from a prefix, `>` from an `after` cursor) and an upper bound. */
interface KeyRange {
  lowerOp?: '>=' | '>';
  lower?: string;
  upper?: string;
}

type Kind = 'list' | 'count' | 'all';

/**
 * Every statement the store runs, prepared once. Ranged reads come in a few shapes (which
 * bounds are present); each shape is prepared the first time it is needed and then reused.
 */
class Statements {
  readonly begin: Database.Statement;
  readonly commit: Database.Statement;
  readonly rollback: Database.Statement;
  readonly get: Database.Statement;
  readonly put: Database.Statement;
  readonly insert: Database.Statement;
  readonly delete: Database.Statement;
  readonly deleteAll: Database.Statement;
  readonly dataVersion: Database.Statement;
  private readonly ranged = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {
    // IMMEDIATE takes the write lock up front, so a transaction never fails half-way with
    // SQLITE_BUSY when another process (sharing the file) writes too.
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
    this.get = db.prepare('SELECT value FROM records WHERE collection = ? AND scope = ? AND key = ?').pluck();
    this.put = db.prepare(
      'INSERT INTO records (collection, scope, key, value) VALUES (?, ?, ?, ?) ' +
        'ON CONFLICT (collection, scope, key) DO UPDATE SET value = excluded.value',
    );
    this.insert = db.prepare(
      'INSERT INTO records (collection, scope, key, value) VALUES (?, ?, ?, ?) ON CONFLICT (collection, scope, key) DO NOTHING',
    );
    this.delete = db.prepare('DELETE FROM records WHERE collection = ? AND scope = ? AND key = ?');
    this.deleteAll = db.prepare('DELETE FROM records');
    this.dataVersion = db.prepare('PRAGMA data_version').pluck();
  }

  rangedStatement(kind: Kind, range: KeyRange): Database.Statement {
    const shape = `${kind} ${range.lowerOp ?? ''} ${range.upper !== undefined}`;
    let statement = this.ranged.get(shape);
    if (!statement) {
      statement = this.prepareRanged(kind, range);
      this.ranged.set(shape, statement);
    }
    return statement;
  }

  private prepareRanged(kind: Kind, range: KeyRange): Database.Statement {
    const bounds = (range.lowerOp ? ` AND key ${range.lowerOp} ?` : '') + (range.upper !== undefined ? ' AND key < ?' : '');
    switch (kind) {
      case 'list':
        // A negative LIMIT means no limit in SQLite, so one statement serves both cases. The CAST
        // keeps the bound value away from the query planner: with a bare `LIMIT ?` SQLite plans
        // the statement again on every run (about 15 µs, more than the read of a short range).
        return this.db
          .prepare(`SELECT key, value FROM records WHERE collection = ? AND scope = ?${bounds} ORDER BY key LIMIT CAST(? AS INTEGER)`)
          .raw(true);
      case 'count':
        return this.db.prepare(`SELECT count(*) FROM records WHERE collection = ? AND scope = ?${bounds}`).pluck();
      case 'all':
        return this.db.prepare(`SELECT scope, key, value FROM records WHERE collection = ?${bounds} ORDER BY scope, key`).raw(true);
    }
  }
}

class SqliteTx implements Tx {
  /** False once the transaction has committed or rolled back; later calls are bugs. */
  active = true;
  /** The collections this transaction wrote to (for SqliteStore.changeVersion). */
  readonly written = new Set<string>();
  /**
   * Whether SQLite's transaction has begun: at the first read or write, so a transaction that
   * touches nothing (an answer a handler remembered) costs no BEGIN and COMMIT.
   */
  begun = false;

  constructor(
    readonly owner: SqliteStore,
    private readonly statements: Statements,
  ) {}

  /**
   * The text of each record this transaction has read or written, by address: a record read twice
   * (by the authorizer, then by the handler) is fetched once. Each get still parses its own copy,
   * so no caller sees another's changes to an object.
   */
  private readonly seen = new Map<string, string | undefined>();

  async get<T>(collection: string, scope: string, key: string): Promise<T | undefined> {
    this.open();
    const address = addressOf(collection, scope, key);
    let text: string | undefined;
    if (this.seen.has(address)) text = this.seen.get(address);
    else this.seen.set(address, (text = this.statements.get.get(collection, scope, key) as string | undefined));
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  async put<T>(collection: string, scope: string, key: string, value: T): Promise<void> {
    this.open();
    this.written.add(collection);
    const text = toJson(value);
    this.statements.put.run(collection, scope, key, text);
    this.seen.set(addressOf(collection, scope, key), text);
  }

  async insert<T>(collection: string, scope: string, key: string, value: T): Promise<boolean> {
    this.open();
    this.written.add(collection);
    const text = toJson(value);
    const inserted = this.statements.insert.run(collection, scope, key, text).changes === 1;
    // A refused insert leaves the record as it was, which this transaction may not have read.
    if (inserted) this.seen.set(addressOf(collection, scope, key), text);
    else this.seen.delete(addressOf(collection, scope, key));
    return inserted;
  }

  async delete(collection: string, scope: string, key: string): Promise<boolean> {
    this.open();
    this.written.add(collection);
    this.seen.set(addressOf(collection, scope, key), undefined);
    return this.statements.delete.run(collection, scope, key).changes === 1;
  }

  async list<T>(collection: string, scope: string, options: ListOptions = {}): Promise<StoreRecord<T>[]> {
    this.open();
    const range = keyRange(options.prefix, options.after, options.before);
    const rows = this.statements
      .rangedStatement('list', range)
      .all(collection, scope, ...rangeParams(range), sqlLimit(options.limit)) as [string, string][];
    return rows.map(([key, value]) => ({ key, value: JSON.parse(value) as T }));
  }

  async count(collection: string, scope: string, options: Pick<ListOptions, 'prefix'> = {}): Promise<number> {
    this.open();
    const range = keyRange(options.prefix, undefined);
    return this.statements.rangedStatement('count', range).get(collection, scope, ...rangeParams(range)) as number;
  }

  async listAllScopes<T>(collection: string, options: Pick<ListOptions, 'prefix'> = {}): Promise<Array<StoreRecord<T> & { scope: string }>> {
    this.open();
    const range = keyRange(options.prefix, undefined);
    const rows = this.statements.rangedStatement('all', range).all(collection, ...rangeParams(range)) as [string, string, string][];
    return rows.map(([scope, key, value]) => ({ scope, key, value: JSON.parse(value) as T }));
  }

  private open(): void {
    if (!this.active) throw new Error('This transaction has already finished; a Tx must not be used after its fn settles');
    if (!this.begun) {
      this.statements.begin.run();
      this.begun = true;
    }
  }
}

/** A record's address as one string, for SqliteTx's memo of what it has seen. */
function addressOf(collection: string, scope: string, key: string): string {
  return `${collection}\0${scope}\0${key}`;
}

function toJson(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError('Store values must be JSON-serializable (got undefined, a function or a symbol)');
  return text;
}

function sqlLimit(limit: number | undefined): number {
  if (limit === undefined) return -1;
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`limit must be a non-negative integer, got ${limit}`);
  return limit;
}

/**
 * The key range for a prefix, an `after` cursor and a `before` bound. A prefix becomes `key >=
 * prefix AND key < successor` (not LIKE: the primary key index serves a range, and `%` or `_` in
 * keys stay literal). Of two lower or two upper bounds only the tighter one is kept, so a deep page
 * seeks straight to its cursor.
 */
function keyRange(prefix: string | undefined, after: string | undefined, before?: string): KeyRange {
  const successor = prefix ? prefixUpperBound(prefix) : undefined;
  const upper = before !== undefined && (successor === undefined || compareCodePoints(before, successor) < 0) ? before : successor;
  if (after !== undefined && (!prefix || compareCodePoints(after, prefix) >= 0)) return { lowerOp: '>', lower: after, upper };
  if (prefix) return { lowerOp: '>=', lower: prefix, upper };
  return { upper };
}

function rangeParams(range: KeyRange): string[] {
  const params: string[] = [];
  if (range.lowerOp) params.push(range.lower!);
  if (range.upper !== undefined) params.push(range.upper);
  return params;
}

/**
 * The smallest string greater than every string that starts with `prefix`, in the database's
 * order (UTF-8 bytes, which is code point order): drop trailing U+10FFFF code points and
 * increment the last remaining one. Undefined when there is none (the range is unbounded above).
 */
export function prefixUpperBound(prefix: string): string | undefined {
  const codePoints = Array.from(prefix);
  for (let i = codePoints.length - 1; i >= 0; i--) {
    const codePoint = codePoints[i].codePointAt(0)!;
    if (codePoint === 0x10ffff) continue;
    // Surrogates are not characters (UTF-8 cannot encode them), so U+D7FF is followed by U+E000.
    const next = codePoint === 0xd7ff ? 0xe000 : codePoint + 1;
    return codePoints.slice(0, i).join('') + String.fromCodePoint(next);
  }
  return undefined;
}

/**
 * Compares strings by code point, as SQLite does (bytewise on UTF-8). JavaScript's `<` compares
 * UTF-16 code units, which disagrees for U+E000..U+FFFF against characters beyond U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** Moves surrogates (which stand for code points above U+FFFF) above U+E000..U+FFFF. */
function codePointRank(codeUnit: number): number {
  if (codeUnit >= 0xd800 && codeUnit <= 0xdfff) return codeUnit + 0x2000;
  if (codeUnit >= 0xe000) return codeUnit - 0x800;
  return codeUnit;
}
