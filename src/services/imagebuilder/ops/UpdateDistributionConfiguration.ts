import type { UpdateDistributionConfigurationRequest, UpdateDistributionConfigurationResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { checkDistributions, getDistributionConfiguration, unversionedKey } from '../domain/configurations.js';
import { idempotent } from '../domain/idempotency.js';
import { DISTRIBUTION_CONFIGURATIONS, type DistributionConfigurationRecord } from '../domain/records.js';
import { ibScope } from '../domain/scope.js';

/** Replaces a distribution configuration's description and distributions (a description left out is cleared). */
export async function UpdateDistributionConfiguration(
  input: UpdateDistributionConfigurationRequest, ctx: HandlerContext,
): Promise<UpdateDistributionConfigurationResponse> {
  checkDistributions(input.distributions);
  return idempotent('UpdateDistributionConfiguration', input, ctx, async () => {
    const existing = await getDistributionConfiguration(ctx, input.distributionConfigurationArn);
    const record: DistributionConfigurationRecord = {
      ...existing, description: input.description, distributions: input.distributions, dateUpdated: ctx.clock.now().toISOString(),
    };
    await ctx.tx.put(DISTRIBUTION_CONFIGURATIONS, ibScope(ctx.scope), unversionedKey(existing.name), record);
    return { requestId: ctx.scope.requestId, clientToken: input.clientToken, distributionConfigurationArn: existing.arn };
  });
}
