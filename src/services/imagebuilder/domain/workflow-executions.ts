/**
 * The workflows a build runs, as ListWorkflowExecutions and ListWorkflowStepExecutions show them:
 * a build workflow while the image is BUILDING, a test workflow while it is TESTING (none when
 * tests are off) and a distribution workflow while it is DISTRIBUTING. They are Amazon's managed
 * workflows (`build-image`, `test-image`, `distribute-image`, or the `-container` ones), with the
 * steps those run. A running workflow's steps advance with the clock through the stage: each step
 * takes an equal share of the stage's duration.
 *
 * Records: WORKFLOW_EXECUTIONS keyed `<image key>/<nn>` (an image's workflows in the order they
 * ran), with index records from the workflow execution id and each step execution id.
 */
import type {
  GetWorkflowExecutionResponse, GetWorkflowStepExecutionResponse, WorkflowExecutionMetadata, WorkflowExecutionStatus,
  WorkflowStepExecutionStatus, WorkflowStepMetadata,
} from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { componentSteps, type PlannedOutcome } from './component-steps.js';
import { keyOf } from './images.js';
import { customWorkflowSteps } from './workflow-custom-steps.js';
import type { ImageRecord } from './records.js';
import { ibScope } from './scope.js';

export const WORKFLOW_EXECUTIONS = 'ib.workflowExecutions';
export const WORKFLOW_EXECUTION_IDS = 'ib.workflowExecutionIds';
export const WORKFLOW_STEP_IDS = 'ib.workflowStepIds';

export type WorkflowKind = 'BUILD' | 'TEST' | 'DISTRIBUTION';

/** What the steps report as inputs and outputs. */
export interface BuildFacts {
  instanceId: string;
  amiId?: string;
  imageUri?: string;
}

export interface StepRecord {
  stepExecutionId: string;
  name: string;
  action: string;
  description: string;
  onFailure: 'Abort' | 'Continue' | 'Ignore';
  timeoutSeconds: number;
  status: WorkflowStepExecutionStatus;
  message?: string;
  inputs: string;
  outputs?: string;
  startTime?: string;
  endTime?: string;
  /** Kiln's own: the step's status and times are recorded (custom workflows), not derived from the clock. */
  settled?: boolean;
  /** A component step's outcome (component-steps.ts). */
  planned?: PlannedOutcome;
}

export interface WorkflowExecutionRecord {
  workflowExecutionId: string;
  workflowBuildVersionArn: string;
  imageBuildVersionArn: string;
  type: WorkflowKind;
  status: WorkflowExecutionStatus;
  message?: string;
  startTime: string;
  /** When the stage is due to end; running steps are shown against it. */
  plannedEndTime: string;
  endTime?: string;
  steps: StepRecord[];
  /** Kiln's own (custom workflows): paused at a WaitForAction step, whose steps stand as recorded. */
  paused?: boolean;
  /** Kiln's own (custom workflows): when the steps still open began to run (after a resume). */
  segmentStartTime?: string;
}

interface StepTemplate {
  name: string;
  action: string;
  description: string;
  onFailure?: 'Abort' | 'Continue' | 'Ignore';
  timeoutSeconds: number;
  outputs?: (facts: BuildFacts) => Record<string, string>;
}

const launch = (stage: string): StepTemplate => ({
  name: `Launch${stage}Instance`, action: 'LaunchInstance', description: `Launches the ${stage.toLowerCase()} instance.`, timeoutSeconds: 3600,
  outputs: (f) => ({ instanceId: f.instanceId }),
});
const bootstrap = (stage: string): StepTemplate => ({
  name: `Bootstrap${stage}Instance`, action: 'BootstrapInstanceForContainer', description: `Installs Docker and the AWS CLI on the ${stage.toLowerCase()} instance.`, timeoutSeconds: 3600,
});
const components = (stage: string): StepTemplate => ({
  name: `Apply${stage}Components`, action: 'ExecuteComponents', description: `Runs the recipe's ${stage.toLowerCase()} components on the instance.`, timeoutSeconds: 43200,
});
const terminate = (stage: string): StepTemplate => ({
  name: `Terminate${stage}Instance`, action: 'TerminateInstance', description: `Terminates the ${stage.toLowerCase()} instance.`, onFailure: 'Continue', timeoutSeconds: 1800,
});

/** The managed workflow a build runs for a stage, and its steps. */
function template(type: WorkflowKind, image: ImageRecord): { name: string; steps: StepTemplate[] } {
  const container = image.type === 'DOCKER';
  if (type === 'DISTRIBUTION') {
    return {
      name: container ? 'distribute-container' : 'distribute-image',
      steps: [{ name: 'DistributeImage', action: 'DistributeImage', description: 'Distributes the output image to the regions and accounts of the distribution configuration.', timeoutSeconds: 43200 }],
    };
  }
  const stage = type === 'BUILD' ? 'Build' : 'Test';
  if (container) return { name: `${stage.toLowerCase()}-container`, steps: [launch(stage), bootstrap(stage), components(stage), terminate(stage)] };
  if (type === 'TEST') return { name: 'test-image', steps: [launch(stage), components(stage), terminate(stage)] };
  const steps = [launch(stage), components(stage)];
  if (image.enhancedImageMetadataEnabled !== false) {
    steps.push({ name: 'InventoryCollection', action: 'CollectImageMetadata', description: 'Collects the operating system and package inventory of the instance.', timeoutSeconds: 1800 });
  }
  if (image.platform === 'Linux') steps.push({ name: 'RunSanitizationScript', action: 'SanitizeInstance', description: 'Removes build artifacts and credentials from the instance.', timeoutSeconds: 1800 });
  if (image.platform === 'Windows') steps.push({ name: 'RunSysprep', action: 'RunSysPrep', description: 'Runs Sysprep on the instance.', timeoutSeconds: 3600 });
  steps.push({ name: 'CreateOutputAMI', action: 'CreateImage', description: 'Creates the output AMI from the instance.', timeoutSeconds: 43200, outputs: (f) => ({ imageId: f.amiId ?? '' }) });
  steps.push(terminate(stage));
  return { name: 'build-image', steps };
}

/** The workflow ARN: one the image names for this stage (`workflows`), else Amazon's managed one. */
function workflowArn(image: ImageRecord, type: WorkflowKind, name: string): string {
  const configured = image.workflows?.map((w) => w.workflowArn).find((arn) => arn.includes(`:workflow/${type.toLowerCase()}/`));
  if (configured && /\/[0-9]+\.[0-9]+\.[0-9]+\/[0-9]+$/.test(configured)) return configured;
  if (configured && /\/[0-9]+\.[0-9]+\.[0-9]+$/.test(configured)) return `${configured}/1`;
  const [, partition, , region] = image.arn.split(':');
  // Amazon's managed workflows are owned by `aws`; 1.0.0/1 is the build Kiln reports for each.
  return `arn:${partition}:imagebuilder:${region}:aws:workflow/${type.toLowerCase()}/${name}/1.0.0/1`;
}

/** Starts the workflow of a stage that begins at `at` and is due to end after `durationMs`. */
export async function startWorkflow(ctx: HandlerContext, image: ImageRecord, type: WorkflowKind, at: number, durationMs: number, facts: BuildFacts): Promise<WorkflowExecutionRecord> {
  const scope = ibScope(ctx.scope);
  const imageKey = keyOf(image);
  const seq = await ctx.tx.count(WORKFLOW_EXECUTIONS, scope, { prefix: `${imageKey}/` });
  const key = `${imageKey}/${String(seq).padStart(2, '0')}`;
  const custom = await customWorkflowSteps(ctx, image, type, facts);
  const { name, steps: managed } = template(type, image);
  // The recipe's component steps run within the Apply<Stage>Components step: shown right after it.
  const apply = managed.findIndex((s) => s.action === 'ExecuteComponents') + 1;
  const steps: Array<StepTemplate & { inputs?: unknown; planned?: PlannedOutcome }> = custom ? [] : [
    ...managed.slice(0, apply), ...await componentSteps(ctx, image, type), ...managed.slice(apply),
  ];
  const record: WorkflowExecutionRecord = {
    workflowExecutionId: `wf-${ctx.ids.uuid()}`,
    workflowBuildVersionArn: custom?.workflowBuildVersionArn ?? workflowArn(image, type, name),
    imageBuildVersionArn: image.arn,
    type, status: 'RUNNING',
    startTime: new Date(at).toISOString(),
    plannedEndTime: new Date(at + durationMs).toISOString(),
    steps: custom?.steps ?? steps.map((step) => ({
      stepExecutionId: `step-${ctx.ids.uuid()}`, name: step.name, action: step.action, description: step.description,
      onFailure: step.onFailure ?? 'Abort', timeoutSeconds: step.timeoutSeconds, status: 'PENDING',
      planned: step.planned,
      inputs: JSON.stringify(step.inputs ?? (step.action === 'LaunchInstance' ? { waitFor: 'ssmAgent' } : step.action === 'DistributeImage' ? {} : { instanceId: facts.instanceId })),
      outputs: step.outputs ? JSON.stringify(step.outputs(facts)) : undefined,
    })),
  };
  await ctx.tx.put(WORKFLOW_EXECUTIONS, scope, key, record);
  await ctx.tx.put(WORKFLOW_EXECUTION_IDS, scope, record.workflowExecutionId, key);
  for (const step of record.steps) await ctx.tx.put(WORKFLOW_STEP_IDS, scope, step.stepExecutionId, key);
  return record;
}

/** The image's workflow that is still running, with its key. */
export async function running(ctx: HandlerContext, image: ImageRecord): Promise<{ key: string; record: WorkflowExecutionRecord } | undefined> {
  const all = await ctx.tx.list<WorkflowExecutionRecord>(WORKFLOW_EXECUTIONS, ibScope(ctx.scope), { prefix: `${keyOf(image)}/` });
  const last = all.at(-1);
  return last && last.value.status === 'RUNNING' ? { key: last.key, record: last.value } : undefined;
}

/** Step `i` of `n` runs through the i-th equal share of [start, end]. */
export function share(start: number, end: number, i: number, n: number): [string, string] {
  const span = (end - start) / n;
  return [new Date(start + i * span).toISOString(), new Date(start + (i + 1) * span).toISOString()];
}

/** The indexes of the steps whose status the clock still decides (not settled). */
export function openSteps(record: WorkflowExecutionRecord): number[] {
  return record.steps.flatMap((step, i) => (step.settled ? [] : [i]));
}

/** When the open steps began: the workflow's start, or its last resume. */
export const segmentStart = (record: WorkflowExecutionRecord): number => Date.parse(record.segmentStartTime ?? record.startTime);

/** The steps as they stand at `at`: open steps whose share is over COMPLETED, the current one RUNNING. */
function stepsAt(record: WorkflowExecutionRecord, at: number): StepRecord[] {
  if (record.status !== 'RUNNING' || record.paused) return record.steps;
  const start = segmentStart(record);
  const end = Date.parse(record.plannedEndTime);
  const open = openSteps(record);
  const n = open.length;
  // A component step where the build will stop keeps running (retrying) until the stage ends.
  const stop = open.findIndex((i) => record.steps[i].planned?.stopReason);
  const current = Math.min(end <= start ? n - 1 : Math.min(n - 1, Math.floor(((at - start) / (end - start)) * n)), stop < 0 ? n - 1 : stop);
  return record.steps.map((step, i) => {
    const j = open.indexOf(i);
    if (j < 0) return step;
    const [from, to] = share(start, end, j, n);
    if (j < current) return { ...step, ...finalStatus(step), startTime: from, endTime: to };
    if (j === current) return { ...step, status: 'RUNNING', startTime: from, outputs: undefined };
    return { ...step, outputs: undefined };
  });
}

/** How a step that ran ends: as planned for a component step, else COMPLETED. */
function finalStatus(step: StepRecord): Pick<StepRecord, 'status' | 'message'> {
  return { status: step.planned?.status ?? 'COMPLETED', message: step.planned?.message ?? step.message };
}

export type WorkflowOutcome =
  | { status: 'COMPLETED' }
  | { status: 'FAILED'; stepName: string; message: string }
  | { status: 'CANCELLED' };

/** Ends the image's running workflow at `at`. */
export async function finishWorkflow(ctx: HandlerContext, image: ImageRecord, at: number, outcome: WorkflowOutcome): Promise<void> {
  const found = await running(ctx, image);
  if (!found) return;
  const { key, record } = found;
  const start = segmentStart(record);
  const open = openSteps(record);
  const endAt = new Date(at).toISOString();
  if (outcome.status === 'COMPLETED') {
    record.steps = record.steps.map((step, i) => {
      const j = open.indexOf(i);
      if (j < 0) return step;
      const [from, to] = share(start, Math.max(start, at), j, open.length);
      return { ...step, ...finalStatus(step), startTime: from, endTime: to };
    });
  } else {
    const stopped = outcome.status === 'FAILED'
      ? Math.max(0, record.steps.findIndex((s) => s.name === outcome.stepName))
      : stepsAt(record, at).findIndex((s) => s.status === 'RUNNING');
    const before = open.filter((i) => i < stopped);
    record.steps = record.steps.map((step, i) => {
      if (i === stopped) {
        const from = step.startTime ?? share(start, Math.max(start, at), before.length, before.length + 1)[0];
        if (outcome.status === 'FAILED' && step.planned) return { ...step, ...finalStatus(step), startTime: from, endTime: endAt };
        return outcome.status === 'FAILED'
          ? { ...step, status: 'FAILED', message: outcome.message, startTime: from, endTime: endAt, outputs: undefined }
          : { ...step, status: 'CANCELLED', startTime: from, endTime: endAt, outputs: undefined };
      }
      if (step.settled) return step;
      const j = before.indexOf(i);
      if (j < 0) return { ...step, status: 'SKIPPED', outputs: undefined };
      const [from, to] = share(start, Math.max(start, at), j, before.length + 1);
      return { ...step, ...finalStatus(step), startTime: from, endTime: to };
    });
    if (outcome.status === 'FAILED') record.message = outcome.message;
  }
  record.paused = undefined;
  record.status = outcome.status;
  record.endTime = endAt;
  await ctx.tx.put(WORKFLOW_EXECUTIONS, ibScope(ctx.scope), key, record);
}

/** Removes an image's workflow records (DeleteImage). */
export async function deleteWorkflows(ctx: HandlerContext, image: ImageRecord): Promise<void> {
  const scope = ibScope(ctx.scope);
  for (const { key, value } of await ctx.tx.list<WorkflowExecutionRecord>(WORKFLOW_EXECUTIONS, scope, { prefix: `${keyOf(image)}/` })) {
    await ctx.tx.delete(WORKFLOW_EXECUTIONS, scope, key);
    await ctx.tx.delete(WORKFLOW_EXECUTION_IDS, scope, value.workflowExecutionId);
    for (const step of value.steps) await ctx.tx.delete(WORKFLOW_STEP_IDS, scope, step.stepExecutionId);
  }
}

export async function findWorkflowExecution(ctx: HandlerContext, workflowExecutionId: string): Promise<WorkflowExecutionRecord | undefined> {
  const scope = ibScope(ctx.scope);
  const key = await ctx.tx.get<string>(WORKFLOW_EXECUTION_IDS, scope, workflowExecutionId);
  return key === undefined ? undefined : ctx.tx.get<WorkflowExecutionRecord>(WORKFLOW_EXECUTIONS, scope, key);
}

export async function findStepExecution(ctx: HandlerContext, stepExecutionId: string): Promise<{ workflow: WorkflowExecutionRecord; index: number } | undefined> {
  const scope = ibScope(ctx.scope);
  const key = await ctx.tx.get<string>(WORKFLOW_STEP_IDS, scope, stepExecutionId);
  const workflow = key === undefined ? undefined : await ctx.tx.get<WorkflowExecutionRecord>(WORKFLOW_EXECUTIONS, scope, key);
  const index = workflow?.steps.findIndex((s) => s.stepExecutionId === stepExecutionId) ?? -1;
  return workflow && index >= 0 ? { workflow, index } : undefined;
}

export function toWorkflowExecutionMetadata(record: WorkflowExecutionRecord, at: number): WorkflowExecutionMetadata & Pick<GetWorkflowExecutionResponse, 'imageBuildVersionArn'> {
  const steps = stepsAt(record, at);
  const count = (status: WorkflowStepExecutionStatus) => steps.filter((s) => s.status === status).length;
  return {
    workflowBuildVersionArn: record.workflowBuildVersionArn, workflowExecutionId: record.workflowExecutionId,
    imageBuildVersionArn: record.imageBuildVersionArn, type: record.type, status: record.status, message: record.message,
    totalStepCount: steps.length, totalStepsSucceeded: count('COMPLETED'), totalStepsFailed: count('FAILED'), totalStepsSkipped: count('SKIPPED'),
    startTime: record.startTime, endTime: record.endTime,
  };
}

export function toStepMetadata(record: WorkflowExecutionRecord, at: number): WorkflowStepMetadata[] {
  return stepsAt(record, at).map((s) => ({
    stepExecutionId: s.stepExecutionId, name: s.name, description: s.description, action: s.action, status: s.status,
    message: s.message, inputs: s.inputs, outputs: s.outputs, startTime: s.startTime, endTime: s.endTime,
  }));
}

export function toStepExecution(record: WorkflowExecutionRecord, index: number, at: number): Omit<GetWorkflowStepExecutionResponse, 'requestId'> {
  const step = stepsAt(record, at)[index];
  return {
    stepExecutionId: step.stepExecutionId, workflowBuildVersionArn: record.workflowBuildVersionArn, workflowExecutionId: record.workflowExecutionId,
    imageBuildVersionArn: record.imageBuildVersionArn, name: step.name, description: step.description, action: step.action, status: step.status,
    message: step.message, inputs: step.inputs, outputs: step.outputs, startTime: step.startTime, endTime: step.endTime,
    onFailure: step.onFailure, timeoutSeconds: step.timeoutSeconds,
  };
}
