import type { DetachUserPolicyRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { detachPolicy } from '../domain/attachments.js';

export async function DetachUserPolicy(input: DetachUserPolicyRequest, ctx: HandlerContext): Promise<void> {
  await detachPolicy(ctx, 'User', input.UserName, input.PolicyArn, { asCustomer: true });
}
