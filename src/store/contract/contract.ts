/**
 * The behaviour every `Store` implementation must show. A store's test file calls
 * `storeContract('name', open)`; `open` must return a new, working store each time it is called
 * (the suite opens one for most tests and more for the lifecycle tests, and closes them all).
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ListOptions, Store, StoreRecord } from '../types.js';

const C = 'things';
const S = 'aws/123456789012';

export function storeContract(name: string, open: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    before(async () => {
      store = await open();
    });
    after(async () => {
      await store.close();
    });
    beforeEach(async () => {
      await store.reset();
    });

    const put = (key: string, value: unknown, scope = S, collection = C) => store.tx((tx) => tx.put(collection, scope, key, value));
    const get = (key: string, scope = S, collection = C) => store.tx((tx) => tx.get(collection, scope, key));
    const putAll = (keys: string[], scope = S, collection = C) =>
      store.tx(async (tx) => {
        for (const key of keys) await tx.put(collection, scope, key, { key });
      });
    const listKeys = async (options?: ListOptions, scope = S) =>
      (await store.tx((tx) => tx.list(C, scope, options))).map((record) => record.key);

    describe('single records', () => {
      it('get returns undefined for a missing key', async () => {
        assert.equal(await get('nope'), undefined);
      });

      it('put stores a value and put again replaces it', async () => {
        await put('k', { n: 1 });
        assert.deepEqual(await get('k'), { n: 1 });
        await put('k', { n: 2 });
        assert.deepEqual(await get('k'), { n: 2 });
        assert.equal(await store.tx((tx) => tx.count(C, S)), 1);
      });

      it('insert returns true for a free key and false, changing nothing, for a taken one', async () => {
        assert.equal(await store.tx((tx) => tx.insert(C, S, 'k', 'first')), true);
        assert.equal(await store.tx((tx) => tx.insert(C, S, 'k', 'second')), false);
        assert.equal(await get('k'), 'first');
      });

      it('delete returns whether a record was deleted, and frees the key', async () => {
        await put('k', 1);
        assert.equal(await store.tx((tx) => tx.delete(C, S, 'k')), true);
        assert.equal(await get('k'), undefined);
        assert.equal(await store.tx((tx) => tx.delete(C, S, 'k')), false);
        assert.equal(await store.tx((tx) => tx.insert(C, S, 'k', 2)), true);
        assert.equal(await get('k'), 2);
      });

      it('round-trips nested JSON values', async () => {
        const value = {
          text: 'héllo wörld — 日本語 😀 "quoted" \\ back\nslash\t\u0000nul',
          numbers: [0, -1, 3.25, 1e21, Number.MAX_SAFE_INTEGER],
          flags: { yes: true, no: false },
          nothing: null,
          nested: [[], {}, [{ deep: ['x', 1, null, { deeper: true }] }]],
        };
        await put('k', value);
        assert.deepEqual(await get('k'), value);
      });

      it('round-trips top-level scalars, and a stored null is not a missing record', async () => {
        for (const [key, value] of [['null', null], ['false', false], ['zero', 0], ['empty', ''], ['string', 'ü']] as const) {
          await put(key, value);
          assert.equal(await get(key), value, key);
        }
        assert.equal(await store.tx((tx) => tx.insert(C, S, 'null', 'other')), false);
      });

      it('keys are case-sensitive', async () => {
        await put('Abc', 'upper');
        await put('abc', 'lower');
        assert.equal(await get('Abc'), 'upper');
        assert.equal(await get('abc'), 'lower');
        assert.equal(await get('ABC'), undefined);
        assert.deepEqual(await listKeys(), ['Abc', 'abc']);
      });

      it('scopes are isolated', async () => {
        await put('k', 'one', 'scope-1');
        await put('k', 'two', 'scope-2');
        await put('only-in-2', true, 'scope-2');
        assert.equal(await get('k', 'scope-1'), 'one');
        assert.equal(await get('k', 'scope-2'), 'two');
        assert.equal(await get('only-in-2', 'scope-1'), undefined);
        assert.deepEqual(await listKeys({}, 'scope-1'), ['k']);
        assert.equal(await store.tx((tx) => tx.count(C, 'scope-2')), 2);
        assert.equal(await store.tx((tx) => tx.delete(C, 'scope-1', 'k')), true);
        assert.equal(await get('k', 'scope-2'), 'two');
        assert.equal(await store.tx((tx) => tx.insert(C, 'scope-1', 'only-in-2', 1)), true);
      });

      it('collections are isolated', async () => {
        await put('k', 'a', S, 'alpha');
        await put('k', 'b', S, 'beta');
        assert.equal(await get('k', S, 'alpha'), 'a');
        assert.equal(await get('k', S, 'beta'), 'b');
        assert.equal(await get('k', S, C), undefined);
        assert.deepEqual(await listKeys(), []);
      });
    });

    describe('list and count', () => {
      it('lists an empty scope as []', async () => {
        assert.deepEqual(await store.tx((tx) => tx.list(C, S)), []);
        assert.equal(await store.tx((tx) => tx.count(C, S)), 0);
      });

      it('lists records with their values in ascending key order, whatever the insertion order', async () => {
        await putAll(['b', 'a10', 'B', 'a2', '_', '-', 'a']);
        const records = await store.tx((tx) => tx.list<{ key: string }>(C, S));
        assert.deepEqual(
          records.map((record) => record.key),
          ['-', 'B', '_', 'a', 'a10', 'a2', 'b'],
        );
        for (const record of records) assert.deepEqual(record.value, { key: record.key });
      });

      it('orders keys by Unicode code point (UTF-8 byte order), not UTF-16 code unit', async () => {
        const expected = ['a', 'z', '~', 'é', 'ü', '日', '\uFFFD', '😀', '😁', '\u{10FFFF}'];
        await putAll([...expected].reverse());
        assert.deepEqual(await listKeys(), expected);
      });

      it('limit caps the number of records', async () => {
        await putAll(['a', 'b', 'c', 'd']);
        assert.deepEqual(await listKeys({ limit: 2 }), ['a', 'b']);
        assert.deepEqual(await listKeys({ limit: 10 }), ['a', 'b', 'c', 'd']);
        assert.deepEqual(await listKeys({ limit: 0 }), []);
      });

      it('after returns only keys strictly greater than the cursor', async () => {
        await putAll(['a', 'b', 'c', 'd']);
        assert.deepEqual(await listKeys({ after: 'b' }), ['c', 'd']);
        assert.deepEqual(await listKeys({ after: 'bb' }), ['c', 'd']);
        assert.deepEqual(await listKeys({ after: '' }), ['a', 'b', 'c', 'd']);
        assert.deepEqual(await listKeys({ after: 'd' }), []);
        assert.deepEqual(await listKeys({ after: 'a', limit: 2 }), ['b', 'c']);
      });

      it('before returns only keys strictly less than the bound, and combines with prefix, after and limit', async () => {
        await putAll(['a', 'b', 'c', 'd', 'b/1', 'b/2', 'b/3']);
        assert.deepEqual(await listKeys({ before: 'c' }), ['a', 'b', 'b/1', 'b/2', 'b/3']);
        assert.deepEqual(await listKeys({ before: 'b' }), ['a']);
        assert.deepEqual(await listKeys({ before: 'a' }), []);
        assert.deepEqual(await listKeys({ before: '' }), []);
        assert.deepEqual(await listKeys({ before: 'z', limit: 2 }), ['a', 'b']);
        assert.deepEqual(await listKeys({ after: 'a', before: 'b/2' }), ['b', 'b/1']);
        assert.deepEqual(await listKeys({ prefix: 'b/', before: 'b/3' }), ['b/1', 'b/2']);
        // A bound past the prefix's range does not widen it.
        assert.deepEqual(await listKeys({ prefix: 'b/', before: 'c' }), ['b/1', 'b/2', 'b/3']);
        assert.deepEqual(await listKeys({ prefix: 'b/', after: 'b/1', before: 'b/3', limit: 5 }), ['b/2']);
        assert.deepEqual(await listKeys({ after: 'c', before: 'b' }), []);
      });

      it('prefix returns only keys that start with it', async () => {
        await putAll(['role/a', 'role/b', 'role', 'rolf', 'rold', 'user/a', 'rol']);
        assert.deepEqual(await listKeys({ prefix: 'role/' }), ['role/a', 'role/b']);
        assert.deepEqual(await listKeys({ prefix: 'role' }), ['role', 'role/a', 'role/b']);
        assert.deepEqual(await listKeys({ prefix: 'nope' }), []);
        assert.deepEqual(await listKeys({ prefix: '' }), ['rol', 'rold', 'role', 'role/a', 'role/b', 'rolf', 'user/a']);
      });

      it('prefix combines with after and limit', async () => {
        await putAll(['a/1', 'b/1', 'b/2', 'b/3', 'b/4', 'c/1']);
        assert.deepEqual(await listKeys({ prefix: 'b/', after: 'b/1', limit: 2 }), ['b/2', 'b/3']);
        assert.deepEqual(await listKeys({ prefix: 'b/', after: 'a/9' }), ['b/1', 'b/2', 'b/3', 'b/4']);
        assert.deepEqual(await listKeys({ prefix: 'b/', after: 'b' }), ['b/1', 'b/2', 'b/3', 'b/4']);
        assert.deepEqual(await listKeys({ prefix: 'b/', after: 'b/4' }), []);
        assert.deepEqual(await listKeys({ prefix: 'b/', after: 'c' }), []);
      });

      it('treats % and _ in prefixes and keys literally', async () => {
        await putAll(['a%b', 'a%', 'axb', 'a_c', 'abc', 'a\\_', 'a\\x']);
        assert.deepEqual(await listKeys({ prefix: 'a%' }), ['a%', 'a%b']);
        assert.deepEqual(await listKeys({ prefix: 'a_' }), ['a_c']);
        assert.deepEqual(await listKeys({ prefix: 'a\\_' }), ['a\\_']);
        assert.equal(await store.tx((tx) => tx.count(C, S, { prefix: '%' })), 0);
      });

      it('handles non-ASCII prefixes, including code points at range edges', async () => {
        await putAll([
          'café/1', 'café/2', 'cafe/1', 'cafê', 'caf',
          '日本/東京', '日本/大阪', '日本', '日本語', '日',
          '😀', '😀/x', '😁', '😀😀',
          'x\uD7FF', 'x\uD7FF1', 'x\uE000',
          'y\u{10FFFF}', 'y\u{10FFFF}a', 'z',
          '\uFFFF', '\uFFFFa',
        ]);
        assert.deepEqual(await listKeys({ prefix: 'café' }), ['café/1', 'café/2']);
        assert.deepEqual(await listKeys({ prefix: '日本/' }), ['日本/大阪', '日本/東京']);
        assert.deepEqual(await listKeys({ prefix: '日本' }), ['日本', '日本/大阪', '日本/東京', '日本語']);
        assert.deepEqual(await listKeys({ prefix: '😀' }), ['😀', '😀/x', '😀😀']);
        assert.deepEqual(await listKeys({ prefix: 'x\uD7FF' }), ['x\uD7FF', 'x\uD7FF1']);
        assert.deepEqual(await listKeys({ prefix: 'y\u{10FFFF}' }), ['y\u{10FFFF}', 'y\u{10FFFF}a']);
        assert.deepEqual(await listKeys({ prefix: '\uFFFF' }), ['\uFFFF', '\uFFFFa']);
        assert.equal(await store.tx((tx) => tx.count(C, S, { prefix: '日本' })), 4);
        assert.deepEqual(await listKeys({ prefix: '😀', after: '😀/x' }), ['😀😀']);
      });

      it('keyset paging with after + limit walks all 250 records exactly once, in order', async () => {
        const keys = Array.from({ length: 250 }, (_, i) => `${['Item', 'item', 'ítem', '😀', 'i%_'][i % 5]}-${i}`);
        await putAll(keys);
        const seen: string[] = [];
        let cursor: string | undefined;
        for (let pages = 0; pages < 100; pages++) {
          const page = await listKeys({ after: cursor, limit: 7 });
          seen.push(...page);
          if (page.length < 7) break;
          cursor = page[page.length - 1];
        }
        assert.deepEqual(seen, [...keys].sort(byCodePoint));
        assert.equal(new Set(seen).size, 250);
      });

      it('keyset paging within a prefix stays inside it', async () => {
        const inside = Array.from({ length: 40 }, (_, i) => `p/${String(i).padStart(3, '0')}`);
        await putAll([...inside, 'p', 'o/1', 'p0', 'q/1']);
        const seen: string[] = [];
        let cursor: string | undefined;
        for (;;) {
          const page = await listKeys({ prefix: 'p/', after: cursor, limit: 6 });
          if (page.length === 0) break;
          seen.push(...page);
          cursor = page[page.length - 1];
        }
        assert.deepEqual(seen, inside);
      });

      it('count counts a scope, optionally by prefix', async () => {
        await putAll(['a/1', 'a/2', 'b/1']);
        await put('a/3', 1, 'other');
        assert.equal(await store.tx((tx) => tx.count(C, S)), 3);
        assert.equal(await store.tx((tx) => tx.count(C, S, { prefix: 'a/' })), 2);
        assert.equal(await store.tx((tx) => tx.count(C, S, { prefix: 'c' })), 0);
        assert.equal(await store.tx((tx) => tx.count(C, S, {})), 3);
      });

      it('listAllScopes returns every scope of a collection, ordered by scope then key', async () => {
        await putAll(['b', 'a'], '222/us-east-1');
        await putAll(['c'], '111/us-west-2');
        await putAll(['a'], '111/eu-west-1');
        await putAll(['z'], '000/x', 'other-collection');
        const records = await store.tx((tx) => tx.listAllScopes<{ key: string }>(C));
        assert.deepEqual(records, [
          { scope: '111/eu-west-1', key: 'a', value: { key: 'a' } },
          { scope: '111/us-west-2', key: 'c', value: { key: 'c' } },
          { scope: '222/us-east-1', key: 'a', value: { key: 'a' } },
          { scope: '222/us-east-1', key: 'b', value: { key: 'b' } },
        ]);
        assert.deepEqual(await store.tx((tx) => tx.listAllScopes(C + 'x')), []);
      });

      it('listAllScopes filters by prefix', async () => {
        await putAll(['role/x', 'user/x'], 's2');
        await putAll(['role/y', 'role%', 'rolex'], 's1');
        const records = await store.tx((tx) => tx.listAllScopes(C, { prefix: 'role/' }));
        assert.deepEqual(
          records.map(({ scope, key }) => `${scope} ${key}`),
          ['s1 role/y', 's2 role/x'],
        );
      });
    });

    describe('transactions', () => {
      it('resolves to what fn resolves to, and a tx reads its own writes', async () => {
        const result = await store.tx(async (tx) => {
          await tx.put(C, S, 'a', 1);
          assert.equal(await tx.get(C, S, 'a'), 1);
          assert.equal(await tx.insert(C, S, 'b', 2), true);
          assert.deepEqual(
            (await tx.list(C, S)).map((record: StoreRecord<unknown>) => record.key),
            ['a', 'b'],
          );
          assert.equal(await tx.count(C, S), 2);
          return 'done';
        });
        assert.equal(result, 'done');
      });

      it('a record read again in a tx is a copy of its own, and shows the tx\'s writes to it', async () => {
        await store.tx((tx) => tx.put(C, S, 'reread', { n: 1, tags: ['a'] }));
        await store.tx(async (tx) => {
          const first = await tx.get<{ n: number; tags: string[] }>(C, S, 'reread');
          first!.n = 99;
          first!.tags.push('changed but not saved');
          assert.deepEqual(await tx.get(C, S, 'reread'), { n: 1, tags: ['a'] }, 'changing an object read changes nothing stored');
          await tx.put(C, S, 'reread', { n: 2, tags: [] });
          assert.deepEqual(await tx.get(C, S, 'reread'), { n: 2, tags: [] });
          assert.equal(await tx.insert(C, S, 'reread', { n: 3, tags: [] }), false);
          assert.deepEqual(await tx.get(C, S, 'reread'), { n: 2, tags: [] }, 'a refused insert changes nothing');
          assert.equal(await tx.delete(C, S, 'reread'), true);
          assert.equal(await tx.get(C, S, 'reread'), undefined);
          assert.equal(await tx.insert(C, S, 'reread', { n: 4, tags: [] }), true);
          assert.deepEqual(await tx.get(C, S, 'reread'), { n: 4, tags: [] });
        });
        assert.deepEqual(await store.tx((tx) => tx.get(C, S, 'reread')), { n: 4, tags: [] });
      });

      it('a throw inside fn rolls back every write and rethrows the same error', async () => {
        await putAll(['keep', 'overwrite', 'remove']);
        const boom = new Error('boom');
        await assert.rejects(
          store.tx(async (tx) => {
            await tx.put(C, S, 'new', 1);
            await tx.put(C, S, 'overwrite', 'changed');
            assert.equal(await tx.insert(C, S, 'inserted', 1), true);
            assert.equal(await tx.delete(C, S, 'remove'), true);
            await tx.put(C, 'another-scope', 'k', 1);
            await tx.put('another-collection', S, 'k', 1);
            await new Promise((resolve) => setImmediate(resolve));
            throw boom;
          }),
          (error) => {
            assert.equal(error, boom);
            return true;
          },
        );
        assert.deepEqual(
          await store.tx((tx) => tx.listAllScopes(C)),
          ['keep', 'overwrite', 'remove'].map((key) => ({ scope: S, key, value: { key } })),
        );
        assert.deepEqual(await store.tx((tx) => tx.listAllScopes('another-collection')), []);
      });

      it('rethrows non-Error throws unchanged, and later transactions still run', async () => {
        await assert.rejects(
          store.tx(async (tx) => {
            await tx.put(C, S, 'k', 1);
            throw 'a string';
          }),
          (error) => error === 'a string',
        );
        await put('k', 2);
        assert.equal(await get('k'), 2);
      });

      it('never lets another transaction see uncommitted writes', async () => {
        let wrote!: () => void;
        const written = new Promise<void>((resolve) => (wrote = resolve));
        const failing = store.tx(async (tx) => {
          await tx.put(C, S, 'dirty', 1);
          wrote();
          await new Promise((resolve) => setTimeout(resolve, 20));
          throw new Error('rolled back');
        });
        const failed = assert.rejects(failing, /rolled back/);
        await written;
        assert.equal(await get('dirty'), undefined);
        await failed;
      });

      it('serializes concurrent transactions: 50 read-modify-write increments give 50', async () => {
        await put('counter', 0);
        await Promise.all(
          Array.from({ length: 50 }, () =>
            store.tx(async (tx) => {
              const value = (await tx.get<number>(C, S, 'counter'))!;
              await new Promise((resolve) => setImmediate(resolve));
              await tx.put(C, S, 'counter', value + 1);
            }),
          ),
        );
        assert.equal(await get('counter'), 50);
      });

      it('of 50 concurrent inserts of one key exactly one succeeds', async () => {
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) => store.tx((tx) => tx.insert(C, S, 'unique', i))),
        );
        assert.equal(results.filter(Boolean).length, 1);
        assert.equal(await get('unique'), results.indexOf(true));
      });
    });

    describe('reset', () => {
      it('deletes every record in every collection and scope, and the store stays usable', async () => {
        await putAll(['a', 'b']);
        await put('k', 1, 'other-scope', 'other-collection');
        await store.reset();
        assert.deepEqual(await store.tx((tx) => tx.listAllScopes(C)), []);
        assert.equal(await get('k', 'other-scope', 'other-collection'), undefined);
        assert.equal(await store.tx((tx) => tx.insert(C, S, 'a', 'again')), true);
      });
    });

    describe('changeVersion', () => {
      const version = () => store.changeVersion([C]);

      it('changes when a transaction writes to the collection, and only then', async () => {
        const before = version();
        const otherBefore = store.changeVersion(['other-collection']);
        await get('k');
        assert.equal(version(), before, 'a read changes nothing');
        await put('k', 1);
        const afterPut = version();
        assert.notEqual(afterPut, before);
        assert.equal(store.changeVersion(['other-collection']), otherBefore, 'a write to one collection leaves the others alone');
        await store.tx((tx) => tx.delete(C, S, 'k'));
        assert.notEqual(version(), afterPut);
      });

      it('changes when a transaction that wrote to the collection rolls back', async () => {
        const before = version();
        await assert.rejects(store.tx(async (tx) => {
          await tx.put(C, S, 'k', 1);
          throw new Error('roll back');
        }));
        assert.notEqual(version(), before);
      });

      it('changes on reset, and covers every collection it is given', async () => {
        const both = () => store.changeVersion([C, 'other-collection']);
        const before = both();
        await put('k', 1, S, 'other-collection');
        const afterWrite = both();
        assert.notEqual(afterWrite, before);
        await store.reset();
        assert.notEqual(both(), afterWrite);
      });
    });

    describe('lifecycle', () => {
      it('close is idempotent, and tx after close rejects', async () => {
        const own = await open();
        await own.tx((tx) => tx.put(C, S, 'k', 1));
        await own.close();
        await own.close();
        await assert.rejects(own.tx((tx) => tx.get(C, S, 'k')), Error);
      });
    });
  });
}

/** Code point order (what the contract requires), unlike `Array#sort`'s UTF-16 default. */
function byCodePoint(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}
