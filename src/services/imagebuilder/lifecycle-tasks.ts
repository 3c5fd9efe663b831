/** The background work of lifecycle policies: executions advancing against the clock, and each ENABLED policy's daily run. */
import type { Task, TaskEngine } from '../../engine/tasks.js';
import type { ServiceSettings } from '../types.js';
import { EXECUTION_TASK_KIND, advanceExecution, findExecution, isTerminal, type ExecutionTaskState } from './domain/lifecycle-executions.js';
import { DAILY_RUN_TASK_KIND, dailyRun, type DailyRunState } from './domain/lifecycle-runs.js';
import { serviceContext } from './tasks.js';

export function registerLifecycleTasks(engine: TaskEngine, settings: ServiceSettings): void {
  engine.register<ExecutionTaskState>(EXECUTION_TASK_KIND, async (job: Task<ExecutionTaskState>, step) => {
    const ctx = serviceContext(step, job.state, job.id, settings);
    const now = step.clock.now().getTime();
    // A tick that comes late catches up through every step already due, as builds do.
    let due = job.dueAt;
    for (;;) {
      const record = await findExecution(ctx, job.state.lifecycleExecutionId);
      if (!record || isTerminal(record)) return;
      const next = await advanceExecution(ctx, record, due);
      if (next === undefined) return;
      if (next > now) return { again: { dueAt: next, state: job.state } };
      due = next;
    }
  });
  engine.register<DailyRunState>(DAILY_RUN_TASK_KIND, async (job: Task<DailyRunState>, step) => {
    const next = await dailyRun(serviceContext(step, job.state, job.id, settings), job.state, job.dueAt);
    return next === undefined ? undefined : { again: { dueAt: next, state: job.state } };
  });
}
