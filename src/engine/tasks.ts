/**
 * Durable background work driven by the Clock. A task is a store record (kind, due time, state);
 * a registered step function advances it and may schedule it again. Nothing here sleeps: the
 * server ticks the engine on a short interval and wakes it after answering a request that
 * scheduled work due at once, `POST /_kiln/clock` ticks it after moving time, and tests call
 * `runUntilIdle()` after moving a ManualClock. Because tasks live in the store, a restart resumes
 * them where they stopped.
 */
import type { Clock } from '../kernel/clock.js';
import type { IdGenerator } from '../kernel/ids.js';
import type { Logger } from '../kernel/log.js';
import type { Store, Tx } from '../store/types.js';

const TASKS = 'engine.tasks';
const SCOPE = 'global';
const RETRY_DELAY_MS = 10_000;
/** How many due tasks one look at the queue takes. */
const DUE_BATCH = 64;

export interface Task<S = unknown> {
  id: string;
  kind: string;
  /** When the task is due, in epoch milliseconds. */
  dueAt: number;
  state: S;
}

export interface StepContext {
  tx: Tx;
  clock: Clock;
  ids: IdGenerator;
  log: Logger;
  /** Schedules another task in the same transaction. */
  schedule<S>(kind: string, dueAt: number, state: S): Promise<string>;
}

/** What a step decides: run again later with new state, or nothing more (the task is done). */
export type StepResult<S> = { again: { dueAt: number; state: S } } | void;
export type Step<S> = (task: Task<S>, ctx: StepContext) => Promise<StepResult<S>>;

/** Keys sort by due time, then id: the due tasks are always a prefix of the collection. */
function taskKey(dueAt: number, id: string): string {
  return `${dueTimeKey(dueAt)}/${id}`;
}

function dueTimeKey(dueAt: number): string {
  return String(Math.max(0, Math.floor(dueAt))).padStart(15, '0');
}

/**
 * Removes a task that has not run yet, in the caller's transaction (a pipeline's schedule task when
 * the pipeline changes). `dueAt` and `id` are what `schedule` was given and returned. False when
 * the task is not there (it ran, or was removed, meanwhile).
 */
export function cancelTask(tx: Tx, dueAt: number, id: string): Promise<boolean> {
  return tx.delete(TASKS, SCOPE, taskKey(dueAt, id));
}

export class TaskEngine {
  private readonly steps = new Map<string, Step<any>>();
  private running: Promise<number> | undefined;
  /** A task due at once was scheduled since the last wake() (see wake). */
  private dueNow = false;
  private stopped = false;

  constructor(private readonly deps: { store: Store; clock: Clock; ids: IdGenerator; log: Logger }) {}

  register<S>(kind: string, step: Step<S>): void {
    this.steps.set(kind, step as Step<any>);
  }

  /** Adds a task inside a caller's transaction, so it exists exactly when the caller's change commits. */
  async schedule<S>(tx: Tx, kind: string, dueAt: number, state: S): Promise<string> {
    const id = this.deps.ids.uuid();
    await tx.put<Task<S>>(TASKS, SCOPE, taskKey(dueAt, id), { id, kind, dueAt, state });
    if (dueAt <= this.deps.clock.now().getTime()) this.dueNow = true;
    return id;
  }

  /**
   * Ticks on the next turn of the event loop if a task due at once was scheduled since the last
   * call. The server calls it after writing each response, so work that a request scheduled for
   * "now" (a service-linked role's deletion, a build, with zero delays) runs while the client reads
   * the answer rather than at the next interval tick, and a burst of requests does not pile up
   * work for one long tick that would stall the requests behind it.
   */
  wake(): void {
    if (!this.dueNow) return;
    this.dueNow = false;
    setImmediate(() => this.tickLogged());
  }

  /** tick() for timers: a failure (the store going away, say) is logged rather than left unhandled. */
  tickLogged(): void {
    this.tick().catch((error: unknown) => {
      this.deps.log.error('background tick failed', { error: error instanceof Error ? error.stack : String(error) });
    });
  }

  /** Later ticks do nothing (the store is about to close); a tick already running finishes. */
  stop(): void {
    this.stopped = true;
  }

  /** Runs every task that is due now, each step in its own transaction. Returns how many ran. */
  tick(): Promise<number> {
    if (this.stopped) return this.running ?? Promise.resolve(0);
    // One tick at a time: a timer tick and a /_kiln/clock tick must not run the same task twice.
    this.running ??= this.runDue().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Ticks until nothing is due any more (tests, after moving a ManualClock). */
  async runUntilIdle(maxRounds = 1000): Promise<void> {
    for (let round = 0; round < maxRounds; round++) {
      if ((await this.tick()) === 0) return;
    }
    throw new Error(`Tasks were still due after ${maxRounds} rounds`);
  }

  private async runDue(): Promise<number> {
    let ran = 0;
    for (;;) {
      const now = this.deps.clock.now().getTime();
      // One read finds a batch of due tasks (only those: the tasks due later, such as purges
      // hours away, are never read); each then runs in a transaction of its own, so a failing step
      // rolls back only itself.
      const due = await this.deps.store.tx(async (tx) => {
        const first = await tx.list<Task>(TASKS, SCOPE, { before: dueTimeKey(now + 1), limit: DUE_BATCH });
        return first.filter((record) => record.value.dueAt <= now);
      });
      if (due.length === 0) return ran;
      for (const task of due) {
        if (await this.runOne(task.key, task.value, now)) ran++;
      }
    }
  }

  /** Runs one due task; false when it was no longer there (done meanwhile). */
  private async runOne(key: string, task: Task, now: number): Promise<boolean> {
    try {
      return await this.deps.store.tx(async (tx) => {
        if (!(await tx.delete(TASKS, SCOPE, key))) return false;
        await this.runStep(tx, task);
        return true;
      });
    } catch (error) {
      // The step's changes were rolled back; try it again later rather than at every tick.
      this.deps.log.error('background task failed; retrying in 10 s', { kind: task.kind, id: task.id, error: error instanceof Error ? error.stack : String(error) });
      await this.deps.store.tx(async (tx) => {
        if (await tx.delete(TASKS, SCOPE, key)) await tx.put<Task>(TASKS, SCOPE, taskKey(now + RETRY_DELAY_MS, task.id), { ...task, dueAt: now + RETRY_DELAY_MS });
      });
      return true;
    }
  }

  private async runStep(tx: Tx, task: Task): Promise<void> {
    const step = this.steps.get(task.kind);
    if (!step) {
      this.deps.log.warn('no step registered for a task; dropped', { kind: task.kind, id: task.id });
      return;
    }
    const ctx: StepContext = {
      tx, clock: this.deps.clock, ids: this.deps.ids, log: this.deps.log,
      schedule: (kind, dueAt, state) => this.schedule(tx, kind, dueAt, state),
    };
    const result = await step(task, ctx);
    if (result) await tx.put<Task>(TASKS, SCOPE, taskKey(result.again.dueAt, task.id), { ...task, dueAt: result.again.dueAt, state: result.again.state });
  }
}
