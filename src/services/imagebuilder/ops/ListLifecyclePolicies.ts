import type { ListLifecyclePoliciesRequest, ListLifecyclePoliciesResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { matchesFilters } from '../domain/filters.js';
import { LIFECYCLE_POLICIES, toLifecyclePolicySummary, type LifecyclePolicyRecord } from '../domain/lifecycle-policies.js';
import { pageRecords } from '../domain/paging.js';
import { ibScope } from '../domain/scope.js';

/** The API reference documents the filters `name` and `status`. */
const FILTERS = {
  name: (p: LifecyclePolicyRecord) => [p.name],
  status: (p: LifecyclePolicyRecord) => [p.status],
};

export async function ListLifecyclePolicies(input: ListLifecyclePoliciesRequest, ctx: HandlerContext): Promise<ListLifecyclePoliciesResponse> {
  const filters = input.filters ?? [];
  const page = await pageRecords<LifecyclePolicyRecord>(ctx.tx, LIFECYCLE_POLICIES, ibScope(ctx.scope), {
    nextToken: input.nextToken, maxResults: input.maxResults, filter: (p) => matchesFilters(p, filters, FILTERS),
  });
  return { lifecyclePolicySummaryList: page.items.map(toLifecyclePolicySummary), nextToken: page.nextToken };
}
