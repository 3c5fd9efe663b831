import { AwsError } from '../../../kernel/errors.js';
import type { StartImagePipelineExecutionRequest, StartImagePipelineExecutionResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { idempotent } from '../domain/idempotency.js';
import { getImagePipeline } from '../domain/configurations.js';
import { startPipelineBuild } from '../domain/pipeline-runs.js';

/** Runs a pipeline now (buildType USER_INITIATED). Creates AWSServiceRoleForImageBuilder first when the account has none. */
export async function StartImagePipelineExecution(input: StartImagePipelineExecutionRequest, ctx: HandlerContext): Promise<StartImagePipelineExecutionResponse> {
  return idempotent('StartImagePipelineExecution', input, ctx, async () => {
    const pipeline = await getImagePipeline(ctx, input.imagePipelineArn);
    if (pipeline.status === 'DISABLED') {
      // AWS's answer for a disabled pipeline is not documented; InvalidRequestException is one the operation lists.
      throw new AwsError('InvalidRequestException', `The image pipeline '${pipeline.arn}' is DISABLED. Enable it with UpdateImagePipeline (status ENABLED) before starting it.`);
    }
    const image = await startPipelineBuild(ctx, pipeline, 'USER_INITIATED', input.tags);
    return { requestId: ctx.scope.requestId, clientToken: input.clientToken, imageBuildVersionArn: image.arn };
  });
}
