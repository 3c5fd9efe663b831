/** Removing an image resource (DeleteImage, a lifecycle DELETE action): its record, its workflow executions, and its place as its version's newest build. */
import type { HandlerContext } from '../../types.js';
import { forgetBuild } from './image-versions.js';
import { arnNameOf, keyOf } from './images.js';
import { IMAGES, type ImageRecord } from './records.js';
import { ibScope } from './scope.js';
import { deleteWorkflows } from './workflow-executions.js';

export async function removeImage(ctx: HandlerContext, image: ImageRecord): Promise<void> {
  await deleteWorkflows(ctx, image);
  await ctx.tx.delete(IMAGES, ibScope(ctx.scope), keyOf(image));
  await forgetBuild(ctx, arnNameOf(image.arn), image);
}
