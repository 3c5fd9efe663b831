import type { DeleteDistributionConfigurationRequest, DeleteDistributionConfigurationResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { dependencyError, getDistributionConfiguration, unversionedKey, usedByPipeline } from '../domain/configurations.js';
import { DISTRIBUTION_CONFIGURATIONS } from '../domain/records.js';
import { ibScope } from '../domain/scope.js';

/** Deletes a distribution configuration that no pipeline uses (ResourceDependencyException otherwise). */
export async function DeleteDistributionConfiguration(
  input: DeleteDistributionConfigurationRequest, ctx: HandlerContext,
): Promise<DeleteDistributionConfigurationResponse> {
  const record = await getDistributionConfiguration(ctx, input.distributionConfigurationArn);
  if (await usedByPipeline(ctx, 'distributionConfigurationArn', record.arn)) throw dependencyError(record.arn);
  await ctx.tx.delete(DISTRIBUTION_CONFIGURATIONS, ibScope(ctx.scope), unversionedKey(record.name));
  return { requestId: ctx.scope.requestId, distributionConfigurationArn: record.arn };
}
