import { AwsError } from '../../../kernel/errors.js';
import type { DeleteServiceLinkedRoleRequest, DeleteServiceLinkedRoleResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { getRoleOrThrow } from '../domain/roles.js';
import { servicePrincipalOfPath } from '../domain/slr-catalogue.js';
import { startDeletion } from '../domain/slr-deletion.js';

/** Starts the asynchronous deletion task; a second call while it is unfinished returns the same task. */
export async function DeleteServiceLinkedRole(input: DeleteServiceLinkedRoleRequest, ctx: HandlerContext): Promise<DeleteServiceLinkedRoleResponse> {
  const role = await getRoleOrThrow(ctx, input.RoleName);
  const servicePrincipal = servicePrincipalOfPath(role.Path);
  if (!servicePrincipal) {
    // AWS's answer for an ordinary role is not documented; Kiln refuses rather than deleting it.
    throw new AwsError('InvalidInput', `Role ${role.RoleName} is not a service-linked role. Use DeleteRole to delete it.`);
  }
  return { DeletionTaskId: await startDeletion(ctx, role, servicePrincipal) };
}
