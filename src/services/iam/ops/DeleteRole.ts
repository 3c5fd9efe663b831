import type { DeleteRoleRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { ROLES, getRoleOrThrow, roleKey } from '../domain/roles.js';
import { iamScope } from '../domain/scope.js';

export async function DeleteRole(input: DeleteRoleRequest, ctx: HandlerContext): Promise<void> {
  const role = await getRoleOrThrow(ctx, input.RoleName);
  await ctx.tx.delete(ROLES, iamScope(ctx.scope), roleKey(role.RoleName));
}
