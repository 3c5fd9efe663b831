import { AwsError } from '../../../kernel/errors.js';
import type { CancelImageCreationRequest, CancelImageCreationResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { cancelBuild } from '../domain/builds.js';
import { idempotent } from '../domain/idempotency.js';
import { findImage, inProgress } from '../domain/images.js';

/** Stops a build in a non-terminal state; the image ends CANCELLED. */
export async function CancelImageCreation(input: CancelImageCreationRequest, ctx: HandlerContext): Promise<CancelImageCreationResponse> {
  return idempotent('CancelImageCreation', input, ctx, async () => {
    const image = await findImage(ctx, input.imageBuildVersionArn);
    if (!inProgress(image)) {
      // AWS's answer for a finished image is not documented; of the two codes the model lists
      // (InvalidRequestException, ResourceInUseException) this is the one that says "not possible".
      throw new AwsError('InvalidRequestException', `The image '${image.arn}' cannot be cancelled: its status is ${image.state?.status}. Only images in a non-terminal state (PENDING, CREATING, BUILDING, TESTING, DISTRIBUTING, INTEGRATING) can be cancelled.`);
    }
    await cancelBuild(ctx, image);
    return { requestId: ctx.scope.requestId, clientToken: input.clientToken, imageBuildVersionArn: image.arn };
  });
}
