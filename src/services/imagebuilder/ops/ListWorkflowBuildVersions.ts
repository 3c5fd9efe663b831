import type { ListWorkflowBuildVersionsRequest, ListWorkflowBuildVersionsResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { pageArray } from '../domain/array-paging.js';
import { pageRecords } from '../domain/paging.js';
import { ibScope } from '../domain/scope.js';
import { WORKFLOWS } from '../domain/tagged-resources.js';
import { matchesWildcard } from '../domain/versions.js';
import { matchingWorkflows, parseWorkflowArn, toWorkflowSummary, workflowKey, type WorkflowRecord } from '../domain/workflows.js';

/**
 * The builds of a workflow version (its nodes may be `x`), or, without an ARN, every workflow
 * build of the account (API reference). Amazon's managed workflows list their builds too.
 */
export async function ListWorkflowBuildVersions(input: ListWorkflowBuildVersionsRequest, ctx: HandlerContext): Promise<ListWorkflowBuildVersionsResponse> {
  const paging = { nextToken: input.nextToken, maxResults: input.maxResults };
  let page: { items: WorkflowRecord[]; nextToken?: string };
  if (!input.workflowVersionArn) {
    page = await pageRecords<WorkflowRecord>(ctx.tx, WORKFLOWS, ibScope(ctx.scope), paging);
  } else {
    const arn = parseWorkflowArn(input.workflowVersionArn, 'workflowVersionArn');
    if (arn.owner === ctx.scope.account && arn.region === ctx.scope.region) {
      const exact = !arn.version.includes('x');
      page = await pageRecords<WorkflowRecord>(ctx.tx, WORKFLOWS, ibScope(ctx.scope), {
        ...paging, prefix: workflowKey(arn.type, arn.name, exact ? arn.version : undefined),
        filter: (w) => matchesWildcard(w.version, arn.version),
      });
    } else {
      page = pageArray(await matchingWorkflows(ctx, arn), paging);
    }
  }
  return { workflowSummaryList: page.items.map(toWorkflowSummary), nextToken: page.nextToken };
}
