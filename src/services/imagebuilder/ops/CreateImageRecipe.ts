import type { CreateImageRecipeRequest, CreateImageRecipeResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { idempotent } from '../domain/idempotency.js';
import { parentImagePlatform, recipePlatform, recordDependents, resolveRecipeComponents } from '../domain/recipe-components.js';
import {
  alreadyExists, checkCreateVersion, recipeArn, recipeKey, recipeLatestVersionReferences, RECIPE_KINDS, type StoredImageRecipe,
} from '../domain/recipes.js';
import { ibScope } from '../domain/scope.js';

/**
 * Creates one version of an image recipe. A name and version that exist already are a
 * ResourceAlreadyExistsException (recipes have no builds). `parentImage` may be an AMI id, an
 * Image Builder image ARN, an `ssm:` parameter or a Marketplace product id: it is stored as given.
 * Components are stored as given too; each must resolve (see resolveRecipeComponents).
 */
export async function CreateImageRecipe(input: CreateImageRecipeRequest, ctx: HandlerContext): Promise<CreateImageRecipeResponse> {
  checkCreateVersion(input.semanticVersion);
  return idempotent('CreateImageRecipe', input, ctx, async () => {
    const kind = 'image-recipe';
    const arn = recipeArn(ctx.scope, kind, input.name, input.semanticVersion);
    const key = recipeKey(input.name, input.semanticVersion);
    const scope = ibScope(ctx.scope);
    if (await ctx.tx.get(RECIPE_KINDS[kind].collection, scope, key)) throw alreadyExists(kind, arn);
    const components = await resolveRecipeComponents(ctx, input.components);
    const platform = recipePlatform(components, await parentImagePlatform(ctx, input.parentImage));
    const record: StoredImageRecipe = {
      arn, type: 'AMI', name: input.name, description: input.description, platform, owner: ctx.scope.account,
      version: input.semanticVersion, components: input.components, parentImage: input.parentImage,
      blockDeviceMappings: input.blockDeviceMappings, dateCreated: ctx.clock.now().toISOString(), tags: input.tags ?? {},
      workingDirectory: input.workingDirectory, additionalInstanceConfiguration: input.additionalInstanceConfiguration,
      amiTags: input.amiTags, componentBuildArns: components.builds,
    };
    await ctx.tx.put(RECIPE_KINDS[kind].collection, scope, key, record);
    await recordDependents(ctx, arn, components.builds);
    return {
      requestId: ctx.scope.requestId, clientToken: input.clientToken, imageRecipeArn: arn,
      latestVersionReferences: await recipeLatestVersionReferences(ctx, kind, record),
    };
  });
}
