import type { ListLifecycleExecutionsRequest, ListLifecycleExecutionsResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { LIFECYCLE_EXECUTION_INDEX, findExecution, indexPrefix, toLifecycleExecution } from '../domain/lifecycle-executions.js';
import { pageRecords } from '../domain/paging.js';
import { ibScope } from '../domain/scope.js';

/**
 * The executions of a resource, newest first: a lifecycle policy's runs, or those that acted on
 * an image build version (its policies' runs and its StartResourceStateUpdate requests).
 */
export async function ListLifecycleExecutions(input: ListLifecycleExecutionsRequest, ctx: HandlerContext): Promise<ListLifecycleExecutionsResponse> {
  const page = await pageRecords<string>(ctx.tx, LIFECYCLE_EXECUTION_INDEX, ibScope(ctx.scope), {
    nextToken: input.nextToken, maxResults: input.maxResults, prefix: indexPrefix(input.resourceArn),
  });
  const records = await Promise.all(page.items.map((id) => findExecution(ctx, id)));
  return { lifecycleExecutions: records.flatMap((r) => (r ? [toLifecycleExecution(r)] : [])), nextToken: page.nextToken };
}
