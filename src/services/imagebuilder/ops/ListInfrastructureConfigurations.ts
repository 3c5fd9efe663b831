import type { ListInfrastructureConfigurationsRequest, ListInfrastructureConfigurationsResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { toInfrastructureConfigurationSummary } from '../domain/configurations.js';
import { matchesFilters } from '../domain/filters.js';
import { pageRecords } from '../domain/paging.js';
import { INFRASTRUCTURE_CONFIGURATIONS, type InfrastructureConfigurationRecord } from '../domain/records.js';
import { ibScope } from '../domain/scope.js';

/** The API reference documents one filter, `name`. */
const FILTERS = {
  name: (c: InfrastructureConfigurationRecord) => [c.name],
};

export async function ListInfrastructureConfigurations(
  input: ListInfrastructureConfigurationsRequest, ctx: HandlerContext,
): Promise<ListInfrastructureConfigurationsResponse> {
  const filters = input.filters ?? [];
  const page = await pageRecords<InfrastructureConfigurationRecord>(ctx.tx, INFRASTRUCTURE_CONFIGURATIONS, ibScope(ctx.scope), {
    nextToken: input.nextToken, maxResults: input.maxResults, filter: (c) => matchesFilters(c, filters, FILTERS),
  });
  return {
    requestId: ctx.scope.requestId,
    infrastructureConfigurationSummaryList: page.items.map(toInfrastructureConfigurationSummary),
    nextToken: page.nextToken,
  };
}
