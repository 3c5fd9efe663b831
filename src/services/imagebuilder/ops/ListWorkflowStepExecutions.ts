import type { ListWorkflowStepExecutionsRequest, ListWorkflowStepExecutionsResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { pageArray } from '../domain/array-paging.js';
import { findWorkflowExecution, toStepMetadata } from '../domain/workflow-executions.js';
import { workflowExecutionNotFound } from './GetWorkflowExecution.js';

export async function ListWorkflowStepExecutions(input: ListWorkflowStepExecutionsRequest, ctx: HandlerContext): Promise<ListWorkflowStepExecutionsResponse> {
  const record = await findWorkflowExecution(ctx, input.workflowExecutionId);
  if (!record) throw workflowExecutionNotFound(input.workflowExecutionId);
  const page = pageArray(toStepMetadata(record, ctx.clock.now().getTime()), input);
  return {
    requestId: ctx.scope.requestId, steps: page.items, nextToken: page.nextToken,
    workflowBuildVersionArn: record.workflowBuildVersionArn, workflowExecutionId: record.workflowExecutionId,
    imageBuildVersionArn: record.imageBuildVersionArn,
  };
}
