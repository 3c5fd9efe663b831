import { AwsError } from '../../../kernel/errors.js';
import type { GetWorkflowExecutionRequest, GetWorkflowExecutionResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { findWorkflowExecution, toWorkflowExecutionMetadata } from '../domain/workflow-executions.js';

export function workflowExecutionNotFound(id: string): AwsError {
  // Kiln's wording; AWS's text for an unknown workflow execution is not documented.
  return new AwsError('ResourceNotFoundException', `The workflow execution '${id}' does not exist.`);
}

export async function GetWorkflowExecution(input: GetWorkflowExecutionRequest, ctx: HandlerContext): Promise<GetWorkflowExecutionResponse> {
  const record = await findWorkflowExecution(ctx, input.workflowExecutionId);
  if (!record) throw workflowExecutionNotFound(input.workflowExecutionId);
  return { requestId: ctx.scope.requestId, ...toWorkflowExecutionMetadata(record, ctx.clock.now().getTime()) };
}
