/**
 * Deleting a service-linked role is an asynchronous task, as in AWS: DeleteServiceLinkedRole
 * records it NOT_STARTED and returns its id; the engine moves it to IN_PROGRESS, then asks the
 * owning service whether the role is still in use. In use: FAILED, with the regions and resources
 * in `Reason.RoleUsageList`, and the role stays. Otherwise the role is deleted and the task
 * SUCCEEDED. Finished task records are purged after a retention time, after which the status call
 * answers NoSuchEntity, as AWS does.
 */
import type { DeletionTaskFailureReasonType } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { usageCheckerFor } from '../public.js';
import { iamScope } from './scope.js';
import type { RoleRecord } from './roles.js';

export const DELETION_TASKS = 'iam.slrDeletionTasks';
/** Role key → id of its unfinished deletion task: a second request returns the same task. */
export const PENDING_DELETIONS = 'iam.slrPendingDeletions';
export const DELETION_TASK_KIND = 'iam.serviceLinkedRoleDeletion';

export type DeletionStatus = 'NOT_STARTED' | 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';

export interface DeletionTaskRecord {
  DeletionTaskId: string;
  RoleName: string;
  ServicePrincipal: string;
  Status: DeletionStatus;
  Reason?: DeletionTaskFailureReasonType;
}

/** What the engine keeps for the task between its steps. */
export interface DeletionTaskState {
  partition: string;
  account: string;
  deletionTaskId: string;
  next: 'start' | 'finish' | 'purge';
}

export function deletionTaskId(servicePrincipal: string, roleName: string, uuid: string): string {
  return `task/aws-service-role/${servicePrincipal}/${roleName}/${uuid}`;
}

export const DELETION_TASK_ID_PATTERN = /^task\/aws-service-role\/[^/]+\/[^/]+\/[0-9a-f-]{36}$/;

export async function startDeletion(ctx: HandlerContext, role: RoleRecord, servicePrincipal: string): Promise<string> {
  const scope = iamScope(ctx.scope);
  const roleKey = role.RoleName.toLowerCase();
  const pending = await ctx.tx.get<string>(PENDING_DELETIONS, scope, roleKey);
  if (pending) return pending;
  const id = deletionTaskId(servicePrincipal, role.RoleName, ctx.ids.uuid());
  await ctx.tx.put<DeletionTaskRecord>(DELETION_TASKS, scope, id, { DeletionTaskId: id, RoleName: role.RoleName, ServicePrincipal: servicePrincipal, Status: 'NOT_STARTED' });
  await ctx.tx.put(PENDING_DELETIONS, scope, roleKey, id);
  const state: DeletionTaskState = { partition: ctx.scope.partition, account: ctx.scope.account, deletionTaskId: id, next: 'start' };
  await ctx.schedule(DELETION_TASK_KIND, ctx.clock.now().getTime() + ctx.settings.slrDeletion.startDelayMs, state);
  return id;
}

/** Asks the owning service, in every region, which of its resources still use the role. */
export async function roleUsage(ctx: HandlerContext, task: DeletionTaskRecord) {
  const checker = usageCheckerFor(task.ServicePrincipal);
  return checker ? checker({ tx: ctx.tx, partition: ctx.scope.partition, account: ctx.scope.account, roleName: task.RoleName }) : [];
}
