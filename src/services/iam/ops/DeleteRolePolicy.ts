import type { DeleteRolePolicyRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { assertModifiable, getRoleOrThrow, saveRole } from '../domain/roles.js';
import { deleteInlinePolicy } from '../domain/inline-policies.js';

export async function DeleteRolePolicy(input: DeleteRolePolicyRequest, ctx: HandlerContext): Promise<void> {
  const role = await getRoleOrThrow(ctx, input.RoleName);
  assertModifiable(role);
  deleteInlinePolicy('role', role.InlinePolicies, input.PolicyName);
  await saveRole(ctx, role);
}
