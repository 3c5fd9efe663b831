import type { ListImagePackagesRequest, ListImagePackagesResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { pageArray } from '../domain/array-paging.js';
import { findImage } from '../domain/images.js';
import { packagesOf } from '../domain/output-resources.js';

/**
 * The packages Systems Manager Inventory found on the build instance. AWS collects them only for
 * builds with enhanced image metadata; Kiln lists them once the image is AVAILABLE, and answers
 * an empty list before that (AWS's answer for an unfinished build is not documented).
 */
export async function ListImagePackages(input: ListImagePackagesRequest, ctx: HandlerContext): Promise<ListImagePackagesResponse> {
  const image = await findImage(ctx, input.imageBuildVersionArn);
  const collected = image.state?.status === 'AVAILABLE' && image.enhancedImageMetadataEnabled !== false && image.imageSource !== 'IMPORTED';
  const page = pageArray(collected ? packagesOf(image.platform) : [], input);
  return { requestId: ctx.scope.requestId, imagePackageList: page.items, nextToken: page.nextToken };
}
