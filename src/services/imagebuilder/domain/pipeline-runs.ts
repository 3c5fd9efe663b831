/**
 * Running a pipeline: a build from the pipeline's recipe, configurations, test settings and
 * workflows, tagged with the pipeline's `imageTags` (and the request's tags). StartImagePipelineExecution
 * calls it with USER_INITIATED; the scheduler calls the same function with SCHEDULED.
 */
import type { BuildType } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { requireDistributionConfiguration, requireInfrastructureConfiguration, requireRecipe } from './build-inputs.js';
import { createBuild } from './builds.js';
import { recordPipelineRun } from './pipeline-status.js';
import type { ImagePipelineRecord, ImageRecord } from './records.js';
import { noteBuildStarted } from './schedule-dependencies.js';
import { ensureServiceLinkedRole } from './service-role.js';

export async function startPipelineBuild(
  ctx: HandlerContext, pipeline: ImagePipelineRecord, buildType: BuildType, tags: Record<string, string> = {},
): Promise<ImageRecord> {
  const recipe = await requireRecipe(ctx, pipeline);
  const infrastructureConfiguration = await requireInfrastructureConfiguration(ctx, pipeline.infrastructureConfigurationArn!);
  const distributionConfiguration = pipeline.distributionConfigurationArn
    ? await requireDistributionConfiguration(ctx, pipeline.distributionConfigurationArn)
    : undefined;
  await ensureServiceLinkedRole(ctx);
  const logGroupName = pipeline.loggingConfiguration?.imageLogGroupName;
  const image = await createBuild(ctx, {
    recipe, infrastructureConfiguration, distributionConfiguration,
    imageTestsConfiguration: pipeline.imageTestsConfiguration,
    enhancedImageMetadataEnabled: pipeline.enhancedImageMetadataEnabled,
    tags: { ...pipeline.imageTags, ...tags },
    buildType, pipeline,
    workflows: pipeline.workflows, executionRole: pipeline.executionRole,
    loggingConfiguration: logGroupName ? { logGroupName } : undefined,
    imageScanningConfiguration: pipeline.imageScanningConfiguration,
  });
  await recordPipelineRun(ctx, pipeline, image);
  await noteBuildStarted(ctx, pipeline, recipe, image);
  return image;
}
