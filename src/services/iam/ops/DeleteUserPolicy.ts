import type { DeleteUserPolicyRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { USERS, getUserOrThrow, saveRecord } from '../domain/entities.js';
import { deleteInlinePolicy } from '../domain/inline-policies.js';

export async function DeleteUserPolicy(input: DeleteUserPolicyRequest, ctx: HandlerContext): Promise<void> {
  const user = await getUserOrThrow(ctx, input.UserName);
  deleteInlinePolicy('user', user.InlinePolicies, input.PolicyName);
  await saveRecord(ctx, USERS, user.UserName, user);
}
