import type { TagRoleRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { getRoleOrThrow, saveRole } from '../domain/roles.js';
import { mergeTags } from '../domain/tags.js';

export async function TagRole(input: TagRoleRequest, ctx: HandlerContext): Promise<void> {
  const role = await getRoleOrThrow(ctx, input.RoleName);
  role.Tags = mergeTags(role.Tags, input.Tags);
  await saveRole(ctx, role);
}
