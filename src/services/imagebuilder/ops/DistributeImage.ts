import type { DistributeImageRequest, DistributeImageResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { requireDistributionConfiguration } from '../domain/build-inputs.js';
import { passExecutionRole } from '../domain/execution-role.js';
import { idempotent } from '../domain/idempotency.js';
import { createDistribution, resolveSourceImage } from '../domain/staged-builds.js';

/**
 * Distributes an AVAILABLE image again with a distribution configuration, without rebuilding it:
 * a new image build that runs only the distribution phase (domain/staged-builds.ts). Image
 * Builder distributes as the `executionRole`, which the caller passes (iam:PassRole).
 */
export async function DistributeImage(input: DistributeImageRequest, ctx: HandlerContext): Promise<DistributeImageResponse> {
  // The response has no requestId member; `idempotent` wants one to refresh on a replay.
  return idempotent<DistributeImageRequest, DistributeImageResponse & { requestId?: string }>('DistributeImage', input, ctx, async () => {
    const source = await resolveSourceImage(ctx, input.sourceImage);
    const distributionConfiguration = await requireDistributionConfiguration(ctx, input.distributionConfigurationArn);
    await passExecutionRole(ctx, input.executionRole);
    const image = await createDistribution(ctx, source, {
      distributionConfiguration, executionRole: input.executionRole, tags: input.tags, loggingConfiguration: input.loggingConfiguration,
    });
    return { clientToken: input.clientToken, imageBuildVersionArn: image.arn };
  });
}
