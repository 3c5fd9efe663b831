/**
 * The step actions a workflow document may use, as the Image Builder User Guide lists them
 * ("Supported step actions for your workflow document"): the stages each is allowed in, the
 * inputs it requires, its default and maximum timeout, and the outputs Kiln reports when it runs.
 */
import type { BuildFacts } from './workflow-executions.js';

export type Stage = 'BUILD' | 'TEST' | 'DISTRIBUTION';

export interface StepAction {
  stages: Stage[];
  /** Inputs the step must give (a key may carry the `.$` JSONPath suffix). */
  required: string[];
  defaultTimeoutSeconds: number;
  maxTimeoutSeconds: number;
  /** What the step reports as outputs when it completes in Kiln. */
  outputs?: (facts: BuildFacts) => Record<string, unknown>;
}

const ALL: Stage[] = ['BUILD', 'TEST', 'DISTRIBUTION'];
const MIN = 60;
const HOUR = 3600;
const DAY = 24 * HOUR;
const command = (facts: BuildFacts) => ({ runCommandId: `${facts.instanceId.replace(/^i-/, '')}-cmd`, status: 'Success', output: '' });

export const STEP_ACTIONS: Record<string, StepAction> = {
  ApplyImageConfigurations: { stages: ['DISTRIBUTION'], required: ['distributedImages'], defaultTimeoutSeconds: 360 * MIN, maxTimeoutSeconds: 720 * MIN, outputs: () => ({ configuredImages: [] }) },
  BootstrapInstanceForContainer: { stages: ALL, required: ['instanceId'], defaultTimeoutSeconds: 60 * MIN, maxTimeoutSeconds: 720 * MIN, outputs: command },
  CollectImageMetadata: { stages: ALL, required: ['instanceId'], defaultTimeoutSeconds: 30 * MIN, maxTimeoutSeconds: 720 * MIN },
  CollectImageScanFindings: { stages: ['TEST'], required: ['instanceId'], defaultTimeoutSeconds: 120 * MIN, maxTimeoutSeconds: 720 * MIN, outputs: command },
  CreateImage: { stages: ALL, required: ['instanceId'], defaultTimeoutSeconds: 720 * MIN, maxTimeoutSeconds: 3 * DAY, outputs: (f) => ({ imageId: f.amiId ?? '' }) },
  CreateImageFromIso: { stages: ALL, required: ['instanceId'], defaultTimeoutSeconds: 720 * MIN, maxTimeoutSeconds: 720 * MIN },
  DistributeContainerImage: { stages: ['DISTRIBUTION'], required: ['instanceId'], defaultTimeoutSeconds: 120 * MIN, maxTimeoutSeconds: 720 * MIN },
  DistributeImage: { stages: ['DISTRIBUTION'], required: [], defaultTimeoutSeconds: 360 * MIN, maxTimeoutSeconds: 720 * MIN, outputs: () => ({ distributedImages: [] }) },
  ExecuteComponents: { stages: ['BUILD', 'TEST'], required: ['instanceId'], defaultTimeoutSeconds: 720 * MIN, maxTimeoutSeconds: DAY, outputs: command },
  ExecuteStateMachine: { stages: ALL, required: ['stateMachineArn'], defaultTimeoutSeconds: 6 * HOUR, maxTimeoutSeconds: DAY },
  LaunchInstance: { stages: ALL, required: ['waitFor'], defaultTimeoutSeconds: 75 * MIN, maxTimeoutSeconds: 720 * MIN, outputs: (f) => ({ instanceId: f.instanceId }) },
  ModifyImageAttributes: { stages: ['DISTRIBUTION'], required: ['distributedImages'], defaultTimeoutSeconds: 120 * MIN, maxTimeoutSeconds: 180 * MIN, outputs: () => ({ modifiedImages: [] }) },
  RegisterImage: { stages: ALL, required: [], defaultTimeoutSeconds: 540 * MIN, maxTimeoutSeconds: 720 * MIN, outputs: (f) => ({ imageId: f.amiId ?? '' }) },
  RunCommand: { stages: ALL, required: ['instanceId', 'documentName'], defaultTimeoutSeconds: 720 * MIN, maxTimeoutSeconds: 720 * MIN, outputs: command },
  RunSysPrep: { stages: ALL, required: ['instanceId'], defaultTimeoutSeconds: 60 * MIN, maxTimeoutSeconds: 720 * MIN, outputs: command },
  SanitizeInstance: { stages: ALL, required: ['instanceId'], defaultTimeoutSeconds: 60 * MIN, maxTimeoutSeconds: 720 * MIN, outputs: command },
  TerminateInstance: { stages: ALL, required: ['instanceId'], defaultTimeoutSeconds: 30 * MIN, maxTimeoutSeconds: 720 * MIN },
  WaitForAction: { stages: ALL, required: [], defaultTimeoutSeconds: 3 * DAY, maxTimeoutSeconds: 7 * DAY },
  WaitForSSMAgent: { stages: ALL, required: ['instanceId'], defaultTimeoutSeconds: 60 * MIN, maxTimeoutSeconds: 180 * MIN, outputs: () => ({ status: 'Online' }) },
};

/** A workflow distributes AMIs or container images, never both (User Guide). */
export const AMI_DISTRIBUTION_ACTIONS = ['DistributeImage', 'ModifyImageAttributes', 'ApplyImageConfigurations'];

/** The action that pauses a build until SendWorkflowStepAction. */
export const WAIT_FOR_ACTION = 'WaitForAction';
