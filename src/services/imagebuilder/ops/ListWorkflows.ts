import { AwsError } from '../../../kernel/errors.js';
import type { ListWorkflowsRequest, ListWorkflowsResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { pageArray } from '../domain/array-paging.js';
import { matchesFilters } from '../domain/filters.js';
import { managedWorkflows } from '../domain/managed-workflows.js';
import { pageGroups } from '../domain/paging.js';
import { ibScope } from '../domain/scope.js';
import { WORKFLOWS } from '../domain/tagged-resources.js';
import { toWorkflowVersion, type WorkflowRecord } from '../domain/workflows.js';

const FILTERS = {
  name: (w: WorkflowRecord) => [w.name],
  version: (w: WorkflowRecord) => [w.version],
  description: (w: WorkflowRecord) => (w.description ? [w.description] : []),
  type: (w: WorkflowRecord) => [w.type],
};

/** `<type>/<name>/<version>/` (one entry per version) or `<type>/<name>/` (byName: one entry per name). */
const groupOf = (byName: boolean) => (key: string) => `${key.split('/').slice(0, byName ? 2 : 3).join('/')}/`;

/**
 * Workflow versions (each shown by its newest build) that the owner selects: the caller's own
 * (Self, the default) or Amazon's managed workflows. The API reference: Image Builder rejects
 * Shared and ThirdParty, AWSMarketplace returns nothing, and byName cannot go with a version filter.
 */
export async function ListWorkflows(input: ListWorkflowsRequest, ctx: HandlerContext): Promise<ListWorkflowsResponse> {
  const owner = input.owner ?? 'Self';
  if (owner === 'Shared' || owner === 'ThirdParty') {
    throw new AwsError('InvalidRequestException', `The owner '${owner}' is not supported for workflows. Specify Self, Amazon or AWSMarketplace.`);
  }
  const filters = input.filters ?? [];
  if (input.byName && filters.some((f) => f.name === 'version')) {
    throw new AwsError('InvalidRequestException', "You cannot combine 'byName' with a 'version' filter.");
  }
  const matches = (w: WorkflowRecord) => matchesFilters(w, filters, FILTERS);
  let page: { items: WorkflowRecord[]; nextToken?: string };
  if (owner === 'Amazon') page = pageArray(managedWorkflows(ctx.scope).filter(matches), input);
  else if (owner === 'AWSMarketplace') page = { items: [] };
  else {
    page = await pageGroups<WorkflowRecord, WorkflowRecord>(ctx.tx, WORKFLOWS, ibScope(ctx.scope), {
      nextToken: input.nextToken, maxResults: input.maxResults, filter: matches,
      groupOf: groupOf(input.byName === true), pick: (builds) => builds[builds.length - 1],
    });
  }
  return { workflowVersionList: page.items.map(toWorkflowVersion), nextToken: page.nextToken };
}
