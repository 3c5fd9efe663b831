import type { AttachUserPolicyRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { attachPolicy } from '../domain/attachments.js';

export async function AttachUserPolicy(input: AttachUserPolicyRequest, ctx: HandlerContext): Promise<void> {
  await attachPolicy(ctx, 'User', input.UserName, input.PolicyArn, { asCustomer: true });
}
