import type { GetDistributionConfigurationRequest, GetDistributionConfigurationResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { getDistributionConfiguration } from '../domain/configurations.js';

export async function GetDistributionConfiguration(
  input: GetDistributionConfigurationRequest, ctx: HandlerContext,
): Promise<GetDistributionConfigurationResponse> {
  const record = await getDistributionConfiguration(ctx, input.distributionConfigurationArn);
  return { requestId: ctx.scope.requestId, distributionConfiguration: record };
}
