import type { GetContainerRecipePolicyRequest, GetContainerRecipePolicyResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { findRecipe } from '../domain/recipes.js';
import { getResourcePolicy } from '../domain/resource-policies.js';

export async function GetContainerRecipePolicy(input: GetContainerRecipePolicyRequest, ctx: HandlerContext): Promise<GetContainerRecipePolicyResponse> {
  const { record } = await findRecipe(ctx, 'container-recipe', input.containerRecipeArn);
  return { requestId: ctx.scope.requestId, policy: await getResourcePolicy(ctx, record.arn) };
}
