import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../kernel/clock.js';
import { SequentialIds } from '../kernel/ids.js';
import { createLogger } from '../kernel/log.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { TaskEngine } from './tasks.js';

function setup() {
  const clock = new ManualClock('2026-01-01T00:00:00Z');
  const store = openSqliteStore();
  const engine = new TaskEngine({ store, clock, ids: new SequentialIds(), log: createLogger('silent') });
  return { clock, store, engine };
}

describe('task engine', () => {
  it('runs a task only once it is due by the clock, and its follow-up steps in order', async () => {
    const { clock, store, engine } = setup();
    const seen: string[] = [];
    engine.register<{ n: number }>('count', async (task) => {
      seen.push(`${task.state.n}@${clock.now().toISOString()}`);
      return task.state.n < 3 ? { again: { dueAt: clock.now().getTime() + 1000, state: { n: task.state.n + 1 } } } : undefined;
    });
    await store.tx((tx) => engine.schedule(tx, 'count', clock.now().getTime() + 500, { n: 1 }));
    await engine.runUntilIdle();
    assert.deepEqual(seen, []);
    clock.advance(0.5);
    await engine.runUntilIdle();
    assert.deepEqual(seen, ['1@2026-01-01T00:00:00.500Z']);
    clock.advance(10);
    await engine.runUntilIdle();
    assert.deepEqual(seen, ['1@2026-01-01T00:00:00.500Z', '2@2026-01-01T00:00:10.500Z']);
    clock.advance(1);
    await engine.runUntilIdle();
    assert.equal(seen.length, 3);
    clock.advance(100);
    assert.equal(await engine.tick(), 0);
  });

  it('runs due tasks in due order and schedules nothing when the caller rolls back', async () => {
    const { clock, store, engine } = setup();
    const seen: string[] = [];
    engine.register<string>('say', async (task) => void seen.push(task.state));
    await store.tx(async (tx) => {
      await engine.schedule(tx, 'say', 2000, 'second');
      await engine.schedule(tx, 'say', 1000, 'first');
    });
    await assert.rejects(store.tx(async (tx) => {
      await engine.schedule(tx, 'say', 0, 'never');
      throw new Error('rolled back');
    }));
    clock.set('2030-01-01T00:00:00Z');
    await engine.runUntilIdle();
    assert.deepEqual(seen, ['first', 'second']);
  });

  it('retries a failing step later instead of at every tick, keeping its state', async () => {
    const { clock, store, engine } = setup();
    let attempts = 0;
    engine.register('flaky', async () => {
      attempts++;
      if (attempts === 1) throw new Error('transient');
    });
    await store.tx((tx) => engine.schedule(tx, 'flaky', clock.now().getTime(), null));
    await engine.runUntilIdle();
    assert.equal(attempts, 1);
    await engine.runUntilIdle();
    assert.equal(attempts, 1);
    clock.advance(10);
    await engine.runUntilIdle();
    assert.equal(attempts, 2);
  });

  it('never runs one task twice when ticks overlap', async () => {
    const { clock, store, engine } = setup();
    let runs = 0;
    engine.register('once', async () => {
      runs++;
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
    await store.tx((tx) => engine.schedule(tx, 'once', clock.now().getTime(), null));
    await Promise.all([engine.tick(), engine.tick(), engine.tick()]);
    assert.equal(runs, 1);
  });

  it('wake() runs work that was scheduled due at once on the next turn of the event loop, unasked', { timeout: 5000 }, async () => {
    const { clock, store, engine } = setup();
    const ran = new Promise<string>((resolve) => engine.register<string>('now', async (task) => resolve(task.state)));
    await store.tx((tx) => engine.schedule(tx, 'now', clock.now().getTime(), 'done'));
    engine.wake();
    assert.equal(await ran, 'done');
  });

  it('wake() leaves work that is due later to the ticks', async () => {
    const { clock, store, engine } = setup();
    const seen: string[] = [];
    engine.register<string>('later', async (task) => void seen.push(task.state));
    await store.tx((tx) => engine.schedule(tx, 'later', clock.now().getTime() + 1000, 'later'));
    engine.wake();
    clock.advance(2);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(seen, []);
    await engine.runUntilIdle();
    assert.deepEqual(seen, ['later']);
  });

  it('after stop(), ticks run nothing', async () => {
    const { clock, store, engine } = setup();
    let runs = 0;
    engine.register('any', async () => void runs++);
    await store.tx((tx) => engine.schedule(tx, 'any', clock.now().getTime(), null));
    engine.stop();
    assert.equal(await engine.tick(), 0);
    assert.equal(runs, 0);
  });
});
