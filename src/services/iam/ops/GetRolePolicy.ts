import type { GetRolePolicyRequest, GetRolePolicyResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { getRoleOrThrow } from '../domain/roles.js';
import { getInlinePolicy } from '../domain/inline-policies.js';

export async function GetRolePolicy(input: GetRolePolicyRequest, ctx: HandlerContext): Promise<GetRolePolicyResponse> {
  const role = await getRoleOrThrow(ctx, input.RoleName);
  const policy = getInlinePolicy('role', role.InlinePolicies, input.PolicyName);
  return { RoleName: role.RoleName, PolicyName: policy.PolicyName, PolicyDocument: policy.PolicyDocument };
}
