import type { GetUserPolicyRequest, GetUserPolicyResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { getUserOrThrow } from '../domain/entities.js';
import { getInlinePolicy } from '../domain/inline-policies.js';

export async function GetUserPolicy(input: GetUserPolicyRequest, ctx: HandlerContext): Promise<GetUserPolicyResponse> {
  const user = await getUserOrThrow(ctx, input.UserName);
  const policy = getInlinePolicy('user', user.InlinePolicies, input.PolicyName);
  return { UserName: user.UserName, PolicyName: policy.PolicyName, PolicyDocument: policy.PolicyDocument };
}
