import type { DeleteImageRecipeRequest, DeleteImageRecipeResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { forgetDependents } from '../domain/recipe-components.js';
import { checkNoPipelineUses, findExactRecipe, RECIPE_KINDS, type StoredImageRecipe } from '../domain/recipes.js';
import { deleteResourcePolicy } from '../domain/resource-policies.js';
import { ibScope } from '../domain/scope.js';

/** Deletes one recipe version, unless an image pipeline builds from it (ResourceDependencyException). */
export async function DeleteImageRecipe(input: DeleteImageRecipeRequest, ctx: HandlerContext): Promise<DeleteImageRecipeResponse> {
  const { key, record } = await findExactRecipe<StoredImageRecipe>(ctx, 'image-recipe', input.imageRecipeArn);
  await checkNoPipelineUses(ctx, 'image-recipe', record);
  await ctx.tx.delete(RECIPE_KINDS['image-recipe'].collection, ibScope(ctx.scope), key);
  await forgetDependents(ctx, record.arn, record.componentBuildArns ?? []);
  await deleteResourcePolicy(ctx, record.arn);
  return { requestId: ctx.scope.requestId, imageRecipeArn: record.arn };
}
