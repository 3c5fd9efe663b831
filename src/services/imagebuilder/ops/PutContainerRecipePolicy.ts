import type { PutContainerRecipePolicyRequest, PutContainerRecipePolicyResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { findRecipe } from '../domain/recipes.js';
import { checkResourcePolicy, putResourcePolicy } from '../domain/resource-policies.js';

/** Sets (replaces) the policy of a recipe version; `x` nodes name the newest matching version, whose ARN is answered. */
export async function PutContainerRecipePolicy(input: PutContainerRecipePolicyRequest, ctx: HandlerContext): Promise<PutContainerRecipePolicyResponse> {
  checkResourcePolicy(input.policy);
  const { record } = await findRecipe(ctx, 'container-recipe', input.containerRecipeArn);
  await putResourcePolicy(ctx, record.arn, input.policy);
  return { requestId: ctx.scope.requestId, containerRecipeArn: record.arn };
}
