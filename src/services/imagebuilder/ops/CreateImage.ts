import { AwsError } from '../../../kernel/errors.js';
import type { CreateImageRequest, CreateImageResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { requireDistributionConfiguration, requireInfrastructureConfiguration, requireRecipe } from '../domain/build-inputs.js';
import { createBuild } from '../domain/builds.js';
import { idempotent } from '../domain/idempotency.js';
import { imageLatestVersionReferences } from '../domain/image-versions.js';
import { arnNameOf } from '../domain/images.js';
import { checkWorkflowConfigurations } from '../domain/workflow-configurations.js';
import { ensureServiceLinkedRole } from '../domain/service-role.js';

function checkRecipeChoice(input: { imageRecipeArn?: string; containerRecipeArn?: string }): void {
  if ((input.imageRecipeArn === undefined) === (input.containerRecipeArn === undefined)) {
    // As CreateImagePipeline answers it (AWS's text is not documented).
    throw new AwsError('InvalidParameterCombinationException', input.imageRecipeArn === undefined
      ? "You must specify either 'imageRecipeArn' or 'containerRecipeArn'."
      : "You cannot specify both 'imageRecipeArn' and 'containerRecipeArn'. Specify exactly one of them.");
  }
}

/**
 * Builds an image from a recipe: the image is PENDING at once and the build runs in the
 * background (domain/builds.ts). Creates AWSServiceRoleForImageBuilder first when the account
 * has none, with the caller's iam:CreateServiceLinkedRole permission.
 */
export async function CreateImage(input: CreateImageRequest, ctx: HandlerContext): Promise<CreateImageResponse> {
  checkRecipeChoice(input);
  return idempotent('CreateImage', input, ctx, async () => {
    await checkWorkflowConfigurations(ctx, input);
    const recipe = await requireRecipe(ctx, input);
    const infrastructureConfiguration = await requireInfrastructureConfiguration(ctx, input.infrastructureConfigurationArn);
    const distributionConfiguration = input.distributionConfigurationArn
      ? await requireDistributionConfiguration(ctx, input.distributionConfigurationArn)
      : undefined;
    await ensureServiceLinkedRole(ctx);
    const image = await createBuild(ctx, {
      recipe, infrastructureConfiguration, distributionConfiguration,
      imageTestsConfiguration: input.imageTestsConfiguration,
      enhancedImageMetadataEnabled: input.enhancedImageMetadataEnabled,
      tags: input.tags ?? {},
      buildType: 'USER_INITIATED',
      workflows: input.workflows, executionRole: input.executionRole,
      loggingConfiguration: input.loggingConfiguration, imageScanningConfiguration: input.imageScanningConfiguration,
    });
    return {
      requestId: ctx.scope.requestId, clientToken: input.clientToken, imageBuildVersionArn: image.arn,
      latestVersionReferences: await imageLatestVersionReferences(ctx, arnNameOf(image.arn), image),
    };
  });
}
