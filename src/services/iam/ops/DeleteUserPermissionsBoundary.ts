import type { DeleteUserPermissionsBoundaryRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { deletePermissionsBoundary } from '../domain/attachments.js';

export async function DeleteUserPermissionsBoundary(input: DeleteUserPermissionsBoundaryRequest, ctx: HandlerContext): Promise<void> {
  await deletePermissionsBoundary(ctx, 'User', input.UserName);
}
