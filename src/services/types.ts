/** What every operation handler gets, and the shape of a service's handler map. */
import type { Clock } from '../kernel/clock.js';
import type { IdGenerator } from '../kernel/ids.js';
import type { Logger } from '../kernel/log.js';
import type { Scope } from '../kernel/scope.js';
import type { Tx } from '../store/types.js';

export interface HandlerContext {
  scope: Scope;
  /** The request's transaction: everything a handler reads and writes commits or rolls back together. */
  tx: Tx;
  clock: Clock;
  ids: IdGenerator;
  log: Logger;
}

export type Handler<I, O> = (input: I, ctx: HandlerContext) => Promise<O>;

/** Marks an operation Kiln routes and validates but does not implement yet (501 NotImplemented). */
export const notImplemented = Symbol('notImplemented');
export type NotImplemented = typeof notImplemented;

export type HandlerMap<Ops extends { [K in keyof Ops]: { input: unknown; output: unknown } }> = {
  [K in keyof Ops]: Handler<Ops[K]['input'], Ops[K]['output']> | NotImplemented;
};

/** Counts the implemented operations of a handler map, for `kiln coverage` and /_kiln/health. */
export function coverage(handlers: Record<string, unknown>): { implemented: number; total: number } {
  const values = Object.values(handlers);
  return { implemented: values.filter((h) => h !== notImplemented).length, total: values.length };
}
