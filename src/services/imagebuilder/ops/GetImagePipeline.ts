import type { GetImagePipelineRequest, GetImagePipelineResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { getImagePipeline } from '../domain/configurations.js';

export async function GetImagePipeline(input: GetImagePipelineRequest, ctx: HandlerContext): Promise<GetImagePipelineResponse> {
  const record = await getImagePipeline(ctx, input.imagePipelineArn);
  return { requestId: ctx.scope.requestId, imagePipeline: record };
}
