/**
 * A pipeline cannot be deleted while a build it started is still running. AWS does not document
 * this case; of the model's codes for DeleteImagePipeline, ResourceDependencyException is the
 * one that says "something depends on this resource", and the running build does (it reports its
 * status to the pipeline's lastRunStatus). INFERRED; the images a pipeline built stay once they
 * are finished, and the pipeline can be deleted then, or after CancelImageCreation.
 */
import type { HandlerContext } from '../../types.js';
import { dependencyError } from './configurations.js';
import { ACTIVE_BUILDS } from './images.js';
import { IMAGES, type ImagePipelineRecord, type ImageRecord } from './records.js';
import { ibScope } from './scope.js';

export async function checkNoRunningBuilds(ctx: HandlerContext, pipeline: ImagePipelineRecord): Promise<void> {
  const scope = ibScope(ctx.scope);
  // ACTIVE_BUILDS holds only the builds still running, so this reads few records however many images there are.
  for (const { value: key } of await ctx.tx.list<string>(ACTIVE_BUILDS, scope)) {
    const image = await ctx.tx.get<ImageRecord>(IMAGES, scope, key);
    if (image?.sourcePipelineArn === pipeline.arn) throw dependencyError(pipeline.arn);
  }
}
