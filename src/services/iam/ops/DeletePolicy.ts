import { AwsError } from '../../../kernel/errors.js';
import type { DeletePolicyRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { attachmentCount, boundaryUsageCount } from '../domain/attachments.js';
import { POLICIES, nameKey } from '../domain/entities.js';
import { getCustomerPolicyForChange } from '../domain/policies.js';
import { iamScope } from '../domain/scope.js';

export async function DeletePolicy(input: DeletePolicyRequest, ctx: HandlerContext): Promise<void> {
  const record = await getCustomerPolicyForChange(ctx, input.PolicyArn, 'DeletePolicy');
  // A boundary in use blocks the delete like an attachment; AWS's text for that case was not
  // found, so it gives the attachment message (INFERRED).
  if ((await attachmentCount(ctx, record.Arn)) > 0 || (await boundaryUsageCount(ctx, record.Arn)) > 0) {
    throw new AwsError('DeleteConflict', 'Cannot delete a policy attached to entities.');
  }
  if (record.Versions.length > 1) {
    throw new AwsError('DeleteConflict', "This policy has more than one version. Before you delete a policy, you must delete the policy's non-default versions.");
  }
  await ctx.tx.delete(POLICIES, iamScope(ctx.scope), nameKey(record.PolicyName));
}
