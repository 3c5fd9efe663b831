import type { UpdateRoleRequest, UpdateRoleResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { assertModifiable, getRoleOrThrow, saveRole } from '../domain/roles.js';

export async function UpdateRole(input: UpdateRoleRequest, ctx: HandlerContext): Promise<UpdateRoleResponse> {
  const role = await getRoleOrThrow(ctx, input.RoleName);
  if (input.Description !== undefined) role.Description = input.Description;
  if (input.MaxSessionDuration !== undefined) {
    // Only the description of a service-linked role may change.
    assertModifiable(role);
    role.MaxSessionDuration = input.MaxSessionDuration;
  }
  await saveRole(ctx, role);
  return {};
}
