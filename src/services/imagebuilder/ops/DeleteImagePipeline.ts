import type { DeleteImagePipelineRequest, DeleteImagePipelineResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { getImagePipeline, unversionedKey } from '../domain/configurations.js';
import { checkNoRunningBuilds } from '../domain/pipeline-builds.js';
import { forgetSchedule } from '../domain/pipeline-schedules.js';
import { IMAGE_PIPELINES } from '../domain/records.js';
import { ibScope } from '../domain/scope.js';

/** Deletes a pipeline once no build of it is running, and stops its schedule; the images it built stay (they keep its ARN as sourcePipelineArn). */
export async function DeleteImagePipeline(input: DeleteImagePipelineRequest, ctx: HandlerContext): Promise<DeleteImagePipelineResponse> {
  const record = await getImagePipeline(ctx, input.imagePipelineArn);
  await checkNoRunningBuilds(ctx, record);
  await ctx.tx.delete(IMAGE_PIPELINES, ibScope(ctx.scope), unversionedKey(record.name));
  await forgetSchedule(ctx, record);
  return { requestId: ctx.scope.requestId, imagePipelineArn: record.arn };
}
