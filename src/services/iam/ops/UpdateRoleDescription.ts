import type { UpdateRoleDescriptionRequest, UpdateRoleDescriptionResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { getRoleOrThrow, saveRole, toRole } from '../domain/roles.js';

export async function UpdateRoleDescription(input: UpdateRoleDescriptionRequest, ctx: HandlerContext): Promise<UpdateRoleDescriptionResponse> {
  const role = await getRoleOrThrow(ctx, input.RoleName);
  role.Description = input.Description;
  await saveRole(ctx, role);
  return { Role: toRole(role) };
}
