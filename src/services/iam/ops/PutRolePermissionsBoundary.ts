import type { PutRolePermissionsBoundaryRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { putPermissionsBoundary } from '../domain/attachments.js';

export async function PutRolePermissionsBoundary(input: PutRolePermissionsBoundaryRequest, ctx: HandlerContext): Promise<void> {
  await putPermissionsBoundary(ctx, 'Role', input.RoleName, input.PermissionsBoundary);
}
