import type { ListRolePoliciesRequest, ListRolePoliciesResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { getRoleOrThrow } from '../domain/roles.js';
import { listInlinePolicyNames } from '../domain/inline-policies.js';

export async function ListRolePolicies(input: ListRolePoliciesRequest, ctx: HandlerContext): Promise<ListRolePoliciesResponse> {
  const role = await getRoleOrThrow(ctx, input.RoleName);
  const page = listInlinePolicyNames(role.InlinePolicies, input);
  return { PolicyNames: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
}
