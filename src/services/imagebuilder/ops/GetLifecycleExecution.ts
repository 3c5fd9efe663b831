import { AwsError } from '../../../kernel/errors.js';
import type { GetLifecycleExecutionRequest, GetLifecycleExecutionResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { findExecution, toLifecycleExecution, type LifecycleExecutionRecord } from '../domain/lifecycle-executions.js';

/** The execution an id names in the caller's account and region; ResourceNotFoundException (Kiln's wording) when there is none. */
export async function getExecution(ctx: HandlerContext, id: string): Promise<LifecycleExecutionRecord> {
  const record = await findExecution(ctx, id);
  if (!record) throw new AwsError('ResourceNotFoundException', `The lifecycle execution '${id}' does not exist.`);
  return record;
}

export async function GetLifecycleExecution(input: GetLifecycleExecutionRequest, ctx: HandlerContext): Promise<GetLifecycleExecutionResponse> {
  return { lifecycleExecution: toLifecycleExecution(await getExecution(ctx, input.lifecycleExecutionId)) };
}
