/**
 * Handler tests without a server: an in-memory store, a ManualClock, sequential ids, and one
 * transaction per call made as any principal (root by default), as dispatch would, with
 * `ctx.authorize` enforcing policies.
 */
import { ManualClock } from '../../src/kernel/clock.js';
import { SequentialIds } from '../../src/kernel/ids.js';
import { createLogger } from '../../src/kernel/log.js';
import type { Principal } from '../../src/kernel/scope.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/types.js';
import { DEFAULT_SETTINGS, type HandlerContext } from '../../src/services/types.js';
import { DerivedCaches } from '../../src/store/derived-cache.js';
import { requestAuthorizer } from '../../src/server/authz.js';

export const ACCOUNT = '123456789012';
export const ROOT: Principal = { type: 'root', arn: `arn:aws:iam::${ACCOUNT}:root`, userId: ACCOUNT, account: ACCOUNT, accessKeyId: 'test' };

export interface HandlerHarness {
  store: Store;
  clock: ManualClock;
  ids: SequentialIds;
  /** Runs `fn` in one transaction as `principal` (root by default), in `region`. */
  as<T>(principal: Principal, fn: (ctx: HandlerContext) => Promise<T>, region?: string): Promise<T>;
  root<T>(fn: (ctx: HandlerContext) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function handlerHarness(start = '2026-03-01T12:00:00.000Z'): HandlerHarness {
  const store = openSqliteStore({});
  const clock = new ManualClock(start);
  const ids = new SequentialIds();
  const log = createLogger('silent');
  const remembered = new DerivedCaches(store);
  const as = <T>(principal: Principal, fn: (ctx: HandlerContext) => Promise<T>, region = 'us-east-1'): Promise<T> => store.tx((tx) => {
    const ctx: HandlerContext = {
      scope: { partition: 'aws', account: principal.account, region, requestId: 'r', principal },
      tx, clock, ids, log, settings: DEFAULT_SETTINGS,
      schedule: async () => 'unused',
      authorize: (...args) => authorizer.authorize(...args),
      remember: (collections, key, load, options) => remembered.get(collections, key, load, options),
    };
    // Second permissions (ctx.authorize) are enforced as the server does; the operation's own permission is not checked here.
    const authorizer = requestAuthorizer(ctx, { mode: 'enforce', log, protocol: 'query' });
    return fn(ctx);
  });
  return { store, clock, ids, as, root: (fn) => as(ROOT, fn), close: () => store.close() };
}
