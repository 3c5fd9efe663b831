import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DerivedCache, DerivedCaches } from './derived-cache.js';
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

  describe('DerivedCaches (HandlerContext.remember)', () => {
    it('keeps each value until a collection it was read from changes', async () => {
      const caches = new DerivedCaches(store);
      let loads = 0;
      const remember = (collections: string[], key: string) => caches.get(collections, key, async () => ({ loaded: ++loads }));
      assert.deepEqual(await remember(['images'], 'a'), { loaded: 1 });
      assert.deepEqual(await remember(['images', 'versions'], 'a'), { loaded: 2 }, 'another set of collections is another cache');
      await store.tx((tx) => tx.put('versions', 's', 'k', 1));
      assert.deepEqual(await remember(['images'], 'a'), { loaded: 1 });
      assert.deepEqual(await remember(['images', 'versions'], 'a'), { loaded: 3 });
    });

    it('freezes what it keeps, nested values too, so no caller can change it for the next', async () => {
      const caches = new DerivedCaches(store);
      const value = await caches.get(['images'], 'frozen', async () => ({ image: { tags: { stage: 'prod' } }, list: [{ n: 1 }] }));
      assert.throws(() => { (value.image.tags as Record<string, string>).stage = 'dev'; }, TypeError);
      assert.throws(() => { value.list.push({ n: 2 }); }, TypeError);
      assert.deepEqual(await caches.get(['images'], 'frozen', async () => ({ image: { tags: {} }, list: [] })), { image: { tags: { stage: 'prod' } }, list: [{ n: 1 }] });
    });

    it('keeps at most maxEntries values of a kind, when told', async () => {
      const caches = new DerivedCaches(store);
      let loads = 0;
      const remember = (key: string) => caches.get(['pages'], key, async () => ++loads, { maxEntries: 2 });
      await remember('a');
      await remember('b');
      await remember('a');
      assert.equal(loads, 2);
      await remember('c');
      await remember('a');
      assert.equal(loads, 4, 'the third value started the cache over');
    });

    it('keeps nothing when loading fails', async () => {
      const caches = new DerivedCaches(store);
      await assert.rejects(caches.get(['images'], 'missing', async () => { throw new Error('not found'); }), /not found/);
      assert.equal(await caches.get(['images'], 'missing', async () => 'found'), 'found');
    });
  });
});
