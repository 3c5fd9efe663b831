import type { DetachRolePolicyRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { detachPolicy } from '../domain/attachments.js';

export async function DetachRolePolicy(input: DetachRolePolicyRequest, ctx: HandlerContext): Promise<void> {
  await detachPolicy(ctx, 'Role', input.RoleName, input.PolicyArn, { asCustomer: true });
}
