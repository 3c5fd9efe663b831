import type { GetInfrastructureConfigurationRequest, GetInfrastructureConfigurationResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { getInfrastructureConfiguration } from '../domain/configurations.js';

export async function GetInfrastructureConfiguration(
  input: GetInfrastructureConfigurationRequest, ctx: HandlerContext,
): Promise<GetInfrastructureConfigurationResponse> {
  const record = await getInfrastructureConfiguration(ctx, input.infrastructureConfigurationArn);
  return { requestId: ctx.scope.requestId, infrastructureConfiguration: record };
}
