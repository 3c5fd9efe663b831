/** Image Builder's background work: the steps of an image build (domain/builds.ts), the timeouts of waiting workflow steps, pipeline schedules (domain/scheduled-runs.ts) and lifecycle policies (lifecycle-tasks.ts). */
import type { StepContext, Task, TaskEngine } from '../../engine/tasks.js';
import type { Partition } from '../../kernel/arn.js';
import { authorizeNothing, rememberNothing, type HandlerContext, type ServiceSettings } from '../types.js';
import { BUILD_TASK_KIND, advanceBuild, type BuildTaskState } from './domain/builds.js';
import { inProgress } from './domain/images.js';
import { SCHEDULE_TASK_KIND, type ScheduleTaskState } from './domain/pipeline-schedules.js';
import { runSchedule } from './domain/scheduled-runs.js';
import { IMAGES, type ImageRecord } from './domain/records.js';
import { ibScope } from './domain/scope.js';
import { timeOutWaitingStep } from './domain/workflow-step-responses.js';
import { WAIT_TIMEOUT_TASK_KIND, type WaitTimeoutState } from './domain/workflow-waits.js';
import { registerLifecycleTasks } from './lifecycle-tasks.js';

/** A handler context for work Image Builder does on its own, in the account and region the task belongs to. */
export function serviceContext(step: StepContext, state: Pick<BuildTaskState, 'partition' | 'account' | 'region'>, taskId: string, settings: ServiceSettings): HandlerContext {
  const { partition, account, region } = state;
  return {
    scope: {
      partition: partition as Partition, account, region, requestId: taskId,
      principal: { type: 'root', arn: `arn:${partition}:iam::${account}:root`, userId: account, account, accessKeyId: '' },
    },
    tx: step.tx, clock: step.clock, ids: step.ids, log: step.log, settings, schedule: step.schedule, authorize: authorizeNothing, remember: rememberNothing,
  };
}

export function registerImageBuilderTasks(engine: TaskEngine, settings: ServiceSettings): void {
  engine.register<BuildTaskState>(BUILD_TASK_KIND, async (job: Task<BuildTaskState>, step) => {
    const state = job.state;
    const ctx = serviceContext(step, state, job.id, settings);
    const now = step.clock.now().getTime();
    // Each status lasts its configured time from when it was due, however late the tick ran; a
    // tick that comes late (after a restart, say) catches up through every status already over.
    let due = job.dueAt;
    for (;;) {
      const image = await step.tx.get<ImageRecord>(IMAGES, ibScope(ctx.scope), state.imageKey);
      // Cancelled, deleted or otherwise finished while it waited: nothing more to do.
      if (!image || !inProgress(image)) return;
      const next = await advanceBuild(ctx, image, state, due, settings.imageBuild);
      if (next === undefined) return;
      if (next > now) return { again: { dueAt: next, state } };
      due = next;
    }
  });
  engine.register<WaitTimeoutState>(WAIT_TIMEOUT_TASK_KIND, async (job: Task<WaitTimeoutState>, step) => {
    await timeOutWaitingStep(serviceContext(step, job.state, job.id, settings), job.state.stepExecutionId);
  });
  engine.register<ScheduleTaskState>(SCHEDULE_TASK_KIND, (job, step) => runSchedule(serviceContext(step, job.state, job.id, settings), job));
  registerLifecycleTasks(engine, settings);
}
