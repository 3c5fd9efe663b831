/**
 * Amazon's managed workflows, readable in every region with GetWorkflow, ListWorkflows (owner
 * Amazon) and ListWorkflowBuildVersions: build-image, test-image, distribute-image and their
 * container counterparts (the names the CDK's AwsManagedWorkflow helper imports). Builds that name
 * no workflow of their own run these (workflow-executions.ts). Kiln reports each as version
 * 1.0.0/1; AWS's real version numbers and document texts are not documented, these documents
 * list the steps Kiln runs for them.
 */
import type { WorkflowType } from '../../../generated/imagebuilder.js';
import type { Scope } from '../../../kernel/scope.js';
import type { WorkflowRecord } from './workflows.js';

const launch = (stage: string) => `  - name: Launch${stage}Instance\n    action: LaunchInstance\n    onFailure: Abort\n    inputs:\n      waitFor: "ssmAgent"\n`;
const step = (stage: string, name: string, action: string, onFailure = 'Abort') =>
  `  - name: ${name}\n    action: ${action}\n    onFailure: ${onFailure}\n    inputs:\n      instanceId.$: "$.stepOutputs.Launch${stage}Instance.instanceId"\n`;
const doc = (name: string, description: string, steps: string) => `name: ${name}\ndescription: ${description}\nschemaVersion: 1.0\n\nsteps:\n${steps}`;

const MANAGED: Array<{ name: string; type: WorkflowType; description: string; data: string }> = [
  {
    name: 'build-image', type: 'BUILD', description: 'Workflow to build an AMI',
    data: doc('build-image', 'Workflow to build an AMI', launch('Build') + step('Build', 'ApplyBuildComponents', 'ExecuteComponents')
      + step('Build', 'InventoryCollection', 'CollectImageMetadata') + step('Build', 'RunSanitizationScript', 'SanitizeInstance')
      + step('Build', 'CreateOutputAMI', 'CreateImage') + step('Build', 'TerminateBuildInstance', 'TerminateInstance', 'Continue')),
  },
  {
    name: 'test-image', type: 'TEST', description: 'Workflow to test an AMI',
    data: doc('test-image', 'Workflow to test an AMI', launch('Test') + step('Test', 'ApplyTestComponents', 'ExecuteComponents')
      + step('Test', 'TerminateTestInstance', 'TerminateInstance', 'Continue')),
  },
  {
    name: 'distribute-image', type: 'DISTRIBUTION', description: 'Workflow to distribute an AMI',
    data: doc('distribute-image', 'Workflow to distribute an AMI', '  - name: DistributeImage\n    action: DistributeImage\n    onFailure: Abort\n'),
  },
  {
    name: 'build-container', type: 'BUILD', description: 'Workflow to build a container image',
    data: doc('build-container', 'Workflow to build a container image', launch('Build') + step('Build', 'BootstrapBuildInstance', 'BootstrapInstanceForContainer')
      + step('Build', 'ApplyBuildComponents', 'ExecuteComponents') + step('Build', 'TerminateBuildInstance', 'TerminateInstance', 'Continue')),
  },
  {
    name: 'test-container', type: 'TEST', description: 'Workflow to test a container image',
    data: doc('test-container', 'Workflow to test a container image', launch('Test') + step('Test', 'BootstrapTestInstance', 'BootstrapInstanceForContainer')
      + step('Test', 'ApplyTestComponents', 'ExecuteComponents') + step('Test', 'TerminateTestInstance', 'TerminateInstance', 'Continue')),
  },
  {
    name: 'distribute-container', type: 'DISTRIBUTION', description: 'Workflow to distribute a container image',
    data: doc('distribute-container', 'Workflow to distribute a container image', '  - name: DistributeImage\n    action: DistributeImage\n    onFailure: Abort\n'),
  },
];

/** The managed workflows as records of the caller's partition and region, in ARN order. */
export function managedWorkflows(scope: Pick<Scope, 'partition' | 'region'>): WorkflowRecord[] {
  return MANAGED.map((w) => ({
    arn: `arn:${scope.partition}:imagebuilder:${scope.region}:aws:workflow/${w.type.toLowerCase()}/${w.name}/1.0.0/1`,
    name: w.name, version: '1.0.0', build: 1, type: w.type, description: w.description, owner: 'Amazon', data: w.data,
    dateCreated: '2023-11-16T00:00:00.000Z', tags: {}, parameters: [], steps: [],
  })).sort((a, b) => (a.arn < b.arn ? -1 : 1));
}
