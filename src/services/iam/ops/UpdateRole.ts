import type { UpdateRoleRequest, UpdateRoleResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { getRoleOrThrow, saveRole } from '../domain/roles.js';

export async function UpdateRole(input: UpdateRoleRequest, ctx: HandlerContext): Promise<UpdateRoleResponse> {
  const role = await getRoleOrThrow(ctx, input.RoleName);
  if (input.Description !== undefined) role.Description = input.Description;
  if (input.MaxSessionDuration !== undefined) role.MaxSessionDuration = input.MaxSessionDuration;
  await saveRole(ctx, role);
  return {};
}
