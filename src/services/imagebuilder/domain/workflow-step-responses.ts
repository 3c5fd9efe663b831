/**
 * Answers to a waiting WaitForAction step (SendWorkflowStepAction, or its timeout). RESUME
 * completes the step and the workflow goes on: its remaining steps take the rest of the stage
 * from now, and the build's task starts again. STOP fails the step, and the step's `onFailure`
 * decides (API reference): Continue goes on as RESUME does; Abort fails the workflow, and with it
 * the build, unless the image's workflow configuration says CONTINUE, when the build moves on to
 * its next stage. A step that times out (its `timeoutSeconds`, 3 days by default) fails the
 * workflow (User Guide). The step's outputs are the `action` and `reason` (User Guide).
 */
import type { WorkflowStepActionType } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { BUILD_TASK_KIND, failBuild } from './builds.js';
import { inProgress, saveImage } from './images.js';
import { IMAGES, type ImageRecord } from './records.js';
import { ibScope } from './scope.js';
import { planLookup } from './workflow-custom-steps.js';
import { findPlan } from './workflow-configurations.js';
import { evaluateCondition } from './workflow-documents.js';
import { WORKFLOW_EXECUTIONS, finishWorkflow, type WorkflowExecutionRecord } from './workflow-executions.js';
import { WORKFLOW_WAITS, waitStartOf, type WaitRecord } from './workflow-waits.js';

interface Waiting {
  wait: WaitRecord;
  image: ImageRecord;
  record: WorkflowExecutionRecord;
  index: number;
}

/** The step the wait record stands for, when its build is still paused at it; stale records are removed. */
export async function stillWaiting(ctx: HandlerContext, wait: WaitRecord): Promise<Waiting | undefined> {
  const scope = ibScope(ctx.scope);
  const image = await ctx.tx.get<ImageRecord>(IMAGES, scope, wait.imageKey);
  const record = await ctx.tx.get<WorkflowExecutionRecord>(WORKFLOW_EXECUTIONS, scope, wait.executionKey);
  const index = record?.steps.findIndex((s) => s.stepExecutionId === wait.stepExecutionId) ?? -1;
  if (image && inProgress(image) && record?.status === 'RUNNING' && record.paused && record.steps[index]?.status === 'RUNNING') {
    return { wait, image, record, index };
  }
  return undefined;
}

type Answer = { action: WorkflowStepActionType; reason?: string } | { timedOut: true };

export async function answerWaitingStep(ctx: HandlerContext, waiting: Waiting, answer: Answer): Promise<void> {
  const { wait, image, record, index } = waiting;
  const scope = ibScope(ctx.scope);
  const now = ctx.clock.now().getTime();
  const step = record.steps[index];
  await ctx.tx.delete(WORKFLOW_WAITS, scope, wait.stepExecutionId);
  const failure = 'timedOut' in answer
    ? `The workflow step '${step.name}' timed out after ${step.timeoutSeconds} seconds without an action from SendWorkflowStepAction.`
    : answer.action === 'STOP' ? `The workflow step '${step.name}' was stopped with SendWorkflowStepAction${answer.reason ? `: ${answer.reason}` : '.'}` : undefined;
  record.steps[index] = {
    ...step, status: failure ? 'FAILED' : 'COMPLETED', message: failure, endTime: new Date(now).toISOString(),
    outputs: 'timedOut' in answer ? undefined : JSON.stringify({ action: answer.action, ...(answer.reason ? { reason: answer.reason } : {}) }),
  };
  record.paused = undefined;
  if (failure && ('timedOut' in answer || step.onFailure === 'Abort')) {
    await ctx.tx.put(WORKFLOW_EXECUTIONS, scope, wait.executionKey, record);
    const plan = await findPlan(ctx, image, record.type);
    if (plan?.onFailure !== 'CONTINUE') return failBuild(ctx, image, now, failure, step.name);
    // The image's configuration lets the build go on without this workflow.
    await finishWorkflow(ctx, image, now, { status: 'FAILED', stepName: step.name, message: failure });
    return restartBuild(ctx, image, wait, now);
  }
  record.segmentStartTime = new Date(now).toISOString();
  record.plannedEndTime = new Date(now + wait.remainingMs).toISOString();
  await skipFalseConditions(ctx, image, record);
  await ctx.tx.put(WORKFLOW_EXECUTIONS, scope, wait.executionKey, record);
  return restartBuild(ctx, image, wait, waitStartOf(record) ?? now + wait.remainingMs);
}

/** Steps still to run whose `if` needed the answer decide now: those that are false are SKIPPED. */
async function skipFalseConditions(ctx: HandlerContext, image: ImageRecord, record: WorkflowExecutionRecord): Promise<void> {
  const plan = await findPlan(ctx, image, record.type);
  if (!plan) return;
  record.steps = record.steps.map((step, i) => {
    const condition = plan.steps[i]?.if;
    if (step.settled || !condition || evaluateCondition(condition, planLookup(plan, record.steps)) !== false) return step;
    return { ...step, status: 'SKIPPED', outputs: undefined, settled: true };
  });
}

/** Starts the build's task again, due at `dueAt`. */
async function restartBuild(ctx: HandlerContext, image: ImageRecord, wait: WaitRecord, dueAt: number): Promise<void> {
  image.buildTaskId = await ctx.schedule(BUILD_TASK_KIND, dueAt, wait.build);
  await saveImage(ctx, image);
}

/** The timeout task of a waiting step: fails it when nothing answered it in time. */
export async function timeOutWaitingStep(ctx: HandlerContext, stepExecutionId: string): Promise<void> {
  const wait = await ctx.tx.get<WaitRecord>(WORKFLOW_WAITS, ibScope(ctx.scope), stepExecutionId);
  if (!wait) return;
  const waiting = await stillWaiting(ctx, wait);
  if (waiting) await answerWaitingStep(ctx, waiting, { timedOut: true });
  else await ctx.tx.delete(WORKFLOW_WAITS, ibScope(ctx.scope), stepExecutionId);
}
