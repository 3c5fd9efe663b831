import type { GetRoleRequest, GetRoleResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { getRoleOrThrow, toRole } from '../domain/roles.js';

export async function GetRole(input: GetRoleRequest, ctx: HandlerContext): Promise<GetRoleResponse> {
  return { Role: toRole(await getRoleOrThrow(ctx, input.RoleName)) };
}
