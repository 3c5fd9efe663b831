import type { GetGroupPolicyRequest, GetGroupPolicyResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { getGroupOrThrow } from '../domain/entities.js';
import { getInlinePolicy } from '../domain/inline-policies.js';

export async function GetGroupPolicy(input: GetGroupPolicyRequest, ctx: HandlerContext): Promise<GetGroupPolicyResponse> {
  const group = await getGroupOrThrow(ctx, input.GroupName);
  const policy = getInlinePolicy('group', group.InlinePolicies, input.PolicyName);
  return { GroupName: group.GroupName, PolicyName: policy.PolicyName, PolicyDocument: policy.PolicyDocument };
}
