import type { ListWaitingWorkflowStepsRequest, ListWaitingWorkflowStepsResponse, WorkflowStepExecution } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { pageArray } from '../domain/array-paging.js';
import { ibScope } from '../domain/scope.js';
import { stillWaiting } from '../domain/workflow-step-responses.js';
import { WORKFLOW_WAITS, type WaitRecord } from '../domain/workflow-waits.js';

/** The account's steps paused at a WaitForAction step in this region, oldest first, until answered or timed out. */
export async function ListWaitingWorkflowSteps(input: ListWaitingWorkflowStepsRequest, ctx: HandlerContext): Promise<ListWaitingWorkflowStepsResponse> {
  const waits = await ctx.tx.list<WaitRecord>(WORKFLOW_WAITS, ibScope(ctx.scope));
  const steps: WorkflowStepExecution[] = [];
  for (const { value: w } of waits) {
    if (!(await stillWaiting(ctx, w))) continue;
    steps.push({
      stepExecutionId: w.stepExecutionId, imageBuildVersionArn: w.imageBuildVersionArn, workflowExecutionId: w.workflowExecutionId,
      workflowBuildVersionArn: w.workflowBuildVersionArn, name: w.name, action: w.action, startTime: w.startTime,
    });
  }
  steps.sort((a, b) => (a.startTime! < b.startTime! ? -1 : a.startTime! > b.startTime! ? 1 : a.stepExecutionId! < b.stepExecutionId! ? -1 : 1));
  const page = pageArray(steps, input);
  return { steps: page.items, nextToken: page.nextToken };
}
