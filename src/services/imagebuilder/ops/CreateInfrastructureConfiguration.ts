import type { CreateInfrastructureConfigurationRequest, CreateInfrastructureConfigurationResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import {
  alreadyExists, checkInstanceProfile, findInfrastructureConfiguration, infrastructureSettings, unversionedArn, unversionedKey,
} from '../domain/configurations.js';
import { idempotent } from '../domain/idempotency.js';
import { INFRASTRUCTURE_CONFIGURATIONS, type InfrastructureConfigurationRecord } from '../domain/records.js';
import { ibScope } from '../domain/scope.js';

/** Creates an infrastructure configuration; its instance profile must exist, and its role is passed to EC2. */
export async function CreateInfrastructureConfiguration(
  input: CreateInfrastructureConfigurationRequest, ctx: HandlerContext,
): Promise<CreateInfrastructureConfigurationResponse> {
  return idempotent('CreateInfrastructureConfiguration', input, ctx, async () => {
    const arn = unversionedArn(ctx, 'infrastructure-configuration', input.name);
    if (await findInfrastructureConfiguration(ctx, arn)) throw alreadyExists('infrastructure-configuration', arn);
    await checkInstanceProfile(ctx, input.instanceProfileName);
    const record: InfrastructureConfigurationRecord = {
      arn, name: input.name, ...infrastructureSettings(input),
      dateCreated: ctx.clock.now().toISOString(), tags: input.tags ?? {},
    };
    await ctx.tx.put(INFRASTRUCTURE_CONFIGURATIONS, ibScope(ctx.scope), unversionedKey(input.name), record);
    return { requestId: ctx.scope.requestId, clientToken: input.clientToken, infrastructureConfigurationArn: arn };
  });
}
