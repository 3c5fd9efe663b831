import type { PutUserPermissionsBoundaryRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { putPermissionsBoundary } from '../domain/attachments.js';

export async function PutUserPermissionsBoundary(input: PutUserPermissionsBoundaryRequest, ctx: HandlerContext): Promise<void> {
  await putPermissionsBoundary(ctx, 'User', input.UserName, input.PermissionsBoundary);
}
