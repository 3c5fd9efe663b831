import type { GetImageRequest, GetImageResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { imageLatestVersionReferences } from '../domain/image-versions.js';
import { arnNameOf, findImage, toImage } from '../domain/images.js';

/** An image build, by its build version ARN, or the newest build of a version ARN (nodes may be `x`). */
export async function GetImage(input: GetImageRequest, ctx: HandlerContext): Promise<GetImageResponse> {
  const record = await findImage(ctx, input.imageBuildVersionArn);
  return { requestId: ctx.scope.requestId, image: toImage(record), latestVersionReferences: await imageLatestVersionReferences(ctx, arnNameOf(record.arn), record) };
}
