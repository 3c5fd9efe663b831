import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { storeContract } from '../contract/contract.js';
import { MIGRATIONS } from '../migrations/index.js';
import { compareCodePoints, openSqliteStore, prefixUpperBound } from './sqlite-store.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-sqlite-store-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

let files = 0;
/** A fresh database path, in a directory that does not exist yet. */
const newFile = () => path.join(dir, `db-${++files}`, 'kiln.db');

/** Reads a store's file through a separate connection. */
function inspect<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

storeContract('sqlite (memory)', async () => openSqliteStore({}));
storeContract('sqlite (file)', async () => openSqliteStore({ file: newFile() }));

describe('SQLite store', () => {
  it('reports its kind', async () => {
    const memory = openSqliteStore({});
    const file = openSqliteStore({ file: newFile() });
    assert.equal(memory.kind, 'sqlite-memory');
    assert.equal(file.kind, 'sqlite');
    await Promise.all([memory.close(), file.close()]);
  });

  it('creates the file and its directory, in WAL mode', async () => {
    const file = newFile();
    assert.equal(fs.existsSync(path.dirname(file)), false);
    const store = openSqliteStore({ file });
    await store.tx((tx) => tx.put('c', 's', 'k', 1));
    assert.equal(inspect(file, (db) => db.pragma('journal_mode', { simple: true })), 'wal');
    await store.close();
  });

  it('records the migrations it applies and does not re-apply them on reopen', async () => {
    const file = newFile();
    await openSqliteStore({ file }).close();
    const applied = () =>
      inspect(file, (db) => db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all() as Array<{
        version: number;
        name: string;
        applied_at: string;
      }>);
    const first = applied();
    assert.deepEqual(
      first.map(({ version, name }) => ({ version, name })),
      MIGRATIONS.map(({ version, name }) => ({ version, name })),
    );
    for (const row of first) assert.ok(!Number.isNaN(Date.parse(row.applied_at)), row.applied_at);

    await new Promise((resolve) => setTimeout(resolve, 5)); // a re-applied migration would get a later applied_at
    const store = openSqliteStore({ file });
    await store.tx((tx) => tx.put('c', 's', 'k', 1));
    await store.close();
    assert.deepEqual(applied(), first);
  });

  it('has migrations numbered 1, 2, 3, … in order', () => {
    assert.deepEqual(
      MIGRATIONS.map((m) => m.version),
      MIGRATIONS.map((_, i) => i + 1),
    );
  });

  it('refuses a database migrated by a newer Kiln', async () => {
    const file = newFile();
    await openSqliteStore({ file }).close();
    const db = new Database(file);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', '')").run();
    db.close();
    assert.throws(() => openSqliteStore({ file }), /version 999/);
  });

  it('begins its SQLite transaction at the first read or write: one that touches nothing locks nothing', async () => {
    const file = newFile();
    const store = openSqliteStore({ file });
    await store.tx((tx) => tx.put('c', 's', 'k', 1));
    const other = new Database(file, { timeout: 0 });
    try {
      let release!: () => void;
      const untouched = store.tx(async (tx) => {
        await new Promise<void>((resolve) => (release = resolve));
        return tx.get('c', 's', 'k');
      });
      other.exec('BEGIN IMMEDIATE');
      other.exec('COMMIT');
      release();
      assert.equal(await untouched, 1);

      let releaseReader!: () => void;
      let hasRead!: () => void;
      const read = new Promise<void>((resolve) => (hasRead = resolve));
      const reader = store.tx(async (tx) => {
        await tx.get('c', 's', 'k');
        hasRead();
        await new Promise<void>((resolve) => (releaseReader = resolve));
      });
      await read;
      assert.throws(() => other.exec('BEGIN IMMEDIATE'), /locked|busy/i, 'after its first read it holds the write lock until it ends');
      releaseReader();
      await reader;
      other.exec('BEGIN IMMEDIATE');
      other.exec('COMMIT');
    } finally {
      other.close();
      await store.close();
    }
  });

  it('keeps data in a file across close and reopen', async () => {
    const file = newFile();
    const first = openSqliteStore({ file });
    await first.tx(async (tx) => {
      await tx.put('roles', 'aws/1', 'admin', { name: 'Admin', tags: ['a'] });
      await tx.put('roles', 'aws/2', 'viewer', { name: 'Viewer' });
    });
    await first.close();

    const second = openSqliteStore({ file });
    assert.deepEqual(await second.tx((tx) => tx.get('roles', 'aws/1', 'admin')), { name: 'Admin', tags: ['a'] });
    assert.equal(await second.tx((tx) => tx.count('roles', 'aws/2')), 1);
    await second.close();
  });

  it('changes its version when another process (connection) on the same file commits', async () => {
    const file = newFile();
    const first = openSqliteStore({ file });
    const second = openSqliteStore({ file });
    const before = first.changeVersion(['roles']);
    await second.tx((tx) => tx.put('roles', 'aws/1', 'admin', { name: 'Admin' }));
    assert.notEqual(first.changeVersion(['roles']), before);
    await first.close();
    await second.close();
  });

  it('rejects a nested tx with a clear error instead of deadlocking (with checkNesting)', async () => {
    const store = openSqliteStore({ checkNesting: true });
    const outcome = await store.tx(async (tx) => {
      await tx.put('c', 's', 'outer', 1);
      // Called synchronously and after an await: both must be caught.
      const immediate = store.tx(async () => 'never');
      await assert.rejects(immediate, /inside another store\.tx\(\)/);
      await new Promise((resolve) => setImmediate(resolve));
      await assert.rejects(
        store.tx(async () => 'never'),
        /inside another store\.tx\(\)/,
      );
      await assert.rejects(store.reset(), /inside another store\.tx\(\)/);
      await assert.rejects(store.close(), /inside a transaction/);
      return 'outer finished';
    });
    assert.equal(outcome, 'outer finished');
    assert.equal(await store.tx((tx) => tx.get('c', 's', 'outer')), 1);
    await store.close();
  });

  it('allows a transaction on another store from inside a transaction', async () => {
    const a = openSqliteStore({ checkNesting: true });
    const b = openSqliteStore({ checkNesting: true });
    await a.tx(async (tx) => {
      await tx.put('c', 's', 'k', 'a');
      await b.tx((other) => other.put('c', 's', 'k', 'b'));
    });
    assert.equal(await b.tx((tx) => tx.get('c', 's', 'k')), 'b');
    await Promise.all([a.close(), b.close()]);
  });

  it('rejects use of a Tx after its transaction finished', async () => {
    const store = openSqliteStore({});
    const leaked = await store.tx(async (tx) => tx);
    await assert.rejects(leaked.get('c', 's', 'k'), /already finished/);
    await assert.rejects(leaked.put('c', 's', 'k', 1), /already finished/);
    await store.close();
  });

  it('runs queued transactions in FIFO order', async () => {
    const store = openSqliteStore({});
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        store.tx(async () => {
          await new Promise((resolve) => setImmediate(resolve));
          order.push(i);
        }),
      ),
    );
    assert.deepEqual(order, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await store.close();
  });

  it('close waits for running and queued transactions', async () => {
    const store = openSqliteStore({});
    const slow = (value: number) =>
      store.tx(async (tx) => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        await tx.put('c', 's', String(value), value);
      });
    const running = [slow(1), slow(2)];
    const closed = store.close();
    await assert.rejects(store.tx(async () => 0), /closed/);
    await Promise.all([...running, closed]);
  });

  it('rejects values that are not JSON, and bad limits', async () => {
    const store = openSqliteStore({});
    await assert.rejects(
      store.tx((tx) => tx.put('c', 's', 'k', undefined)),
      TypeError,
    );
    await assert.rejects(
      store.tx((tx) => tx.list('c', 's', { limit: -1 })),
      RangeError,
    );
    await assert.rejects(
      store.tx((tx) => tx.list('c', 's', { limit: 1.5 })),
      RangeError,
    );
    await store.close();
  });

  it('has a primary key that serves keyset ranges in key order', async () => {
    const file = newFile();
    await openSqliteStore({ file }).close();
    const plan = (sql: string) =>
      inspect(file, (db) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((row) => row.detail).join('; '));
    const list = plan("SELECT key, value FROM records WHERE collection = 'c' AND scope = 's' AND key > 'a' AND key < 'b' ORDER BY key LIMIT 10");
    assert.match(list, /USING INDEX sqlite_autoindex_records_1 \(collection=\? AND scope=\? AND key>\? AND key<\?\)/);
    assert.doesNotMatch(list, /TEMP B-TREE/);
  });
});

describe('prefixUpperBound', () => {
  it('increments the last code point', () => {
    assert.equal(prefixUpperBound('abc'), 'abd');
    assert.equal(prefixUpperBound('a/'), 'a0');
    assert.equal(prefixUpperBound('café'), 'cafê');
    assert.equal(prefixUpperBound('😀'), '😁');
  });

  it('skips the surrogate range and drops trailing U+10FFFF', () => {
    assert.equal(prefixUpperBound('x\uD7FF'), 'x\uE000');
    assert.equal(prefixUpperBound('x\uFFFF'), 'x\u{10000}');
    assert.equal(prefixUpperBound('x\u{10FFFF}\u{10FFFF}'), 'y');
    assert.equal(prefixUpperBound('\u{10FFFF}'), undefined);
  });
});

describe('compareCodePoints', () => {
  it('orders by code point, unlike UTF-16 comparison', () => {
    assert.ok(compareCodePoints('\uFFFD', '😀') < 0);
    assert.ok('\uFFFD' > '😀'); // what plain JavaScript comparison says
    assert.ok(compareCodePoints('b', 'a') > 0);
    assert.ok(compareCodePoints('a', 'ab') < 0);
    assert.equal(compareCodePoints('日本', '日本'), 0);
  });
});
