import type { PutImageRecipePolicyRequest, PutImageRecipePolicyResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { findRecipe } from '../domain/recipes.js';
import { checkResourcePolicy, putResourcePolicy } from '../domain/resource-policies.js';

/** Sets (replaces) the policy of a recipe version; `x` nodes name the newest matching version, whose ARN is answered. */
export async function PutImageRecipePolicy(input: PutImageRecipePolicyRequest, ctx: HandlerContext): Promise<PutImageRecipePolicyResponse> {
  checkResourcePolicy(input.policy);
  const { record } = await findRecipe(ctx, 'image-recipe', input.imageRecipeArn);
  await putResourcePolicy(ctx, record.arn, input.policy);
  return { requestId: ctx.scope.requestId, imageRecipeArn: record.arn };
}
