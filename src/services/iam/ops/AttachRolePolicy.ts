import type { AttachRolePolicyRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { attachPolicy } from '../domain/attachments.js';

export async function AttachRolePolicy(input: AttachRolePolicyRequest, ctx: HandlerContext): Promise<void> {
  await attachPolicy(ctx, 'Role', input.RoleName, input.PolicyArn, { asCustomer: true });
}
