/** What every operation handler gets, and the shape of a service's handler map. */
import type { Clock } from '../kernel/clock.js';
import type { IdGenerator } from '../kernel/ids.js';
import type { Logger } from '../kernel/log.js';
import type { Scope } from '../kernel/scope.js';
import type { ConditionValues, PolicySource } from '../policy/types.js';
import type { RememberOptions } from '../store/derived-cache.js';
import type { Tx } from '../store/types.js';

/** Timings of Kiln's background work, from the server's configuration. */
export interface ServiceSettings {
  /** Service-linked role deletion: NOT_STARTED for this long, then IN_PROGRESS for `runMs`, then done; finished task records are purged after `retentionMs`. */
  slrDeletion: { startDelayMs: number; runMs: number; retentionMs: number };
  /** Image builds: how long an image stays in each in-progress status (any may be 0). */
  imageBuild: { pendingMs: number; buildingMs: number; testingMs: number; distributingMs: number; integratingMs: number };
  /** Lifecycle executions: how long each resource's action takes (0 finishes a run at its first step). */
  lifecycle: { actionMs: number };
}

export const DEFAULT_SETTINGS: ServiceSettings = {
  slrDeletion: { startDelayMs: 500, runMs: 1000, retentionMs: 10 * 60 * 1000 },
  // About ten seconds for a whole build, so waiters (Terraform's, say) finish quickly.
  imageBuild: { pendingMs: 1000, buildingMs: 4000, testingMs: 2000, distributingMs: 2000, integratingMs: 1000 },
  lifecycle: { actionMs: 1000 },
};

export interface HandlerContext {
  scope: Scope;
  /** The request's transaction: everything a handler reads and writes commits or rolls back together. */
  tx: Tx;
  clock: Clock;
  ids: IdGenerator;
  log: Logger;
  settings: ServiceSettings;
  /** Schedules background work (a task of the engine) in this request's transaction. */
  schedule<S>(kind: string, dueAt: number, state: S): Promise<string>;
  /**
   * A second permission the operation needs besides its own action, checked where AWS checks it
   * (e.g. `iam:PassRole` on the role an API passes, `iam:CreateServiceLinkedRole` before a
   * service creates its role for the caller). Evaluates the caller's policies with the request's
   * condition keys plus `values`; in `--iam-enforcement enforce` a denial throws the protocol's
   * AccessDenied (which rolls the request back), in `log` it is only logged, in `off` and for an
   * account root it is not evaluated.
   */
  authorize(action: string, resource: string, values?: ConditionValues, options?: AuthorizeOptions): Promise<void>;
  /**
   * A value derived from records of `collections`, shared between requests until a committed
   * transaction writes one of them (src/store/derived-cache.ts); `key` must name everything else
   * the value depends on (account, region, the request's input). For reads that run before the
   * handler writes anything: inside a transaction that has written, the value may predate its
   * writes. Values are deep-frozen; an error from `load` is thrown and nothing is kept.
   */
  remember<V>(collections: readonly string[], key: string, load: () => Promise<V>, options?: RememberOptions): Promise<V>;
}

export interface AuthorizeOptions {
  /**
   * Resource-based policies of the resource, evaluated with the caller's own (a role's trust
   * policy for `sts:AssumeRole`). When given, an account root is evaluated too: a trust policy
   * binds the root of the role's account as well. Only the engine's decision is applied: rules
   * stricter than it (a trust policy must itself allow) are the caller's to add.
   */
  resourcePolicies?: PolicySource[];
  /** The account that owns the resource, when it is not the fifth field of `resource`. */
  resourceAccount?: string;
}

/** `authorize` for contexts of Kiln's own background work, which acts as the service itself. */
export const authorizeNothing: HandlerContext['authorize'] = async () => {};

/** `remember` that keeps nothing: background work reads what it needs afresh. */
export const rememberNothing: HandlerContext['remember'] = (_collections, _key, load) => load();

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
