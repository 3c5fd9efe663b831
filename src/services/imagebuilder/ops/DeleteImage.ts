import { AwsError } from '../../../kernel/errors.js';
import type { DeleteImageRequest, DeleteImageResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { forgetBuild } from '../domain/image-versions.js';
import { arnNameOf, findImage, inProgress, keyOf } from '../domain/images.js';
import { IMAGES } from '../domain/records.js';
import { ibScope } from '../domain/scope.js';
import { deleteWorkflows } from '../domain/workflow-executions.js';

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
  await deleteWorkflows(ctx, image);
  await ctx.tx.delete(IMAGES, ibScope(ctx.scope), keyOf(image));
  await forgetBuild(ctx, arnNameOf(image.arn), image);
  return { requestId: ctx.scope.requestId, imageBuildVersionArn: image.arn };
}
