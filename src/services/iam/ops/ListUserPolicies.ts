import type { ListUserPoliciesRequest, ListUserPoliciesResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { getUserOrThrow } from '../domain/entities.js';
import { listInlinePolicyNames } from '../domain/inline-policies.js';

export async function ListUserPolicies(input: ListUserPoliciesRequest, ctx: HandlerContext): Promise<ListUserPoliciesResponse> {
  const user = await getUserOrThrow(ctx, input.UserName);
  const page = listInlinePolicyNames(user.InlinePolicies, input);
  return { PolicyNames: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
}
