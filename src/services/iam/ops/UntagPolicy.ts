import type { UntagPolicyRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { getCustomerPolicyForChange, removePolicyTags, savePolicy } from '../domain/policies.js';

export async function UntagPolicy(input: UntagPolicyRequest, ctx: HandlerContext): Promise<void> {
  const record = await getCustomerPolicyForChange(ctx, input.PolicyArn, 'UntagPolicy');
  const tags = removePolicyTags(record.Tags, input.TagKeys);
  if (tags.length === record.Tags.length) return;
  record.Tags = tags;
  await savePolicy(ctx, record);
}
