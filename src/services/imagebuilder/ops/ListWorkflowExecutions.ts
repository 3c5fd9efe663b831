import type { ListWorkflowExecutionsRequest, ListWorkflowExecutionsResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { findImage, keyOf } from '../domain/images.js';
import { pageRecords } from '../domain/paging.js';
import { ibScope } from '../domain/scope.js';
import { WORKFLOW_EXECUTIONS, toWorkflowExecutionMetadata, type WorkflowExecutionRecord } from '../domain/workflow-executions.js';

/** The workflows an image build ran (build, test, distribution), in the order they ran. */
export async function ListWorkflowExecutions(input: ListWorkflowExecutionsRequest, ctx: HandlerContext): Promise<ListWorkflowExecutionsResponse> {
  const image = await findImage(ctx, input.imageBuildVersionArn);
  const page = await pageRecords<WorkflowExecutionRecord>(ctx.tx, WORKFLOW_EXECUTIONS, ibScope(ctx.scope), {
    nextToken: input.nextToken, maxResults: input.maxResults, prefix: `${keyOf(image)}/`,
  });
  const now = ctx.clock.now().getTime();
  return {
    requestId: ctx.scope.requestId, imageBuildVersionArn: image.arn,
    workflowExecutions: page.items.map((w) => toWorkflowExecutionMetadata(w, now)), nextToken: page.nextToken,
  };
}
