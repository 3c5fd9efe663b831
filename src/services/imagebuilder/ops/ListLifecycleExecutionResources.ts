import type { LifecycleExecutionResource, ListLifecycleExecutionResourcesRequest, ListLifecycleExecutionResourcesResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { pageArray } from '../domain/array-paging.js';
import { toAssociatedResource, toExecutionResource } from '../domain/lifecycle-executions.js';
import { getExecution } from './GetLifecycleExecution.js';

/**
 * The images an execution identified, with the action on each; with `parentResourceId` (an image
 * ARN), the AMIs (and their snapshots) or container images the action on that image took along.
 * A parent the execution did not identify has none.
 */
export async function ListLifecycleExecutionResources(
  input: ListLifecycleExecutionResourcesRequest, ctx: HandlerContext,
): Promise<ListLifecycleExecutionResourcesResponse> {
  const record = await getExecution(ctx, input.lifecycleExecutionId);
  let resources: LifecycleExecutionResource[];
  if (input.parentResourceId === undefined) {
    resources = record.resources.map((r) => toExecutionResource(ctx, r));
  } else {
    const parent = record.resources.find((r) => r.imageArn === input.parentResourceId);
    resources = parent ? parent.associated.map((a) => toAssociatedResource(parent, a)) : [];
  }
  const page = pageArray(resources, input);
  return {
    lifecycleExecutionId: record.lifecycleExecutionId, lifecycleExecutionState: { status: record.status, reason: record.reason },
    resources: page.items, nextToken: page.nextToken,
  };
}
