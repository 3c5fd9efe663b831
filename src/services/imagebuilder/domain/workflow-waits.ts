/**
 * WaitForAction steps pause a build. A stage whose custom workflow has a WaitForAction step is due
 * when that step begins (its share of the stage, as every step has) rather than at the stage's
 * end; then the steps before it are COMPLETED, it is RUNNING (the API's enum has no WAITING; the
 * User Guide's "waiting" shows as ListWaitingWorkflowSteps), and the build's task ends, so
 * nothing advances the image until SendWorkflowStepAction answers or the step's timeout task
 * fires (workflow-step-responses.ts). The image stays in its stage (BUILDING, TESTING or
 * DISTRIBUTING), a build in progress like any other.
 *
 * Records: WORKFLOW_WAITS keyed by the step execution id, one per step waiting now.
 */
import type { WorkflowStepExecution } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import type { BuildTaskState } from './builds.js';
import type { ImageRecord } from './records.js';
import { ibScope } from './scope.js';
import {
  WORKFLOW_EXECUTIONS, openSteps, running, segmentStart, share, type WorkflowExecutionRecord,
} from './workflow-executions.js';
import { WAIT_FOR_ACTION } from './workflow-step-actions.js';

export const WORKFLOW_WAITS = 'ib.workflowWaits';
export const WAIT_TIMEOUT_TASK_KIND = 'imagebuilder.workflowWaitTimeout';

export interface WaitRecord extends Required<Omit<WorkflowStepExecution, 'startTime'>> {
  startTime: string;
  imageKey: string;
  executionKey: string;
  /** How long the steps after the waiting one take once it is answered. */
  remainingMs: number;
  /** The build's task state, to start its task again on RESUME. */
  build: BuildTaskState;
}

/** What the timeout task keeps. */
export interface WaitTimeoutState {
  partition: string;
  account: string;
  region: string;
  stepExecutionId: string;
}

/** When the first WaitForAction step still to run begins, or undefined when there is none. */
export function waitStartOf(record: WorkflowExecutionRecord): number | undefined {
  if (record.status !== 'RUNNING' || record.paused) return undefined;
  const open = openSteps(record);
  const j = open.findIndex((i) => record.steps[i].action === WAIT_FOR_ACTION);
  if (j < 0) return undefined;
  return Date.parse(share(segmentStart(record), Date.parse(record.plannedEndTime), j, open.length)[0]);
}

const STAGES = new Set(['BUILDING', 'TESTING', 'DISTRIBUTING']);

/** Pauses the build when its running workflow has reached a WaitForAction step by `at`. Returns whether it paused. */
export async function holdAtWaitStep(ctx: HandlerContext, image: ImageRecord, state: BuildTaskState, at: number): Promise<boolean> {
  if (!STAGES.has(image.state?.status ?? '')) return false;
  const found = await running(ctx, image);
  const startAt = found && waitStartOf(found.record);
  if (!found || startAt === undefined || startAt > at) return false;
  const { key, record } = found;
  const start = segmentStart(record);
  const end = Date.parse(record.plannedEndTime);
  const open = openSteps(record);
  const j = open.findIndex((i) => record.steps[i].action === WAIT_FOR_ACTION);
  const waiting = record.steps[open[j]];
  const waitStart = new Date(at).toISOString();
  open.slice(0, j).forEach((i, k) => {
    const [from, to] = share(start, end, k, open.length);
    record.steps[i] = { ...record.steps[i], status: 'COMPLETED', startTime: from, endTime: to, settled: true };
  });
  record.steps[open[j]] = { ...waiting, status: 'RUNNING', startTime: waitStart, settled: true };
  record.paused = true;
  const scope = ibScope(ctx.scope);
  await ctx.tx.put(WORKFLOW_EXECUTIONS, scope, key, record);
  const wait: WaitRecord = {
    stepExecutionId: waiting.stepExecutionId, imageBuildVersionArn: image.arn, workflowExecutionId: record.workflowExecutionId,
    workflowBuildVersionArn: record.workflowBuildVersionArn, name: waiting.name, action: waiting.action, startTime: waitStart,
    imageKey: state.imageKey, executionKey: key, remainingMs: ((end - start) * (open.length - j - 1)) / open.length, build: state,
  };
  await ctx.tx.put(WORKFLOW_WAITS, scope, wait.stepExecutionId, wait);
  const timeout: WaitTimeoutState = { partition: ctx.scope.partition, account: ctx.scope.account, region: ctx.scope.region, stepExecutionId: wait.stepExecutionId };
  await ctx.schedule(WAIT_TIMEOUT_TASK_KIND, at + waiting.timeoutSeconds * 1000, timeout);
  return true;
}
