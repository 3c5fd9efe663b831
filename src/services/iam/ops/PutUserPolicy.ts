import type { PutUserPolicyRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { USERS, getUserOrThrow, saveRecord } from '../domain/entities.js';
import { putInlinePolicy } from '../domain/inline-policies.js';

/** Adds or replaces an inline policy of a user (aggregate quota: 2,048 non-whitespace characters). */
export async function PutUserPolicy(input: PutUserPolicyRequest, ctx: HandlerContext): Promise<void> {
  const user = await getUserOrThrow(ctx, input.UserName);
  putInlinePolicy('user', user.UserName, user.InlinePolicies, input.PolicyName, input.PolicyDocument);
  await saveRecord(ctx, USERS, user.UserName, user);
}
