import type { UpdateInfrastructureConfigurationRequest, UpdateInfrastructureConfigurationResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { checkInstanceProfile, getInfrastructureConfiguration, infrastructureSettings, unversionedKey } from '../domain/configurations.js';
import { idempotent } from '../domain/idempotency.js';
import { INFRASTRUCTURE_CONFIGURATIONS, type InfrastructureConfigurationRecord } from '../domain/records.js';
import { ibScope } from '../domain/scope.js';

/**
 * Replaces an infrastructure configuration's settings. As Terraform and CloudFormation use it,
 * the request carries the whole configuration: a setting left out is cleared (and
 * terminateInstanceOnFailure goes back to its default, true). Name, ARN, creation date and tags stay.
 */
export async function UpdateInfrastructureConfiguration(
  input: UpdateInfrastructureConfigurationRequest, ctx: HandlerContext,
): Promise<UpdateInfrastructureConfigurationResponse> {
  return idempotent('UpdateInfrastructureConfiguration', input, ctx, async () => {
    const existing = await getInfrastructureConfiguration(ctx, input.infrastructureConfigurationArn);
    await checkInstanceProfile(ctx, input.instanceProfileName);
    const record: InfrastructureConfigurationRecord = {
      arn: existing.arn, name: existing.name, ...infrastructureSettings(input),
      dateCreated: existing.dateCreated, dateUpdated: ctx.clock.now().toISOString(), tags: existing.tags,
    };
    await ctx.tx.put(INFRASTRUCTURE_CONFIGURATIONS, ibScope(ctx.scope), unversionedKey(existing.name), record);
    return { requestId: ctx.scope.requestId, clientToken: input.clientToken, infrastructureConfigurationArn: existing.arn };
  });
}
