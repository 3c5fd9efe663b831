import type { RetryImageRequest, RetryImageResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { resumeBuild } from '../domain/builds.js';
import { idempotent } from '../domain/idempotency.js';
import { findImage } from '../domain/images.js';
import { retryStage } from '../domain/staged-builds.js';

/**
 * Retries a FAILED image in place from the phase that failed (test or distribution), with its
 * original settings; the response names the same image (domain/staged-builds.ts).
 */
export async function RetryImage(input: RetryImageRequest, ctx: HandlerContext): Promise<RetryImageResponse> {
  // The response has no requestId member; `idempotent` wants one to refresh on a replay.
  return idempotent<RetryImageRequest, RetryImageResponse & { requestId?: string }>('RetryImage', input, ctx, async () => {
    const image = await findImage(ctx, input.imageBuildVersionArn);
    await resumeBuild(ctx, image, await retryStage(ctx, image));
    return { clientToken: input.clientToken, imageBuildVersionArn: image.arn };
  });
}
