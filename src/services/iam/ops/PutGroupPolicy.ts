import type { PutGroupPolicyRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { GROUPS, getGroupOrThrow, saveRecord } from '../domain/entities.js';
import { putInlinePolicy } from '../domain/inline-policies.js';

/** Adds or replaces an inline policy of a group (aggregate quota: 5,120 non-whitespace characters). */
export async function PutGroupPolicy(input: PutGroupPolicyRequest, ctx: HandlerContext): Promise<void> {
  const group = await getGroupOrThrow(ctx, input.GroupName);
  putInlinePolicy('group', group.GroupName, group.InlinePolicies, input.PolicyName, input.PolicyDocument);
  await saveRecord(ctx, GROUPS, group.GroupName, group);
}
