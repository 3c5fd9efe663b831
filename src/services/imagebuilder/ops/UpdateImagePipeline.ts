import type { UpdateImagePipelineRequest, UpdateImagePipelineResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { getImagePipeline, unversionedKey } from '../domain/configurations.js';
import { checkOneRecipe, pipelineSettings } from '../domain/image-pipelines.js';
import { armSchedule, checkSchedule } from '../domain/pipeline-schedules.js';
import { idempotent } from '../domain/idempotency.js';
import { IMAGE_PIPELINES, type ImagePipelineRecord } from '../domain/records.js';
import { ibScope } from '../domain/scope.js';

/**
 * Replaces a pipeline's settings. "UpdateImagePipeline does not support selective updates for
 * the pipeline. You must specify all of the required properties in the update request, not just
 * the properties that have changed" (API reference): a setting left out is cleared or takes its
 * default again (status ENABLED, tests on). Updating resets consecutiveFailures (BC-IB member
 * doc). Name, ARN, creation date, tags and what builds recorded (lastRunStatus, dateLastRun) stay.
 */
export async function UpdateImagePipeline(input: UpdateImagePipelineRequest, ctx: HandlerContext): Promise<UpdateImagePipelineResponse> {
  checkOneRecipe(input);
  checkSchedule(input);
  return idempotent('UpdateImagePipeline', input, ctx, async () => {
    const existing = await getImagePipeline(ctx, input.imagePipelineArn);
    const settings = await pipelineSettings(ctx, input);
    const record: ImagePipelineRecord = {
      ...existing, ...settings, dateUpdated: ctx.clock.now().toISOString(), consecutiveFailures: 0,
    };
    // The old firing stops; the new schedule (if any, and ENABLED) fires from now on.
    await armSchedule(ctx, record);
    await ctx.tx.put(IMAGE_PIPELINES, ibScope(ctx.scope), unversionedKey(existing.name), record);
    return { requestId: ctx.scope.requestId, clientToken: input.clientToken, imagePipelineArn: existing.arn };
  });
}
