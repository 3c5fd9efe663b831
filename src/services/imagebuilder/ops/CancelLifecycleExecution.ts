import { AwsError } from '../../../kernel/errors.js';
import type { CancelLifecycleExecutionRequest, CancelLifecycleExecutionResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { idempotent } from '../domain/idempotency.js';
import { cancelExecution, isTerminal } from '../domain/lifecycle-executions.js';
import { getExecution } from './GetLifecycleExecution.js';

/**
 * Cancels a PENDING or IN_PROGRESS execution: CANCELLING until the current action finishes, then
 * CANCELLED; what was done stays done. One already CANCELLING is left as it is.
 */
export async function CancelLifecycleExecution(input: CancelLifecycleExecutionRequest, ctx: HandlerContext): Promise<CancelLifecycleExecutionResponse> {
  return idempotent('CancelLifecycleExecution', input, ctx, async () => {
    const record = await getExecution(ctx, input.lifecycleExecutionId);
    if (isTerminal(record)) {
      // "You can only cancel an execution that hasn't reached a terminal state" (API reference); the code and text are Kiln's choice.
      throw new AwsError('InvalidRequestException', `The lifecycle execution '${record.lifecycleExecutionId}' cannot be cancelled: its status is ${record.status}. Only PENDING or IN_PROGRESS executions can be cancelled.`);
    }
    if (record.status !== 'CANCELLING') await cancelExecution(ctx, record);
    return { lifecycleExecutionId: record.lifecycleExecutionId };
  });
}
