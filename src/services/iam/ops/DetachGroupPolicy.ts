import type { DetachGroupPolicyRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { detachPolicy } from '../domain/attachments.js';

export async function DetachGroupPolicy(input: DetachGroupPolicyRequest, ctx: HandlerContext): Promise<void> {
  await detachPolicy(ctx, 'Group', input.GroupName, input.PolicyArn, { asCustomer: true });
}
