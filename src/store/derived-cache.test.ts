import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DerivedCache } from './derived-cache.js';
import { openSqliteStore, type SqliteStore } from './sqlite/sqlite-store.js';

describe('DerivedCache', () => {
  let store: SqliteStore;
  before(() => {
    store = openSqliteStore({});
  });
  after(() => store.close());

  /** A cache of the record `watched/s/k`, counting how often it really reads it. */
  function countingCache(maxEntries?: number) {
    let loads = 0;
    const cache = new DerivedCache<unknown>(store, ['watched'], maxEntries);
    const read = (key = 'k') => cache.get(key, () => {
      loads++;
      return store.tx((tx) => tx.get('watched', 's', key));
    });
    return { read, loads: () => loads };
  }

  it('loads once, then answers from memory until the collection changes', async () => {
    const { read, loads } = countingCache();
    await store.tx((tx) => tx.put('watched', 's', 'k', 1));
    assert.equal(await read(), 1);
    assert.equal(await read(), 1);
    assert.equal(loads(), 1);
    await store.tx((tx) => tx.put('unrelated', 's', 'k', 2));
    assert.equal(await read(), 1);
    assert.equal(loads(), 1, 'a write elsewhere keeps the value');
    await store.tx((tx) => tx.put('watched', 's', 'k', 3));
    assert.equal(await read(), 3);
    assert.equal(loads(), 2);
  });

  it('never keeps a value read inside a transaction that then rolls back', async () => {
    const cache = new DerivedCache<unknown>(store, ['watched']);
    await store.tx((tx) => tx.put('watched', 's', 'r', 'committed'));
    await assert.rejects(store.tx(async (tx) => {
      await tx.put('watched', 's', 'r', 'uncommitted');
      // Derived from the uncommitted write, as an authorizer inside a handler's transaction would.
      assert.equal(await cache.get('r', () => tx.get('watched', 's', 'r')), 'uncommitted');
      throw new Error('roll back');
    }));
    assert.equal(await cache.get('r', () => store.tx((tx) => tx.get('watched', 's', 'r'))), 'committed');
  });

  it('starts over when it holds maxEntries values', async () => {
    const { read, loads } = countingCache(2);
    await read('a');
    await read('b');
    await read('c');
    await read('a');
    assert.equal(loads(), 4);
  });
});
