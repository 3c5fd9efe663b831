import { AwsError } from '../../../kernel/errors.js';
import type { GetWorkflowStepExecutionRequest, GetWorkflowStepExecutionResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { findStepExecution, toStepExecution } from '../domain/workflow-executions.js';

export async function GetWorkflowStepExecution(input: GetWorkflowStepExecutionRequest, ctx: HandlerContext): Promise<GetWorkflowStepExecutionResponse> {
  const found = await findStepExecution(ctx, input.stepExecutionId);
  // Kiln's wording; AWS's text for an unknown step execution is not documented.
  if (!found) throw new AwsError('ResourceNotFoundException', `The workflow step execution '${input.stepExecutionId}' does not exist.`);
  return { requestId: ctx.scope.requestId, ...toStepExecution(found.workflow, found.index, ctx.clock.now().getTime()) };
}
