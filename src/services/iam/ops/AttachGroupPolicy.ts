import type { AttachGroupPolicyRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { attachPolicy } from '../domain/attachments.js';

export async function AttachGroupPolicy(input: AttachGroupPolicyRequest, ctx: HandlerContext): Promise<void> {
  await attachPolicy(ctx, 'Group', input.GroupName, input.PolicyArn, { asCustomer: true });
}
