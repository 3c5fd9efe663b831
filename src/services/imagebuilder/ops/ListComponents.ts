import type { ListComponentsRequest, ListComponentsResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { COMPONENTS, toComponentVersion, versionGroupOf, type ComponentRecord } from '../domain/components.js';
import { matchesFilters } from '../domain/filters.js';
import { pageGroups } from '../domain/paging.js';
import { ibScope } from '../domain/scope.js';

const FILTERS = {
  name: (c: ComponentRecord) => [c.name],
  platform: (c: ComponentRecord) => [c.platform],
  type: (c: ComponentRecord) => [c.type],
  version: (c: ComponentRecord) => [c.version],
  description: (c: ComponentRecord) => (c.description ? [c.description] : []),
  supportedOsVersion: (c: ComponentRecord) => c.supportedOsVersions ?? [],
};

/** Lists component semantic versions (each shown by its newest build) that the owner filter selects. */
export async function ListComponents(input: ListComponentsRequest, ctx: HandlerContext): Promise<ListComponentsResponse> {
  const filters = input.filters ?? [];
  const own = (input.owner ?? 'Self') === 'Self';
  // Kiln holds no components owned by Amazon, third parties or other accounts yet.
  const page = own
    ? await pageGroups<ComponentRecord, ComponentRecord>(ctx.tx, COMPONENTS, ibScope(ctx.scope), {
      nextToken: input.nextToken, maxResults: input.maxResults,
      filter: (c) => matchesFilters(c, filters, FILTERS),
      groupOf: versionGroupOf,
      pick: (builds) => builds[builds.length - 1],
    })
    : { items: [] };
  return { requestId: ctx.scope.requestId, componentVersionList: page.items.map(toComponentVersion), nextToken: page.nextToken };
}
