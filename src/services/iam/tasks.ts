/** IAM's background work: the steps of a service-linked role's deletion task. */
import type { StepContext, Task, TaskEngine } from '../../engine/tasks.js';
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

export function registerIamTasks(engine: TaskEngine, settings: ServiceSettings): void {
  engine.register<DeletionTaskState>(DELETION_TASK_KIND, async (job: Task<DeletionTaskState>, step) => {
    const state = job.state;
    const ctx = serviceContext(step, state, settings);
    const scope = iamScope(ctx.scope);
    const task = await step.tx.get<DeletionTaskRecord>(DELETION_TASKS, scope, state.deletionTaskId);
    if (!task) return;
    // Each phase lasts its configured time from when it was due, however late the tick ran.
    const now = job.dueAt;
    switch (state.next) {
      case 'start':
        task.Status = 'IN_PROGRESS';
        await step.tx.put(DELETION_TASKS, scope, task.DeletionTaskId, task);
        return { again: { dueAt: now + settings.slrDeletion.runMs, state: { ...state, next: 'finish' } } };
      case 'finish':
        await finish(ctx, task);
        await step.tx.put(DELETION_TASKS, scope, task.DeletionTaskId, task);
        await step.tx.delete(PENDING_DELETIONS, scope, task.RoleName.toLowerCase());
        return { again: { dueAt: now + settings.slrDeletion.retentionMs, state: { ...state, next: 'purge' } } };
      case 'purge':
        await step.tx.delete(DELETION_TASKS, scope, task.DeletionTaskId);
        return;
    }
  });
}
