import type { DeleteGroupPolicyRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { GROUPS, getGroupOrThrow, saveRecord } from '../domain/entities.js';
import { deleteInlinePolicy } from '../domain/inline-policies.js';

export async function DeleteGroupPolicy(input: DeleteGroupPolicyRequest, ctx: HandlerContext): Promise<void> {
  const group = await getGroupOrThrow(ctx, input.GroupName);
  deleteInlinePolicy('group', group.InlinePolicies, input.PolicyName);
  await saveRecord(ctx, GROUPS, group.GroupName, group);
}
