/**
 * Image Builder workflows through @aws-sdk/client-imagebuilder (and one flow through the `aws`
 * CLI), on a manual clock started at the real time: CreateWorkflow/GetWorkflow/ListWorkflows/
 * ListWorkflowBuildVersions/DeleteWorkflow with versions, builds, tags, clientToken and dryRun;
 * Amazon's managed workflows; workflow document validation; the execution role that custom
 * workflows need and the iam:PassRole it takes; builds that run a custom workflow, pause at a
 * WaitForAction step (ListWaitingWorkflowSteps) and are resumed, stopped or time out.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateRoleCommand, CreateServiceLinkedRoleCommand, DeleteServiceLinkedRoleCommand, GetServiceLinkedRoleDeletionStatusCommand,
} from '@aws-sdk/client-iam';
import {
  CreateImageCommand, CreateImagePipelineCommand, CreateImageRecipeCommand, CreateInfrastructureConfigurationCommand, CreateWorkflowCommand,
  DeleteImagePipelineCommand, DeleteWorkflowCommand, GetImageCommand, GetWorkflowCommand, GetWorkflowStepExecutionCommand, ImagebuilderClient,
  ListImagesCommand, ListTagsForResourceCommand, ListWaitingWorkflowStepsCommand, ListWorkflowBuildVersionsCommand, ListWorkflowExecutionsCommand, ListWorkflowsCommand,
  ListWorkflowStepExecutionsCommand, SendWorkflowStepActionCommand, TagResourceCommand, UpdateImagePipelineCommand,
  type CreateImageCommandInput, type CreateWorkflowCommandInput, type WorkflowConfiguration,
} from '@aws-sdk/client-imagebuilder';
import { ManualClock } from '../../src/index.js';
import { expectError } from '../helpers/errors.js';
import { startTestKiln, type TestKiln } from '../helpers/kiln.js';
import { runAws } from '../helpers/subprocess.js';
import { ACCOUNT, createBuilderProfile, IB, PARENT_IMAGE, trustPolicyFor } from '../helpers/fixtures.js';
import { limitedUser } from '../helpers/users.js';

/** PENDING 1 s, BUILDING 5 s, TESTING 2 s, DISTRIBUTING 2 s, INTEGRATING 1 s. */
const DURATIONS = { buildPendingMs: 1000, buildBuildingMs: 5000, buildTestingMs: 2000, buildDistributingMs: 2000, buildIntegratingMs: 1000 };
const EXECUTION_ROLE = `arn:aws:iam::${ACCOUNT}:role/ImageBuilderExecution`;

/** A build workflow that launches, runs components, waits for approval (when `approve` is true), creates the AMI and terminates. */
const APPROVAL = `name: approval
description: Build, then wait for a person to approve
schemaVersion: 1.0
parameters:
  - name: approve
    type: boolean
    default: true
steps:
  - name: LaunchBuildInstance
    action: LaunchInstance
    onFailure: Abort
    inputs:
      waitFor: ssmAgent
  - name: ApplyBuildComponents
    action: ExecuteComponents
    inputs:
      instanceId.$: $.stepOutputs.LaunchBuildInstance.instanceId
  - name: Approve
    action: WaitForAction
    timeoutSeconds: 3600
    if:
      booleanEquals: true
      value: $.parameters.approve
  - name: CreateOutputAMI
    action: CreateImage
    inputs:
      instanceId.$: $.stepOutputs.LaunchBuildInstance.instanceId
  - name: TerminateBuildInstance
    action: TerminateInstance
    onFailure: Continue
    inputs:
      instanceId.$: $.stepOutputs.LaunchBuildInstance.instanceId
`;

const invalid = (detail: string) => ({ name: 'InvalidParameterValueException', status: 400, message: `The value supplied for parameter 'data' is not valid. ${detail}` });
const notFound = (arn: string) => ({ name: 'ResourceNotFoundException', status: 404, message: `The resource ARN '${arn}' does not exist.` });

describe('Image Builder workflows', () => {
  let kiln: TestKiln;
  let ib: ImagebuilderClient;
  let infra: string;
  let recipe: string;
  let counter = 0;
  const token = () => `token-${++counter}`;
  const clock = new ManualClock(new Date());
  const advance = async (seconds: number) => {
    clock.advance(seconds);
    await kiln.runUntilIdle();
  };
  const createWorkflow = async (input: Partial<CreateWorkflowCommandInput> = {}) => (await ib.send(new CreateWorkflowCommand({
    name: 'approval', semanticVersion: '1.0.0', type: 'BUILD', data: APPROVAL, clientToken: token(), ...input,
  })));
  const createImage = async (input: Partial<CreateImageCommandInput> = {}) => (await ib.send(new CreateImageCommand({
    imageRecipeArn: recipe, infrastructureConfigurationArn: infra, clientToken: token(), ...input,
  }))).imageBuildVersionArn!;
  const status = async (arn: string) => (await ib.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image!.state;
  const executions = async (arn: string) => (await ib.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn }))).workflowExecutions!;
  const steps = async (workflowExecutionId: string) => (await ib.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId }))).steps!;
  const waiting = async () => (await ib.send(new ListWaitingWorkflowStepsCommand({}))).steps!;

  before(async () => {
    kiln = await startTestKiln({ clock, ...DURATIONS, slrDeletionStartMs: 500, slrDeletionRunMs: 1000 });
    ib = kiln.imagebuilder;
  });
  after(() => kiln.close());
  beforeEach(async () => {
    await kiln.reset();
    await createBuilderProfile(kiln.iam);
    await kiln.iam.send(new CreateRoleCommand({ RoleName: 'ImageBuilderExecution', AssumeRolePolicyDocument: trustPolicyFor('imagebuilder.amazonaws.com') }));
    infra = (await ib.send(new CreateInfrastructureConfigurationCommand({ name: 'builders', instanceProfileName: 'BuilderProfile', clientToken: token() }))).infrastructureConfigurationArn!;
    recipe = (await ib.send(new CreateImageRecipeCommand({ name: 'golden', semanticVersion: '1.0.0', parentImage: PARENT_IMAGE, clientToken: token() }))).imageRecipeArn!;
  });

  it('creates, reads, versions, lists, tags and deletes workflows', async () => {
    const created = await createWorkflow({ name: 'My_Approval', description: 'first', tags: { team: 'platform' } });
    const build1 = `${IB}:workflow/build/my-approval/1.0.0/1`;
    assert.equal(created.workflowBuildVersionArn, build1);
    assert.deepEqual(created.latestVersionReferences, {
      latestVersionArn: `${IB}:workflow/build/my-approval/x.x.x`, latestMajorVersionArn: `${IB}:workflow/build/my-approval/1.x.x`,
      latestMinorVersionArn: `${IB}:workflow/build/my-approval/1.0.x`, latestPatchVersionArn: `${IB}:workflow/build/my-approval/1.0.0`,
    });
    const got = (await ib.send(new GetWorkflowCommand({ workflowBuildVersionArn: build1 }))).workflow!;
    assert.deepEqual({ ...got, dateCreated: undefined }, {
      arn: build1, name: 'My_Approval', version: '1.0.0', description: 'first', type: 'BUILD', owner: ACCOUNT, data: APPROVAL,
      dateCreated: undefined, tags: { team: 'platform' }, parameters: [{ name: 'approve', type: 'boolean', defaultValue: ['true'] }],
    });

    // The same name and version with another configuration is the next build; the same configuration again fails.
    const build2 = (await createWorkflow({ name: 'My_Approval', description: 'second' })).workflowBuildVersionArn!;
    assert.equal(build2, `${IB}:workflow/build/my-approval/1.0.0/2`);
    await expectError(createWorkflow({ name: 'My_Approval', description: 'second' }), { name: 'ResourceAlreadyExistsException', status: 400 });
    await createWorkflow({ name: 'My_Approval', semanticVersion: '1.2.0', description: 'newer' });
    await createWorkflow({ name: 'checks', type: 'TEST', data: 'schemaVersion: 1.0\nsteps:\n  - name: Pause\n    action: WaitForAction\n' });

    // Version ARNs and wildcards name the newest matching build.
    const newest = async (arn: string) => (await ib.send(new GetWorkflowCommand({ workflowBuildVersionArn: arn }))).workflow!.arn;
    assert.equal(await newest(`${IB}:workflow/build/my-approval/1.0.0`), build2);
    assert.equal(await newest(`${IB}:workflow/build/my-approval/x.x.x`), `${IB}:workflow/build/my-approval/1.2.0/1`);
    assert.equal(await newest(`${IB}:workflow/build/my-approval/1.0.x`), build2);
    await expectError(newest(`${IB}:workflow/build/my-approval/2.x.x`), notFound(`${IB}:workflow/build/my-approval/2.x.x`));
    await expectError(newest(`${IB}:workflow/test/my-approval/1.0.0`), notFound(`${IB}:workflow/test/my-approval/1.0.0`));

    const versions = (await ib.send(new ListWorkflowsCommand({}))).workflowVersionList!;
    assert.deepEqual(versions.map((v) => [v.arn, v.description, v.type, v.owner]), [
      [`${IB}:workflow/build/my-approval/1.0.0`, 'second', 'BUILD', ACCOUNT],
      [`${IB}:workflow/build/my-approval/1.2.0`, 'newer', 'BUILD', ACCOUNT],
      [`${IB}:workflow/test/checks/1.0.0`, undefined, 'TEST', ACCOUNT],
    ]);
    const byName = (await ib.send(new ListWorkflowsCommand({ byName: true }))).workflowVersionList!;
    assert.deepEqual(byName.map((v) => v.arn), [`${IB}:workflow/build/my-approval/1.2.0`, `${IB}:workflow/test/checks/1.0.0`]);
    const tests = (await ib.send(new ListWorkflowsCommand({ filters: [{ name: 'type', values: ['TEST'] }] }))).workflowVersionList!;
    assert.deepEqual(tests.map((v) => v.name), ['checks']);
    await expectError(ib.send(new ListWorkflowsCommand({ byName: true, filters: [{ name: 'version', values: ['1.0.0'] }] })), { name: 'InvalidRequestException', status: 400 });
    const paged = await ib.send(new ListWorkflowsCommand({ maxResults: 2 }));
    assert.equal(paged.workflowVersionList!.length, 2);
    const rest = await ib.send(new ListWorkflowsCommand({ maxResults: 2, nextToken: paged.nextToken }));
    assert.deepEqual(rest.workflowVersionList!.map((v) => v.name), ['checks']);

    const builds = (await ib.send(new ListWorkflowBuildVersionsCommand({ workflowVersionArn: `${IB}:workflow/build/my-approval/1.0.0` }))).workflowSummaryList!;
    assert.deepEqual(builds.map((b) => [b.arn, b.description]), [[build1, 'first'], [build2, 'second']]);
    assert.deepEqual(builds[0].tags, { team: 'platform' });
    const all = (await ib.send(new ListWorkflowBuildVersionsCommand({}))).workflowSummaryList!;
    assert.equal(all.length, 4);

    await ib.send(new TagResourceCommand({ resourceArn: build2, tags: { stage: 'prod' } }));
    assert.deepEqual((await ib.send(new ListTagsForResourceCommand({ resourceArn: build2 }))).tags, { stage: 'prod' });

    assert.deepEqual((await ib.send(new DeleteWorkflowCommand({ workflowBuildVersionArn: build2 }))).workflowBuildVersionArn, build2);
    await expectError(ib.send(new GetWorkflowCommand({ workflowBuildVersionArn: build2 })), notFound(build2));
    await expectError(ib.send(new DeleteWorkflowCommand({ workflowBuildVersionArn: build2 })), notFound(build2));
    assert.equal(await newest(`${IB}:workflow/build/my-approval/1.0.0`), build1);
  });

  it('answers a repeated clientToken with the first response, and dryRun without creating anything', async () => {
    const first = await createWorkflow({ clientToken: 'same' });
    const again = await createWorkflow({ clientToken: 'same' });
    assert.equal(again.workflowBuildVersionArn, first.workflowBuildVersionArn);
    await expectError(createWorkflow({ clientToken: 'same', description: 'changed' }), { name: 'IdempotentParameterMismatchException', status: 400 });
    await expectError(createWorkflow({ name: 'dry', dryRun: true }), {
      name: 'DryRunOperationException', status: 412, message: 'The request would have succeeded, but the dryRun parameter was set.',
    });
    assert.deepEqual((await ib.send(new ListWorkflowBuildVersionsCommand({}))).workflowSummaryList!.map((w) => w.name), ['approval']);
  });

  it('reads Amazon\'s managed workflows, which cannot be deleted', async () => {
    const managed = (await ib.send(new ListWorkflowsCommand({ owner: 'Amazon' }))).workflowVersionList!;
    const names = managed.map((w) => w.name);
    for (const name of ['build-image', 'test-image', 'distribute-image', 'build-container', 'test-container', 'distribute-container']) assert.ok(names.includes(name), name);
    assert.ok(managed.every((w) => w.owner === 'Amazon'));
    const buildImage = (await ib.send(new GetWorkflowCommand({ workflowBuildVersionArn: 'arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/x.x.x' }))).workflow!;
    assert.equal(buildImage.arn, 'arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/1.0.0/1');
    assert.match(buildImage.data!, /action: CreateImage/);
    const managedBuilds = (await ib.send(new ListWorkflowBuildVersionsCommand({ workflowVersionArn: 'arn:aws:imagebuilder:us-east-1:aws:workflow/test/test-image/x.x.x' }))).workflowSummaryList!;
    assert.deepEqual(managedBuilds.map((w) => w.arn), ['arn:aws:imagebuilder:us-east-1:aws:workflow/test/test-image/1.0.0/1']);
    await expectError(ib.send(new DeleteWorkflowCommand({ workflowBuildVersionArn: buildImage.arn })), { name: 'ForbiddenException', status: 403 });
    await expectError(ib.send(new ListWorkflowsCommand({ owner: 'Shared' })), { name: 'InvalidRequestException', status: 400 });
    assert.deepEqual((await ib.send(new ListWorkflowsCommand({ owner: 'AWSMarketplace' }))).workflowVersionList, []);
  });

  it('checks workflow documents and creates nothing from a bad one', async () => {
    const steps = (...lines: string[]) => `schemaVersion: 1.0\nsteps:\n${lines.join('\n')}\n`;
    const launch = '  - name: Launch\n    action: LaunchInstance\n    inputs:\n      waitFor: ssmAgent';
    const cases: Array<[string, string, ReturnType<typeof invalid>]> = [
      ['BUILD', 'steps: [: bad', invalid('The workflow document is not valid YAML or JSON: Nested mappings are not allowed in compact mappings at line 1, column 9:')],
      ['BUILD', 'schemaVersion: 2.0\nsteps: []\n', invalid("The workflow document must have 'schemaVersion: 1.0'.")],
      ['BUILD', 'schemaVersion: 1.0\n', invalid("The workflow document must have a 'steps' list with at least one step.")],
      ['BUILD', steps('  - name: Fly\n    action: Teleport'), invalid(`Step 'Fly' has an unsupported action 'Teleport'. Supported actions: ApplyImageConfigurations, BootstrapInstanceForContainer, CollectImageMetadata, CollectImageScanFindings, CreateImage, CreateImageFromIso, DistributeContainerImage, DistributeImage, ExecuteComponents, ExecuteStateMachine, LaunchInstance, ModifyImageAttributes, RegisterImage, RunCommand, RunSysPrep, SanitizeInstance, TerminateInstance, WaitForAction, WaitForSSMAgent.`)],
      ['DISTRIBUTION', steps(launch, '  - name: Run\n    action: ExecuteComponents\n    inputs:\n      instanceId.$: $.stepOutputs.Launch.instanceId'),
        invalid("Step 'Run' uses the action ExecuteComponents, which DISTRIBUTION workflows cannot use (only BUILD, TEST).")],
      ['BUILD', steps('  - name: Make\n    action: CreateImage'), invalid("Step 'Make' (CreateImage) is missing its required input 'instanceId'.")],
      ['BUILD', steps('  - name: Make\n    action: CreateImage\n    inputs:\n      instanceId.$: $.stepOutputs.Launch.instanceId', launch),
        invalid("Step 'Make' refers to $.stepOutputs.Launch, but no earlier step has that name.")],
      ['BUILD', steps('  - name: Wait\n    action: WaitForAction\n    if:\n      booleanEquals: true\n      value: $.parameters.missing'),
        invalid("Step 'Wait' refers to $.parameters.missing, but the document declares no parameter 'missing'.")],
      ['BUILD', steps('  - name: Wait\n    action: WaitForAction\n    timeoutSeconds: 700000'), invalid("Step 'Wait' has timeoutSeconds 700000; for WaitForAction it must be an integer from 1 to 604800.")],
      ['BUILD', steps(launch, launch), invalid("The step name 'Launch' is used more than once. Step names must be unique.")],
      ['BUILD', steps('  - name: Wait\n    action: WaitForAction\n    onFailure: Retry'), invalid("Step 'Wait' has onFailure 'Retry'; it must be Abort or Continue.")],
      ['BUILD', steps('  - name: Wait\n    action: WaitForAction\n    if:\n      maybe: true'),
        invalid("Step 'Wait' has an 'if' condition that is not valid: use and, or, not, or one of booleanEquals, numberEquals, numberGreaterThan, numberGreaterThanEquals, numberLessThan, numberLessThanEquals, stringEquals with a 'value'.")],
      ['BUILD', steps(...Array.from({ length: 16 }, (_, i) => `  - name: Wait${i}\n    action: WaitForAction`)), invalid('A workflow document can have at most 15 steps; this one has 16.')],
      ['BUILD', steps('  - name: Launch\n    action: LaunchInstance\n    inputs:\n      waitFor: coffee'), invalid("Step 'Launch' has waitFor 'coffee'; Image Builder supports ssmAgent.")],
      ['BUILD', 'schemaVersion: 1.0\nparameters:\n  - name: size\n    type: integer\n    default: big\n' + steps('  - name: Wait\n    action: WaitForAction').slice('schemaVersion: 1.0\n'.length),
        invalid("The default value of parameter 'size' is not a integer.")],
    ];
    for (const [type, data, expected] of cases) {
      const call = createWorkflow({ name: 'bad', type: type as 'BUILD', data });
      if (expected.message.includes('Nested mappings')) {
        const error = await expectError(call, { name: expected.name, status: expected.status });
        assert.ok(error.message.startsWith("The value supplied for parameter 'data' is not valid. The workflow document is not valid YAML or JSON:"), error.message);
      } else {
        await expectError(call, expected);
      }
    }
    await expectError(createWorkflow({ data: undefined }), { name: 'InvalidParameterCombinationException', status: 400, message: "You must specify either 'data' or 'uri' for the workflow document." });
    await expectError(createWorkflow({ uri: 's3://bucket/wf.yaml' }), { name: 'InvalidParameterCombinationException', status: 400 });
    await expectError(createWorkflow({ semanticVersion: '1.0.1073741824' }), { name: 'InvalidVersionNumberException', status: 400 });
    assert.deepEqual((await ib.send(new ListWorkflowBuildVersionsCommand({}))).workflowSummaryList, []);
    // JSON documents, and documents kept in S3, are accepted.
    const json = JSON.stringify({ schemaVersion: '1.0', steps: [{ name: 'Pause', action: 'WaitForAction' }] });
    assert.equal((await createWorkflow({ name: 'json', data: json })).workflowBuildVersionArn, `${IB}:workflow/build/json/1.0.0/1`);
    assert.equal((await createWorkflow({ name: 's3-doc', data: undefined, uri: 's3://bucket/wf.yaml' })).workflowBuildVersionArn, `${IB}:workflow/build/s3-doc/1.0.0/1`);
  });

  it('images and pipelines that name workflows need an execution role, workflows that exist and the parameters they declare', async () => {
    const workflow = (await createWorkflow()).workflowBuildVersionArn!;
    const workflows: WorkflowConfiguration[] = [{ workflowArn: workflow }];
    const noRole = { name: 'InvalidRequestException', status: 400, message: 'An execution role is required to provide workflows' };
    await expectError(createImage({ workflows }), noRole);
    const pipeline = { name: 'nightly', imageRecipeArn: recipe, infrastructureConfigurationArn: infra, workflows, clientToken: token() };
    await expectError(ib.send(new CreateImagePipelineCommand(pipeline)), noRole);
    const missing = `${IB}:workflow/build/approval/9.0.0`;
    await expectError(createImage({ workflows: [{ workflowArn: missing }], executionRole: EXECUTION_ROLE }), notFound(missing));
    await expectError(createImage({ workflows: [{ workflowArn: workflow, parameters: [{ name: 'colour', value: ['red'] }] }], executionRole: EXECUTION_ROLE }), {
      name: 'InvalidParameterValueException', status: 400, message: "The value supplied for parameter 'workflows[0].parameters' is not valid. The workflow declares no parameter 'colour'.",
    });
    await expectError(createImage({ workflows: [{ workflowArn: workflow, parameters: [{ name: 'approve', value: ['maybe'] }] }], executionRole: EXECUTION_ROLE }), {
      name: 'InvalidParameterValueException', status: 400, message: "The value supplied for parameter 'workflows[0].parameters' is not valid. The parameter 'approve' takes one boolean value; got [maybe].",
    });
    assert.deepEqual((await ib.send(new ListImagesCommand({}))).imageVersionList, []);

    // A pipeline that names the workflow keeps it from being deleted.
    const pipelineArn = (await ib.send(new CreateImagePipelineCommand({ ...pipeline, executionRole: 'ImageBuilderExecution', clientToken: token() }))).imagePipelineArn!;
    await expectError(ib.send(new DeleteWorkflowCommand({ workflowBuildVersionArn: workflow })), {
      name: 'ResourceDependencyException', status: 400, message: `Resource dependency error: The resource ARN '${workflow}' has other resources depended on it.`,
    });
    await ib.send(new UpdateImagePipelineCommand({ imagePipelineArn: pipelineArn, imageRecipeArn: recipe, infrastructureConfigurationArn: infra, clientToken: token() }));
    await ib.send(new DeleteWorkflowCommand({ workflowBuildVersionArn: workflow }));
    await ib.send(new DeleteImagePipelineCommand({ imagePipelineArn: pipelineArn }));
  });

  it('checks iam:PassRole on the execution role for a user with limited permissions', async () => {
    const workflow = (await createWorkflow()).workflowBuildVersionArn!;
    await kiln.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'imagebuilder.amazonaws.com' }));
    const userClient = async (name: string, statements: object[]) => (await limitedUser(kiln, name, statements)).imagebuilder;
    const imagebuilderOnly = await userClient('builder', [{ Effect: 'Allow', Action: 'imagebuilder:*', Resource: '*' }]);
    const input = { imageRecipeArn: recipe, infrastructureConfigurationArn: infra, workflows: [{ workflowArn: workflow }], executionRole: 'ImageBuilderExecution' };
    await expectError(imagebuilderOnly.send(new CreateImageCommand({ ...input, clientToken: token() })), {
      name: 'AccessDeniedException', status: 403,
      message: `User: arn:aws:iam::${ACCOUNT}:user/builder is not authorized to perform: iam:PassRole on resource: ${EXECUTION_ROLE} because no identity-based policy allows the iam:PassRole action`,
    });
    await expectError(imagebuilderOnly.send(new CreateImagePipelineCommand({ ...input, name: 'pipe', clientToken: token() })), { name: 'AccessDeniedException', status: 403 });
    const passes = await userClient('passer', [
      { Effect: 'Allow', Action: 'imagebuilder:*', Resource: '*' },
      { Effect: 'Allow', Action: 'iam:PassRole', Resource: EXECUTION_ROLE, Condition: { StringEquals: { 'iam:PassedToService': 'imagebuilder.amazonaws.com' } } },
    ]);
    const arn = (await passes.send(new CreateImageCommand({ ...input, clientToken: token() }))).imageBuildVersionArn!;
    assert.equal(arn, `${IB}:image/golden/1.0.0/1`);
    imagebuilderOnly.destroy();
    passes.destroy();
  });

  it('pauses a build at a WaitForAction step until RESUME, and the waiting build keeps the service-linked role in use', async () => {
    const workflow = (await createWorkflow()).workflowBuildVersionArn!;
    const arn = await createImage({ workflows: [{ workflowArn: workflow }], executionRole: EXECUTION_ROLE });
    // PENDING ends at 1 s; the third of five steps begins at 1 + 5 × 2/5 = 3 s.
    await advance(3);
    assert.equal((await status(arn))!.status, 'BUILDING');
    const [build] = await executions(arn);
    assert.equal(build.workflowBuildVersionArn, workflow);
    assert.equal(build.status, 'RUNNING');
    const waitingSteps = await waiting();
    assert.equal(waitingSteps.length, 1);
    const [step] = waitingSteps;
    assert.deepEqual({ ...step, stepExecutionId: undefined, startTime: undefined }, {
      stepExecutionId: undefined, imageBuildVersionArn: arn, workflowExecutionId: build.workflowExecutionId, workflowBuildVersionArn: workflow,
      name: 'Approve', action: 'WaitForAction', startTime: undefined,
    });
    const view = await steps(build.workflowExecutionId!);
    assert.deepEqual(view.map((s) => [s.name, s.status]), [
      ['LaunchBuildInstance', 'COMPLETED'], ['ApplyBuildComponents', 'COMPLETED'], ['Approve', 'RUNNING'], ['CreateOutputAMI', 'PENDING'], ['TerminateBuildInstance', 'PENDING'],
    ]);
    const instanceId = JSON.parse(view[0].outputs!).instanceId;
    assert.deepEqual(JSON.parse(view[1].inputs!), { instanceId });

    // Five minutes later it still waits, and the service-linked role is still in use.
    await advance(300);
    assert.equal((await status(arn))!.status, 'BUILDING');
    const deletion = (await kiln.iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: 'AWSServiceRoleForImageBuilder' }))).DeletionTaskId!;
    await advance(2);
    const deletionStatus = await kiln.iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: deletion }));
    assert.equal(deletionStatus.Status, 'FAILED');
    assert.deepEqual(deletionStatus.Reason?.RoleUsageList, [{ Region: 'us-east-1', Resources: [arn] }]);

    await expectError(ib.send(new SendWorkflowStepActionCommand({ stepExecutionId: step.stepExecutionId, imageBuildVersionArn: `${IB}:image/golden/1.0.0/9`, action: 'RESUME', clientToken: token() })), {
      name: 'InvalidParameterValueException', status: 400,
      message: `The value supplied for parameter 'imageBuildVersionArn' is not valid. The workflow step execution '${step.stepExecutionId}' belongs to the image '${arn}'.`,
    });
    const resumed = await ib.send(new SendWorkflowStepActionCommand({ stepExecutionId: step.stepExecutionId, imageBuildVersionArn: arn, action: 'RESUME', reason: 'approved by QA', clientToken: 'resume-1' }));
    assert.deepEqual({ ...resumed, $metadata: undefined }, { $metadata: undefined, stepExecutionId: step.stepExecutionId, imageBuildVersionArn: arn, clientToken: 'resume-1' });
    // The same token again answers the same; a second action is refused.
    assert.equal((await ib.send(new SendWorkflowStepActionCommand({ stepExecutionId: step.stepExecutionId, imageBuildVersionArn: arn, action: 'RESUME', reason: 'approved by QA', clientToken: 'resume-1' }))).stepExecutionId, step.stepExecutionId);
    await expectError(ib.send(new SendWorkflowStepActionCommand({ stepExecutionId: step.stepExecutionId, imageBuildVersionArn: arn, action: 'STOP', clientToken: token() })), {
      name: 'InvalidRequestException', status: 400,
      message: `The workflow step 'Approve' (${step.stepExecutionId}) is not waiting for an action. Only a WaitForAction step that is waiting accepts RESUME or STOP, once.`,
    });
    assert.deepEqual(await waiting(), []);
    const approve = (await ib.send(new GetWorkflowStepExecutionCommand({ stepExecutionId: step.stepExecutionId })));
    assert.equal(approve.status, 'COMPLETED');
    assert.deepEqual(JSON.parse(approve.outputs!), { action: 'RESUME', reason: 'approved by QA' });

    // The two steps left take their 2 s, then the test and distribution stages run Amazon's workflows.
    await advance(2);
    assert.equal((await status(arn))!.status, 'TESTING');
    await advance(5);
    assert.equal((await status(arn))!.status, 'AVAILABLE');
    const all = await executions(arn);
    assert.deepEqual(all.map((w) => [w.type, w.status, w.workflowBuildVersionArn!.split(':').at(-1)]), [
      ['BUILD', 'COMPLETED', 'workflow/build/approval/1.0.0/1'], ['TEST', 'COMPLETED', 'workflow/test/test-image/1.0.0/1'],
      ['DISTRIBUTION', 'COMPLETED', 'workflow/distribution/distribute-image/1.0.0/1'],
    ]);
    assert.deepEqual((await steps(build.workflowExecutionId!)).map((s) => s.status), ['COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED']);
  });

  it('STOP fails the step and, with onFailure Abort, the workflow and the build; a false `if` skips the wait', async () => {
    const workflow = (await createWorkflow()).workflowBuildVersionArn!;
    const arn = await createImage({ workflows: [{ workflowArn: workflow }], executionRole: EXECUTION_ROLE });
    await advance(3);
    const [step] = await waiting();
    await ib.send(new SendWorkflowStepActionCommand({ stepExecutionId: step.stepExecutionId, imageBuildVersionArn: arn, action: 'STOP', reason: 'rejected', clientToken: token() }));
    const message = "The workflow step 'Approve' was stopped with SendWorkflowStepAction: rejected";
    assert.deepEqual(await status(arn), { status: 'FAILED', reason: message });
    const [build] = await executions(arn);
    assert.deepEqual([build.status, build.message, build.totalStepsFailed, build.totalStepsSkipped], ['FAILED', message, 1, 2]);
    assert.deepEqual((await steps(build.workflowExecutionId!)).map((s) => [s.name, s.status]), [
      ['LaunchBuildInstance', 'COMPLETED'], ['ApplyBuildComponents', 'COMPLETED'], ['Approve', 'FAILED'], ['CreateOutputAMI', 'SKIPPED'], ['TerminateBuildInstance', 'SKIPPED'],
    ]);
    assert.deepEqual(await waiting(), []);

    // With approve=false the WaitForAction step is SKIPPED and the build runs straight through.
    const second = await createImage({ workflows: [{ workflowArn: workflow, parameters: [{ name: 'approve', value: ['false'] }] }], executionRole: EXECUTION_ROLE });
    await advance(11);
    assert.equal((await status(second))!.status, 'AVAILABLE');
    const [secondBuild] = await executions(second);
    assert.deepEqual((await steps(secondBuild.workflowExecutionId!)).map((s) => s.status), ['COMPLETED', 'COMPLETED', 'SKIPPED', 'COMPLETED', 'COMPLETED']);
  });

  it('STOP on a step with onFailure Continue goes on; a wait that times out fails the build', async () => {
    const lenient = APPROVAL.replace('    timeoutSeconds: 3600\n', '    timeoutSeconds: 60\n    onFailure: Continue\n');
    const workflow = (await createWorkflow({ name: 'lenient', data: lenient })).workflowBuildVersionArn!;
    const arn = await createImage({ workflows: [{ workflowArn: workflow }], executionRole: EXECUTION_ROLE, imageTestsConfiguration: { imageTestsEnabled: false } });
    await advance(3);
    const [step] = await waiting();
    await ib.send(new SendWorkflowStepActionCommand({ stepExecutionId: step.stepExecutionId, imageBuildVersionArn: arn, action: 'STOP', clientToken: token() }));
    await advance(10);
    assert.equal((await status(arn))!.status, 'AVAILABLE');
    const [build] = await executions(arn);
    assert.deepEqual([build.status, build.totalStepsFailed, build.totalStepsSucceeded], ['COMPLETED', 1, 4]);

    const timesOut = await createImage({ workflows: [{ workflowArn: workflow }], executionRole: EXECUTION_ROLE });
    await advance(3);
    assert.equal((await waiting()).length, 1);
    await advance(59);
    assert.equal((await status(timesOut))!.status, 'BUILDING');
    await advance(1);
    assert.deepEqual(await status(timesOut), {
      status: 'FAILED', reason: "The workflow step 'Approve' timed out after 60 seconds without an action from SendWorkflowStepAction.",
    });
    assert.deepEqual(await waiting(), []);
  });

  it('runs a waiting build through the aws CLI', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kiln-wf-'));
    try {
      const file = join(dir, 'approval.yaml');
      await writeFile(file, APPROVAL);
      const aws = async (...args: string[]) => {
        const result = await runAws(args, kiln.env);
        assert.equal(result.code, 0, `aws exited with ${result.code}: ${result.stderr}`);
        return result.stdout.trim() ? JSON.parse(result.stdout) : undefined;
      };
      const created = await aws('imagebuilder', 'create-workflow', '--name', 'cli-approval', '--semantic-version', '1.0.0', '--type', 'BUILD', '--data', `file://${file}`);
      assert.equal(created.workflowBuildVersionArn, `${IB}:workflow/build/cli-approval/1.0.0/1`);
      const listed = await aws('imagebuilder', 'list-workflows');
      assert.deepEqual(listed.workflowVersionList.map((w: { arn: string }) => w.arn), [`${IB}:workflow/build/cli-approval/1.0.0`]);
      const image = await aws('imagebuilder', 'create-image', '--image-recipe-arn', recipe, '--infrastructure-configuration-arn', infra,
        '--workflows', JSON.stringify([{ workflowArn: created.workflowBuildVersionArn }]), '--execution-role', 'ImageBuilderExecution');
      await advance(3);
      const { steps: [step] } = await aws('imagebuilder', 'list-waiting-workflow-steps');
      assert.equal(step.name, 'Approve');
      assert.equal(step.imageBuildVersionArn, image.imageBuildVersionArn);
      await aws('imagebuilder', 'send-workflow-step-action', '--step-execution-id', step.stepExecutionId, '--image-build-version-arn', image.imageBuildVersionArn, '--action', 'RESUME', '--reason', 'ok');
      await advance(10);
      const got = await aws('imagebuilder', 'get-image', '--image-build-version-arn', image.imageBuildVersionArn);
      assert.equal(got.image.state.status, 'AVAILABLE');
      const failed = await runAws(['imagebuilder', 'create-image', '--image-recipe-arn', recipe, '--infrastructure-configuration-arn', infra,
        '--workflows', JSON.stringify([{ workflowArn: created.workflowBuildVersionArn }])], kiln.env);
      assert.equal(failed.code, 255);
      assert.match(failed.stderr, /InvalidRequestException.*An execution role is required to provide workflows/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
