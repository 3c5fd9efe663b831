import type { ListDistributionConfigurationsRequest, ListDistributionConfigurationsResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { toDistributionConfigurationSummary } from '../domain/configurations.js';
import { matchesFilters } from '../domain/filters.js';
import { pageRecords } from '../domain/paging.js';
import { DISTRIBUTION_CONFIGURATIONS, type DistributionConfigurationRecord } from '../domain/records.js';
import { ibScope } from '../domain/scope.js';

/** The API reference documents one filter, `name`. */
const FILTERS = {
  name: (c: DistributionConfigurationRecord) => [c.name],
};

export async function ListDistributionConfigurations(
  input: ListDistributionConfigurationsRequest, ctx: HandlerContext,
): Promise<ListDistributionConfigurationsResponse> {
  const filters = input.filters ?? [];
  const page = await pageRecords<DistributionConfigurationRecord>(ctx.tx, DISTRIBUTION_CONFIGURATIONS, ibScope(ctx.scope), {
    nextToken: input.nextToken, maxResults: input.maxResults, filter: (c) => matchesFilters(c, filters, FILTERS),
  });
  return {
    requestId: ctx.scope.requestId,
    distributionConfigurationSummaryList: page.items.map(toDistributionConfigurationSummary),
    nextToken: page.nextToken,
  };
}
