import type { ListAttachedRolePoliciesRequest, ListAttachedRolePoliciesResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { listAttachedPolicies } from '../domain/attachments.js';

export async function ListAttachedRolePolicies(input: ListAttachedRolePoliciesRequest, ctx: HandlerContext): Promise<ListAttachedRolePoliciesResponse> {
  return listAttachedPolicies(ctx, 'Role', input.RoleName, input);
}
