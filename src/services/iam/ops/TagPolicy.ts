import type { TagPolicyRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { getCustomerPolicyForChange, mergePolicyTags, savePolicy } from '../domain/policies.js';

export async function TagPolicy(input: TagPolicyRequest, ctx: HandlerContext): Promise<void> {
  const record = await getCustomerPolicyForChange(ctx, input.PolicyArn, 'TagPolicy');
  record.Tags = mergePolicyTags(record.Tags, input.Tags);
  await savePolicy(ctx, record);
}
