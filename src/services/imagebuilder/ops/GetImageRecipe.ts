import type { GetImageRecipeRequest, GetImageRecipeResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { findRecipe, recipeLatestVersionReferences, toImageRecipe, type StoredImageRecipe } from '../domain/recipes.js';

/** A version ARN answers that version; `x` nodes answer the newest matching version. */
export async function GetImageRecipe(input: GetImageRecipeRequest, ctx: HandlerContext): Promise<GetImageRecipeResponse> {
  const { record } = await findRecipe<StoredImageRecipe>(ctx, 'image-recipe', input.imageRecipeArn);
  return {
    requestId: ctx.scope.requestId,
    imageRecipe: toImageRecipe(record),
    latestVersionReferences: await recipeLatestVersionReferences(ctx, 'image-recipe', record),
  };
}
