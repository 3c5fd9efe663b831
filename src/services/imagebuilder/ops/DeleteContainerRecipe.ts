import type { DeleteContainerRecipeRequest, DeleteContainerRecipeResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { forgetDependents } from '../domain/recipe-components.js';
import { checkNoPipelineUses, findExactRecipe, RECIPE_KINDS, type StoredContainerRecipe } from '../domain/recipes.js';
import { deleteResourcePolicy } from '../domain/resource-policies.js';
import { ibScope } from '../domain/scope.js';

/** Deletes one recipe version, unless an image pipeline builds from it (ResourceDependencyException). */
export async function DeleteContainerRecipe(input: DeleteContainerRecipeRequest, ctx: HandlerContext): Promise<DeleteContainerRecipeResponse> {
  const { key, record } = await findExactRecipe<StoredContainerRecipe>(ctx, 'container-recipe', input.containerRecipeArn);
  await checkNoPipelineUses(ctx, 'container-recipe', record);
  await ctx.tx.delete(RECIPE_KINDS['container-recipe'].collection, ibScope(ctx.scope), key);
  await forgetDependents(ctx, record.arn, record.componentBuildArns ?? []);
  await deleteResourcePolicy(ctx, record.arn);
  return { requestId: ctx.scope.requestId, containerRecipeArn: record.arn };
}
