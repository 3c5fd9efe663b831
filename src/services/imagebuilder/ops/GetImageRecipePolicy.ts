import type { GetImageRecipePolicyRequest, GetImageRecipePolicyResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { findRecipe } from '../domain/recipes.js';
import { getResourcePolicy } from '../domain/resource-policies.js';

export async function GetImageRecipePolicy(input: GetImageRecipePolicyRequest, ctx: HandlerContext): Promise<GetImageRecipePolicyResponse> {
  const { record } = await findRecipe(ctx, 'image-recipe', input.imageRecipeArn);
  return { requestId: ctx.scope.requestId, policy: await getResourcePolicy(ctx, record.arn) };
}
