/** IAM's background work: the steps of a service-linked role's deletion task. */
import type { StepContext, StepResult, Task, TaskEngine } from '../../engine/tasks.js';
import type { Partition } from '../../kernel/arn.js';
import { authorizeNothing, rememberNothing, type HandlerContext, type ServiceSettings } from '../types.js';
import { releaseEntityPolicies } from './domain/attachments.js';
import { ROLES, findRole } from './domain/roles.js';
import { iamScope } from './domain/scope.js';
import { DELETION_TASKS, DELETION_TASK_KIND, PENDING_DELETIONS, roleUsage, type DeletionTaskRecord, type DeletionTaskState } from './domain/slr-deletion.js';

/** A handler context for work that IAM does on its own, in the account the task belongs to. */
function serviceContext(step: StepContext, state: DeletionTaskState, settings: ServiceSettings): HandlerContext {
  const account = state.account;
  return {
    scope: {
      partition: state.partition as Partition, account, region: 'us-east-1', requestId: state.deletionTaskId,
      principal: { type: 'root', arn: `arn:${state.partition}:iam::${account}:root`, userId: account, account, accessKeyId: '' },
    },
    tx: step.tx, clock: step.clock, ids: step.ids, log: step.log, settings, schedule: step.schedule, authorize: authorizeNothing, remember: rememberNothing,
  };
}

async function finish(ctx: HandlerContext, task: DeletionTaskRecord): Promise<void> {
  const usage = await roleUsage(ctx, task);
  if (usage.length > 0) {
    task.Status = 'FAILED';
    // AWS's reason text for Image Builder is not documented; the usage list is what matters.
    task.Reason = { Reason: `The service-linked role ${task.RoleName} is in use by ${task.ServicePrincipal} resources.`, RoleUsageList: usage };
    return;
  }
  const role = await findRole(ctx, task.RoleName);
  if (role) {
    await releaseEntityPolicies(ctx, 'Role', role.RoleName, role);
    await ctx.tx.delete(ROLES, iamScope(ctx.scope), role.RoleName.toLowerCase());
  }
  task.Status = 'SUCCEEDED';
}

/** Ends the run (SUCCEEDED or FAILED) at `finishedAt`; the task's record is purged after the retention time. */
async function finishDeletion(ctx: HandlerContext, task: DeletionTaskRecord, finishedAt: number, state: DeletionTaskState): Promise<StepResult<DeletionTaskState>> {
  const scope = iamScope(ctx.scope);
  await finish(ctx, task);
  await ctx.tx.put(DELETION_TASKS, scope, task.DeletionTaskId, task);
  await ctx.tx.delete(PENDING_DELETIONS, scope, task.RoleName.toLowerCase());
  return { again: { dueAt: finishedAt + ctx.settings.slrDeletion.retentionMs, state: { ...state, next: 'purge' } } };
}

export function registerIamTasks(engine: TaskEngine, settings: ServiceSettings): void {
  engine.register<DeletionTaskState>(DELETION_TASK_KIND, async (job: Task<DeletionTaskState>, step) => {
    const state = job.state;
    const ctx = serviceContext(step, state, settings);
    const scope = iamScope(ctx.scope);
    const task = await step.tx.get<DeletionTaskRecord>(DELETION_TASKS, scope, state.deletionTaskId);
    if (!task) return;
    // Each phase lasts its configured time from when it was due, however late the tick ran; a
    // tick that comes after the run is over (or a run of 0 ms) starts and finishes in one step.
    const due = job.dueAt;
    switch (state.next) {
      case 'start': {
        task.Status = 'IN_PROGRESS';
        const finishAt = due + settings.slrDeletion.runMs;
        if (finishAt > step.clock.now().getTime()) {
          await step.tx.put(DELETION_TASKS, scope, task.DeletionTaskId, task);
          return { again: { dueAt: finishAt, state: { ...state, next: 'finish' } } };
        }
        return finishDeletion(ctx, task, finishAt, state);
      }
      case 'finish':
        return finishDeletion(ctx, task, due, state);
      case 'purge':
        await step.tx.delete(DELETION_TASKS, scope, task.DeletionTaskId);
        return;
    }
  });
}
