import type { ListAttachedGroupPoliciesRequest, ListAttachedGroupPoliciesResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { listAttachedPolicies } from '../domain/attachments.js';

export async function ListAttachedGroupPolicies(input: ListAttachedGroupPoliciesRequest, ctx: HandlerContext): Promise<ListAttachedGroupPoliciesResponse> {
  return listAttachedPolicies(ctx, 'Group', input.GroupName, input);
}
