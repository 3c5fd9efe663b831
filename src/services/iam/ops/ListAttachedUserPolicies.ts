import type { ListAttachedUserPoliciesRequest, ListAttachedUserPoliciesResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { listAttachedPolicies } from '../domain/attachments.js';

export async function ListAttachedUserPolicies(input: ListAttachedUserPoliciesRequest, ctx: HandlerContext): Promise<ListAttachedUserPoliciesResponse> {
  return listAttachedPolicies(ctx, 'User', input.UserName, input);
}
