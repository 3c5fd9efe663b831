import type { UntagRoleRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { getRoleOrThrow, saveRole } from '../domain/roles.js';
import { removeTags } from '../domain/tags.js';

export async function UntagRole(input: UntagRoleRequest, ctx: HandlerContext): Promise<void> {
  const role = await getRoleOrThrow(ctx, input.RoleName);
  role.Tags = removeTags(role.Tags, input.TagKeys);
  await saveRole(ctx, role);
}
