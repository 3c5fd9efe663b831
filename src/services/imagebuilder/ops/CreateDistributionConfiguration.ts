import type { CreateDistributionConfigurationRequest, CreateDistributionConfigurationResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import {
  alreadyExists, checkDistributions, DEFAULT_DISTRIBUTION_TIMEOUT_MINUTES, findDistributionConfiguration, unversionedArn, unversionedKey,
} from '../domain/configurations.js';
import { idempotent } from '../domain/idempotency.js';
import { DISTRIBUTION_CONFIGURATIONS, type DistributionConfigurationRecord } from '../domain/records.js';
import { ibScope } from '../domain/scope.js';

/** Creates a distribution configuration: per Image Builder region, at least one output. */
export async function CreateDistributionConfiguration(
  input: CreateDistributionConfigurationRequest, ctx: HandlerContext,
): Promise<CreateDistributionConfigurationResponse> {
  checkDistributions(input.distributions);
  return idempotent('CreateDistributionConfiguration', input, ctx, async () => {
    const arn = unversionedArn(ctx, 'distribution-configuration', input.name);
    if (await findDistributionConfiguration(ctx, arn)) throw alreadyExists('distribution-configuration', arn);
    const record: DistributionConfigurationRecord = {
      arn, name: input.name, description: input.description, distributions: input.distributions,
      timeoutMinutes: DEFAULT_DISTRIBUTION_TIMEOUT_MINUTES, dateCreated: ctx.clock.now().toISOString(), tags: input.tags ?? {},
    };
    await ctx.tx.put(DISTRIBUTION_CONFIGURATIONS, ibScope(ctx.scope), unversionedKey(input.name), record);
    return { requestId: ctx.scope.requestId, clientToken: input.clientToken, distributionConfigurationArn: arn };
  });
}
