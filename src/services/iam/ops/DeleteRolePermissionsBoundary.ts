import type { DeleteRolePermissionsBoundaryRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { deletePermissionsBoundary } from '../domain/attachments.js';

export async function DeleteRolePermissionsBoundary(input: DeleteRolePermissionsBoundaryRequest, ctx: HandlerContext): Promise<void> {
  await deletePermissionsBoundary(ctx, 'Role', input.RoleName);
}
