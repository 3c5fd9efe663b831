import { AwsError } from '../../../kernel/errors.js';
import type { GetServiceLinkedRoleDeletionStatusRequest, GetServiceLinkedRoleDeletionStatusResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { iamScope } from '../domain/scope.js';
import { DELETION_TASKS, DELETION_TASK_ID_PATTERN, type DeletionTaskRecord } from '../domain/slr-deletion.js';

export async function GetServiceLinkedRoleDeletionStatus(input: GetServiceLinkedRoleDeletionStatusRequest, ctx: HandlerContext): Promise<GetServiceLinkedRoleDeletionStatusResponse> {
  if (!DELETION_TASK_ID_PATTERN.test(input.DeletionTaskId)) {
    // The model lists InvalidInput for a malformed id; its text is not documented.
    throw new AwsError('InvalidInput', `Invalid deletion task id: ${input.DeletionTaskId}`);
  }
  const task = await ctx.tx.get<DeletionTaskRecord>(DELETION_TASKS, iamScope(ctx.scope), input.DeletionTaskId);
  // Unknown and purged tasks alike answer NoSuchEntity, as AWS does once it has forgotten a task.
  if (!task) throw new AwsError('NoSuchEntity', `Deletion task ${input.DeletionTaskId} cannot be found.`);
  return { Status: task.Status, Reason: task.Status === 'FAILED' ? task.Reason : undefined };
}
