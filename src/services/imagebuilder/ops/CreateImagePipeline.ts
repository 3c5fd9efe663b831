import type { CreateImagePipelineRequest, CreateImagePipelineResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { alreadyExists, findImagePipeline, unversionedArn, unversionedKey } from '../domain/configurations.js';
import { checkOneRecipe, pipelineSettings } from '../domain/image-pipelines.js';
import { armSchedule, checkSchedule } from '../domain/pipeline-schedules.js';
import { idempotent } from '../domain/idempotency.js';
import { IMAGE_PIPELINES, type ImagePipelineRecord } from '../domain/records.js';
import { ibScope } from '../domain/scope.js';

/**
 * Creates an image pipeline from one recipe and the configurations it names. An ENABLED pipeline
 * with a schedule starts firing (`dateNextRun`); `lastRunStatus` and `dateLastRun` are left to the
 * builds the pipeline runs.
 */
export async function CreateImagePipeline(input: CreateImagePipelineRequest, ctx: HandlerContext): Promise<CreateImagePipelineResponse> {
  checkOneRecipe(input);
  checkSchedule(input);
  return idempotent('CreateImagePipeline', input, ctx, async () => {
    const arn = unversionedArn(ctx, 'image-pipeline', input.name);
    if (await findImagePipeline(ctx, arn)) throw alreadyExists('image-pipeline', arn);
    const settings = await pipelineSettings(ctx, input);
    const now = ctx.clock.now().toISOString();
    const record: ImagePipelineRecord = {
      arn, name: input.name, ...settings, dateCreated: now, dateUpdated: now, tags: input.tags ?? {}, consecutiveFailures: 0,
    };
    await armSchedule(ctx, record);
    await ctx.tx.put(IMAGE_PIPELINES, ibScope(ctx.scope), unversionedKey(input.name), record);
    return { requestId: ctx.scope.requestId, clientToken: input.clientToken, imagePipelineArn: arn };
  });
}
