import type { DeleteInfrastructureConfigurationRequest, DeleteInfrastructureConfigurationResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { dependencyError, getInfrastructureConfiguration, unversionedKey, usedByPipeline } from '../domain/configurations.js';
import { INFRASTRUCTURE_CONFIGURATIONS } from '../domain/records.js';
import { ibScope } from '../domain/scope.js';

/** Deletes an infrastructure configuration that no pipeline uses (ResourceDependencyException otherwise). */
export async function DeleteInfrastructureConfiguration(
  input: DeleteInfrastructureConfigurationRequest, ctx: HandlerContext,
): Promise<DeleteInfrastructureConfigurationResponse> {
  const record = await getInfrastructureConfiguration(ctx, input.infrastructureConfigurationArn);
  if (await usedByPipeline(ctx, 'infrastructureConfigurationArn', record.arn)) throw dependencyError(record.arn);
  await ctx.tx.delete(INFRASTRUCTURE_CONFIGURATIONS, ibScope(ctx.scope), unversionedKey(record.name));
  return { requestId: ctx.scope.requestId, infrastructureConfigurationArn: record.arn };
}
