import { AwsError } from '../../../kernel/errors.js';
import type { DeleteRoleRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { releaseEntityPolicies } from '../domain/attachments.js';
import { ROLES, assertModifiable, getRoleOrThrow, roleKey } from '../domain/roles.js';
import { iamScope } from '../domain/scope.js';

export async function DeleteRole(input: DeleteRoleRequest, ctx: HandlerContext): Promise<void> {
  const role = await getRoleOrThrow(ctx, input.RoleName);
  assertModifiable(role);
  if (role.InstanceProfileNames.length > 0) throw new AwsError('DeleteConflict', 'Cannot delete entity, must remove roles from instance profile first.');
  if (role.AttachedPolicyArns.length > 0) throw new AwsError('DeleteConflict', 'Cannot delete entity, must detach all policies first.');
  if (Object.keys(role.InlinePolicies).length > 0) throw new AwsError('DeleteConflict', 'Cannot delete entity, must delete policies first.');
  await releaseEntityPolicies(ctx, 'Role', role.RoleName, role);
  await ctx.tx.delete(ROLES, iamScope(ctx.scope), roleKey(role.RoleName));
}
