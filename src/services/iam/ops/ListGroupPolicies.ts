import type { ListGroupPoliciesRequest, ListGroupPoliciesResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { getGroupOrThrow } from '../domain/entities.js';
import { listInlinePolicyNames } from '../domain/inline-policies.js';

export async function ListGroupPolicies(input: ListGroupPoliciesRequest, ctx: HandlerContext): Promise<ListGroupPoliciesResponse> {
  const group = await getGroupOrThrow(ctx, input.GroupName);
  const page = listInlinePolicyNames(group.InlinePolicies, input);
  return { PolicyNames: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
}
