import { AwsError } from '../../../kernel/errors.js';
import type { DeleteImageRequest, DeleteImageResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { removeImage } from '../domain/image-removal.js';
import { findImage, inProgress } from '../domain/images.js';

/**
 * Deletes the Image Builder image resource; the AMIs and container images it made stay, as in
 * AWS. A build still in progress is refused: AWS's behaviour here is not documented, and
 * cancelling first (CancelImageCreation) is what its guides tell users to do.
 */
export async function DeleteImage(input: DeleteImageRequest, ctx: HandlerContext): Promise<DeleteImageResponse> {
  const image = await findImage(ctx, input.imageBuildVersionArn);
  if (inProgress(image)) {
    throw new AwsError('InvalidRequestException', `The image '${image.arn}' cannot be deleted while its build is in progress (status ${image.state?.status}). Cancel it with CancelImageCreation first.`);
  }
  await removeImage(ctx, image);
  return { requestId: ctx.scope.requestId, imageBuildVersionArn: image.arn };
}
