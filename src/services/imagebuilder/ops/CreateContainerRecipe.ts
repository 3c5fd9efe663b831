import { AwsError } from '../../../kernel/errors.js';
import type { CreateContainerRecipeRequest, CreateContainerRecipeResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { idempotent } from '../domain/idempotency.js';
import { parentImagePlatform, recipePlatform, recordDependents, resolveRecipeComponents } from '../domain/recipe-components.js';
import {
  alreadyExists, checkCreateVersion, recipeArn, recipeKey, recipeLatestVersionReferences, RECIPE_KINDS, type StoredContainerRecipe,
} from '../domain/recipes.js';
import { ibScope } from '../domain/scope.js';

/**
 * Creates one version of a container recipe (DOCKER, pushed to an ECR repository). The Dockerfile
 * template comes inline (`dockerfileTemplateData`) or from S3 (`dockerfileTemplateUri`): exactly
 * one of them. `platformOverride` sets the platform for a custom base image.
 */
export async function CreateContainerRecipe(input: CreateContainerRecipeRequest, ctx: HandlerContext): Promise<CreateContainerRecipeResponse> {
  if ((input.dockerfileTemplateData === undefined) === (input.dockerfileTemplateUri === undefined)) {
    // Kiln's wording, in the manner of CreateComponent's data/uri check.
    throw new AwsError('InvalidParameterCombinationException', input.dockerfileTemplateData === undefined
      ? "You must specify either 'dockerfileTemplateData' or 'dockerfileTemplateUri' for the Dockerfile template."
      : "You cannot specify both 'dockerfileTemplateData' and 'dockerfileTemplateUri'. Specify exactly one of them.");
  }
  checkCreateVersion(input.semanticVersion);
  return idempotent('CreateContainerRecipe', input, ctx, async () => {
    const kind = 'container-recipe';
    const arn = recipeArn(ctx.scope, kind, input.name, input.semanticVersion);
    const key = recipeKey(input.name, input.semanticVersion);
    const scope = ibScope(ctx.scope);
    if (await ctx.tx.get(RECIPE_KINDS[kind].collection, scope, key)) throw alreadyExists(kind, arn);
    const components = await resolveRecipeComponents(ctx, input.components);
    const platform = recipePlatform(components, await parentImagePlatform(ctx, input.parentImage), input.platformOverride);
    const record: StoredContainerRecipe = {
      arn, containerType: input.containerType, name: input.name, description: input.description, platform,
      owner: ctx.scope.account, version: input.semanticVersion, components: input.components,
      instanceConfiguration: input.instanceConfiguration, dockerfileTemplateData: input.dockerfileTemplateData,
      kmsKeyId: input.kmsKeyId, encrypted: true, parentImage: input.parentImage, dateCreated: ctx.clock.now().toISOString(),
      tags: input.tags ?? {}, workingDirectory: input.workingDirectory, targetRepository: input.targetRepository,
      componentBuildArns: components.builds, dockerfileTemplateUri: input.dockerfileTemplateUri,
      imageOsVersionOverride: input.imageOsVersionOverride,
    };
    await ctx.tx.put(RECIPE_KINDS[kind].collection, scope, key, record);
    await recordDependents(ctx, arn, components.builds);
    return {
      requestId: ctx.scope.requestId, clientToken: input.clientToken, containerRecipeArn: arn,
      latestVersionReferences: await recipeLatestVersionReferences(ctx, kind, record),
    };
  });
}
