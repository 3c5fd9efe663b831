import { AwsError } from '../../../kernel/errors.js';
import type { SendWorkflowStepActionRequest, SendWorkflowStepActionResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { idempotent } from '../domain/idempotency.js';
import { ibScope } from '../domain/scope.js';
import { findStepExecution } from '../domain/workflow-executions.js';
import { answerWaitingStep, stillWaiting } from '../domain/workflow-step-responses.js';
import { WORKFLOW_WAITS, type WaitRecord } from '../domain/workflow-waits.js';

/**
 * RESUME or STOP a build paused at a WaitForAction step (domain/workflow-step-responses.ts). The
 * image ARN must be the image the step belongs to ("a validation error", API reference), and the
 * step must be waiting: one already answered or timed out fails (Kiln's code and wording; AWS's
 * are not documented).
 */
export async function SendWorkflowStepAction(input: SendWorkflowStepActionRequest, ctx: HandlerContext): Promise<SendWorkflowStepActionResponse> {
  return idempotent<SendWorkflowStepActionRequest, SendWorkflowStepActionResponse & { requestId?: string }>('SendWorkflowStepAction', input, ctx, async () => {
    const found = await findStepExecution(ctx, input.stepExecutionId);
    if (!found) throw new AwsError('ResourceNotFoundException', `The workflow step execution '${input.stepExecutionId}' does not exist.`);
    if (found.workflow.imageBuildVersionArn !== input.imageBuildVersionArn) {
      throw new AwsError('InvalidParameterValueException', `The value supplied for parameter 'imageBuildVersionArn' is not valid. The workflow step execution '${input.stepExecutionId}' belongs to the image '${found.workflow.imageBuildVersionArn}'.`);
    }
    const wait = await ctx.tx.get<WaitRecord>(WORKFLOW_WAITS, ibScope(ctx.scope), input.stepExecutionId);
    const waiting = wait && await stillWaiting(ctx, wait);
    if (!waiting) {
      const step = found.workflow.steps[found.index];
      throw new AwsError('InvalidRequestException', `The workflow step '${step.name}' (${input.stepExecutionId}) is not waiting for an action. Only a WaitForAction step that is waiting accepts RESUME or STOP, once.`);
    }
    await answerWaitingStep(ctx, waiting, { action: input.action, reason: input.reason });
    return { stepExecutionId: input.stepExecutionId, imageBuildVersionArn: input.imageBuildVersionArn, clientToken: input.clientToken };
  });
}
