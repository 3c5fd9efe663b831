import type { GetImageRequest, GetImageResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { IMAGE_VERSIONS, imageLatestVersionReferences } from '../domain/image-versions.js';
import { arnNameOf, findImage, toImage } from '../domain/images.js';
import { IMAGES } from '../domain/records.js';
import { ibScope } from '../domain/scope.js';

/**
 * An image build, by its build version ARN, or the newest build of a version ARN (nodes may be `x`).
 * Remembered until an image changes: waiters and dashboards ask for the same image over and over.
 */
export async function GetImage(input: GetImageRequest, ctx: HandlerContext): Promise<GetImageResponse> {
  const arn = input.imageBuildVersionArn;
  const found = await ctx.remember([IMAGES, IMAGE_VERSIONS], `${ibScope(ctx.scope)} ${arn}`, async () => {
    const record = await findImage(ctx, arn);
    return { image: toImage(record), latestVersionReferences: await imageLatestVersionReferences(ctx, arnNameOf(record.arn), record) };
  });
  return { requestId: ctx.scope.requestId, ...found };
}
