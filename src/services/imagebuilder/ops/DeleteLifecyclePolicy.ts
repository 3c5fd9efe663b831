import type { DeleteLifecyclePolicyRequest, DeleteLifecyclePolicyResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { LIFECYCLE_POLICIES, getLifecyclePolicy, lifecyclePolicyKey } from '../domain/lifecycle-policies.js';
import { ibScope } from '../domain/scope.js';

/**
 * Deletes a lifecycle policy; its daily runs stop. Its executions stay visible
 * (GetLifecycleExecution), and one still running finishes: AWS does not document either case.
 */
export async function DeleteLifecyclePolicy(input: DeleteLifecyclePolicyRequest, ctx: HandlerContext): Promise<DeleteLifecyclePolicyResponse> {
  const policy = await getLifecyclePolicy(ctx, input.lifecyclePolicyArn);
  await ctx.tx.delete(LIFECYCLE_POLICIES, ibScope(ctx.scope), lifecyclePolicyKey(ctx, policy.arn)!);
  return { lifecyclePolicyArn: policy.arn };
}
