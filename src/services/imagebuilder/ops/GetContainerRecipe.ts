import type { GetContainerRecipeRequest, GetContainerRecipeResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { findRecipe, recipeLatestVersionReferences, toContainerRecipe, type StoredContainerRecipe } from '../domain/recipes.js';

/** A version ARN answers that version; `x` nodes answer the newest matching version. */
export async function GetContainerRecipe(input: GetContainerRecipeRequest, ctx: HandlerContext): Promise<GetContainerRecipeResponse> {
  const { record } = await findRecipe<StoredContainerRecipe>(ctx, 'container-recipe', input.containerRecipeArn);
  return {
    requestId: ctx.scope.requestId,
    containerRecipe: toContainerRecipe(record),
    latestVersionReferences: await recipeLatestVersionReferences(ctx, 'container-recipe', record),
  };
}
