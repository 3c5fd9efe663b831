/**
 * Image Builder images and builds through @aws-sdk/client-imagebuilder, on a manual clock: the
 * build state machine with and without tests, zero durations, cancellation, failures (a missing
 * instance profile, Kiln's `kiln:fail-at-stage` test hook), outputResources, workflow executions and their steps, the
 * list/get/delete/import operations, pipeline runs, and the service-linked role's whole life:
 * created by the first image only and only with permission, RoleLastUsed, deletion FAILED with
 * the usage of every region, SUCCEEDED after the clean-up, and created again. The last part runs
 * a real `kiln serve` process (run `npm run build` first) and restarts it in the middle of a build.
 */
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CreateAccessKeyCommand, CreateUserCommand, DeleteInstanceProfileCommand, DeleteServiceLinkedRoleCommand, GetRoleCommand,
  GetServiceLinkedRoleDeletionStatusCommand, IAMClient, PutUserPolicyCommand, RemoveRoleFromInstanceProfileCommand,
} from '@aws-sdk/client-iam';
import {
  CancelImageCreationCommand, CreateComponentCommand, CreateContainerRecipeCommand, CreateDistributionConfigurationCommand,
  CreateImageCommand, CreateImagePipelineCommand, CreateImageRecipeCommand, CreateInfrastructureConfigurationCommand,
  DeleteImageCommand, DeleteImagePipelineCommand, DeleteImageRecipeCommand, GetImageCommand, GetImagePipelineCommand, GetWorkflowExecutionCommand,
  GetWorkflowStepExecutionCommand, ImagebuilderClient, ImportDiskImageCommand, ImportVmImageCommand, ListImageBuildVersionsCommand,
  ListImagePackagesCommand, ListImagesCommand, ListWorkflowExecutionsCommand, ListWorkflowStepExecutionsCommand,
  StartImagePipelineExecutionCommand, TagResourceCommand, UntagResourceCommand, UpdateImagePipelineCommand, type CreateImageCommandInput, type Image,
} from '@aws-sdk/client-imagebuilder';
import { ManualClock } from '../../src/index.js';
import { expectError } from '../helpers/errors.js';
import { startTestKiln, type TestKiln } from '../helpers/kiln.js';
import { ACCOUNT, createBuilderProfile, HOUR_AWAY_FROM_NOW, IB, PARENT_IMAGE } from '../helpers/fixtures.js';

const SLR = 'AWSServiceRoleForImageBuilder';
const COMPONENT = 'schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Hello\n        action: ExecuteBash\n        inputs:\n          commands: [echo hello]\n';
/** Seconds each status lasts in these tests: PENDING 1, BUILDING 4, TESTING 2, DISTRIBUTING 2, INTEGRATING 1. */
const DURATIONS = { buildPendingMs: 1000, buildBuildingMs: 4000, buildTestingMs: 2000, buildDistributingMs: 2000, buildIntegratingMs: 1000 };
const WF_ID = /^wf-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const STEP_ID = /^step-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const AMI = /^ami-[0-9a-f]{17}$/;

interface Fixtures {
  infra: string;
  recipe: string;
}

/** An instance profile with a role, an infrastructure configuration and an image recipe, in the client's region. */
async function fixtures(ib: ImagebuilderClient, iam: IAMClient, suffix = ''): Promise<Fixtures> {
  if (!suffix) {
    await createBuilderProfile(iam);
  }
  const infra = (await ib.send(new CreateInfrastructureConfigurationCommand({ name: `builders${suffix}`, instanceProfileName: 'BuilderProfile' }))).infrastructureConfigurationArn!;
  const recipe = (await ib.send(new CreateImageRecipeCommand({ name: 'Golden Recipe', semanticVersion: '1.0.0', parentImage: PARENT_IMAGE, description: 'golden' }))).imageRecipeArn!;
  return { infra, recipe };
}

describe('image builds', () => {
  let kiln: TestKiln;
  let ib: ImagebuilderClient;
  let fx: Fixtures;
  const clock = new ManualClock(new Date());
  const advance = async (seconds: number) => {
    clock.advance(seconds);
    await kiln.runUntilIdle();
  };
  const get = async (arn: string): Promise<Image> => (await ib.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image!;
  const status = async (arn: string) => (await get(arn)).state?.status;
  const create = async (input: Partial<CreateImageCommandInput> = {}) =>
    (await ib.send(new CreateImageCommand({ imageRecipeArn: fx.recipe, infrastructureConfigurationArn: fx.infra, ...input }))).imageBuildVersionArn!;
  const workflows = async (arn: string) => (await ib.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn }))).workflowExecutions ?? [];
  const steps = async (id: string) => (await ib.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: id }))).steps ?? [];
  const roleExists = async () => kiln.iam.send(new GetRoleCommand({ RoleName: SLR })).then(() => true, () => false);

  before(async () => {
    kiln = await startTestKiln({ clock, ...DURATIONS, slrDeletionStartMs: 500, slrDeletionRunMs: 1000 });
    ib = kiln.imagebuilder;
  });
  after(() => kiln.close());
  beforeEach(async () => {
    await kiln.reset();
    fx = await fixtures(ib, kiln.iam);
  });

  it('builds PENDING → BUILDING → TESTING → DISTRIBUTING → INTEGRATING → AVAILABLE against the clock', async () => {
    const started = clock.now().toISOString();
    const created = await ib.send(new CreateImageCommand({
      imageRecipeArn: fx.recipe, infrastructureConfigurationArn: fx.infra, tags: { team: 'platform' }, clientToken: 'build-1' }));
    const arn = `${IB}:image/golden-recipe/1.0.0/1`;
    assert.equal(created.imageBuildVersionArn, arn);
    assert.equal(created.clientToken, 'build-1');
    assert.deepEqual(created.latestVersionReferences, {
      latestVersionArn: `${IB}:image/golden-recipe/1.0.0`, latestMajorVersionArn: `${IB}:image/golden-recipe/1.0.0`,
      latestMinorVersionArn: `${IB}:image/golden-recipe/1.0.0`, latestPatchVersionArn: arn });

    const pending = await get(arn);
    assert.deepEqual(pending.state, { status: 'PENDING' });
    assert.equal(pending.name, 'Golden Recipe');
    assert.equal(pending.version, '1.0.0/1');
    assert.equal(pending.type, 'AMI');
    assert.equal(pending.platform, 'Linux');
    assert.equal(pending.osVersion, 'Amazon Linux 2023');
    assert.equal(pending.imageRecipe?.arn, fx.recipe);
    assert.equal(pending.imageRecipe?.parentImage, PARENT_IMAGE);
    assert.equal(pending.infrastructureConfiguration?.arn, fx.infra);
    assert.equal(pending.infrastructureConfiguration?.instanceProfileName, 'BuilderProfile');
    assert.deepEqual(pending.imageTestsConfiguration, { imageTestsEnabled: true, timeoutMinutes: 720 });
    assert.equal(pending.enhancedImageMetadataEnabled, true);
    assert.equal(pending.dateCreated, started);
    assert.deepEqual(pending.tags, { team: 'platform' });
    assert.equal(pending.buildType, 'USER_INITIATED');
    assert.equal(pending.imageSource, 'CUSTOM');
    assert.equal(pending.outputResources, undefined);

    // The same token and parameters answer the first response and build nothing more.
    const again = await ib.send(new CreateImageCommand({
      imageRecipeArn: fx.recipe, infrastructureConfigurationArn: fx.infra, tags: { team: 'platform' }, clientToken: 'build-1' }));
    assert.equal(again.imageBuildVersionArn, arn);
    await expectError(ib.send(new CreateImageCommand({ imageRecipeArn: fx.recipe, infrastructureConfigurationArn: fx.infra, clientToken: 'build-1' })),
      { name: 'IdempotentParameterMismatchException', status: 400 });

    await advance(0.999);
    assert.equal(await status(arn), 'PENDING');
    for (const [seconds, expected] of [[0.001, 'BUILDING'], [4, 'TESTING'], [2, 'DISTRIBUTING'], [2, 'INTEGRATING']] as const) {
      await advance(seconds);
      assert.equal(await status(arn), expected);
      assert.equal((await get(arn)).outputResources, undefined);
    }
    await advance(1);
    const done = await get(arn);
    assert.deepEqual(done.state, { status: 'AVAILABLE' });
    assert.equal(done.outputResources?.amis?.length, 1);
    const [ami] = done.outputResources!.amis!;
    assert.match(ami.image!, AMI);
    assert.equal(ami.region, 'us-east-1');
    assert.equal(ami.accountId, ACCOUNT);
    assert.deepEqual(ami.state, { status: 'AVAILABLE' });
    assert.equal(ami.name, `Golden Recipe ${started.replace(/:/g, '-')}`);
    assert.equal(ami.description, 'golden');

    // The next build of the same recipe version is /2.
    assert.equal(await create(), `${IB}:image/golden-recipe/1.0.0/2`);
  });

  it('skips TESTING when imageTestsEnabled is false, and shows build and distribution workflows only', async () => {
    const arn = await create({ imageTestsConfiguration: { imageTestsEnabled: false } });
    await advance(1);
    assert.equal(await status(arn), 'BUILDING');
    await advance(4);
    assert.equal(await status(arn), 'DISTRIBUTING');
    await advance(3);
    assert.equal(await status(arn), 'AVAILABLE');
    assert.deepEqual((await workflows(arn)).map((w) => [w.type, w.status]), [['BUILD', 'COMPLETED'], ['DISTRIBUTION', 'COMPLETED']]);
    assert.deepEqual((await get(arn)).imageTestsConfiguration, { imageTestsEnabled: false, timeoutMinutes: 720 });
  });

  it('catches up through every status that is over when the engine runs late', async () => {
    const arn = await create();
    await advance(60);
    assert.equal(await status(arn), 'AVAILABLE');
    const [build, test, distribution] = await workflows(arn);
    // Each stage lasts its configured time from when it was due, not from when the engine ran.
    const t0 = Date.parse((await get(arn)).dateCreated!);
    assert.equal(Date.parse(build.startTime!) - t0, 1000);
    assert.equal(Date.parse(test.startTime!) - t0, 5000);
    assert.equal(Date.parse(distribution.endTime!) - t0, 9000);
  });

  it('shows each workflow and its steps, advancing with the clock', async () => {
    const arn = await create();
    await advance(1);
    const [building] = await workflows(arn);
    assert.match(building.workflowExecutionId!, WF_ID);
    assert.equal(building.workflowBuildVersionArn, 'arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/1.0.0/1');
    assert.equal(building.type, 'BUILD');
    assert.equal(building.status, 'RUNNING');
    assert.equal(building.totalStepCount, 6);
    assert.equal(building.totalStepsSucceeded, 0);
    let listed = await steps(building.workflowExecutionId!);
    assert.deepEqual(listed.map((s) => s.name), ['LaunchBuildInstance', 'ApplyBuildComponents', 'InventoryCollection', 'RunSanitizationScript', 'CreateOutputAMI', 'TerminateBuildInstance']);
    assert.deepEqual(listed.map((s) => s.action), ['LaunchInstance', 'ExecuteComponents', 'CollectImageMetadata', 'SanitizeInstance', 'CreateImage', 'TerminateInstance']);
    assert.deepEqual(listed.map((s) => s.status), ['RUNNING', 'PENDING', 'PENDING', 'PENDING', 'PENDING', 'PENDING']);
    for (const step of listed) assert.match(step.stepExecutionId!, STEP_ID);

    await advance(2); // halfway through the 4 s stage: 3 of 6 steps done
    listed = await steps(building.workflowExecutionId!);
    assert.deepEqual(listed.map((s) => s.status), ['COMPLETED', 'COMPLETED', 'COMPLETED', 'RUNNING', 'PENDING', 'PENDING']);
    const launch = await ib.send(new GetWorkflowStepExecutionCommand({ stepExecutionId: listed[0].stepExecutionId! }));
    assert.equal(launch.workflowExecutionId, building.workflowExecutionId);
    assert.equal(launch.imageBuildVersionArn, arn);
    assert.equal(launch.workflowBuildVersionArn, building.workflowBuildVersionArn);
    assert.equal(launch.name, 'LaunchBuildInstance');
    assert.equal(launch.status, 'COMPLETED');
    assert.equal(launch.onFailure, 'Abort');
    assert.equal(typeof launch.timeoutSeconds, 'number');
    assert.deepEqual(JSON.parse(launch.inputs!), { waitFor: 'ssmAgent' });
    assert.match(JSON.parse(launch.outputs!).instanceId, /^i-[0-9a-f]{17}$/);

    await advance(8);
    assert.equal(await status(arn), 'AVAILABLE');
    const all = await workflows(arn);
    assert.deepEqual(all.map((w) => [w.type, w.status, w.totalStepCount, w.totalStepsSucceeded, w.totalStepsFailed, w.totalStepsSkipped]), [
      ['BUILD', 'COMPLETED', 6, 6, 0, 0], ['TEST', 'COMPLETED', 3, 3, 0, 0], ['DISTRIBUTION', 'COMPLETED', 1, 1, 0, 0],
    ]);
    assert.equal(all[1].workflowBuildVersionArn, 'arn:aws:imagebuilder:us-east-1:aws:workflow/test/test-image/1.0.0/1');
    assert.equal(all[2].workflowBuildVersionArn, 'arn:aws:imagebuilder:us-east-1:aws:workflow/distribution/distribute-image/1.0.0/1');
    const got = await ib.send(new GetWorkflowExecutionCommand({ workflowExecutionId: all[0].workflowExecutionId! }));
    assert.equal(got.imageBuildVersionArn, arn);
    assert.equal(got.status, 'COMPLETED');
    assert.equal(got.startTime, all[0].startTime);
    const createAmi = (await steps(all[0].workflowExecutionId!)).find((s) => s.name === 'CreateOutputAMI')!;
    assert.equal(JSON.parse(createAmi.outputs!).imageId, (await get(arn)).outputResources!.amis![0].image);
    assert.deepEqual((await steps(all[1].workflowExecutionId!)).map((s) => s.name), ['LaunchTestInstance', 'ApplyTestComponents', 'TerminateTestInstance']);

    const page = await ib.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn, maxResults: 2 }));
    assert.equal(page.workflowExecutions?.length, 2);
    const rest = await ib.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn, nextToken: page.nextToken }));
    assert.deepEqual(rest.workflowExecutions?.map((w) => w.type), ['DISTRIBUTION']);
    const stepPage = await ib.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: all[0].workflowExecutionId!, maxResults: 4 }));
    assert.equal(stepPage.steps?.length, 4);
    assert.equal((await ib.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: all[0].workflowExecutionId!, nextToken: stepPage.nextToken }))).steps?.length, 2);

    const unknownWf = 'wf-00000000-0000-4000-8000-000000000000';
    await expectError(ib.send(new GetWorkflowExecutionCommand({ workflowExecutionId: unknownWf })),
      { name: 'ResourceNotFoundException', status: 404, message: `The workflow execution '${unknownWf}' does not exist.` });
    await expectError(ib.send(new GetWorkflowStepExecutionCommand({ stepExecutionId: 'step-00000000-0000-4000-8000-000000000000' })), { name: 'ResourceNotFoundException', status: 404 });
    await expectError(ib.send(new GetWorkflowExecutionCommand({ workflowExecutionId: 'wf-nope' })), { name: 'InvalidParameterValueException', status: 400 });
  });

  it('cancels a build in progress; a finished image cannot be cancelled', async () => {
    const arn = await create();
    await advance(3);
    const cancelled = await ib.send(new CancelImageCreationCommand({ imageBuildVersionArn: arn, clientToken: 'cancel-1' }));
    assert.deepEqual({ ...cancelled, $metadata: undefined, requestId: undefined }, { $metadata: undefined, requestId: undefined, clientToken: 'cancel-1', imageBuildVersionArn: arn });
    assert.equal(await status(arn), 'CANCELLED');
    const [build] = await workflows(arn);
    assert.equal(build.status, 'CANCELLED');
    const buildSteps = await steps(build.workflowExecutionId!);
    assert.deepEqual(buildSteps.map((s) => s.status), ['COMPLETED', 'COMPLETED', 'COMPLETED', 'CANCELLED', 'SKIPPED', 'SKIPPED']);
    // The clock moving on changes nothing: the build's task stops.
    await advance(30);
    assert.equal(await status(arn), 'CANCELLED');
    assert.equal((await workflows(arn)).length, 1);
    // The same token again answers as the first time.
    assert.equal((await ib.send(new CancelImageCreationCommand({ imageBuildVersionArn: arn, clientToken: 'cancel-1' }))).imageBuildVersionArn, arn);
    await expectError(ib.send(new CancelImageCreationCommand({ imageBuildVersionArn: arn, clientToken: 'cancel-2' })), {
      name: 'InvalidRequestException', status: 400,
      message: `The image '${arn}' cannot be cancelled: its status is CANCELLED. Only images in a non-terminal state (PENDING, CREATING, BUILDING, TESTING, DISTRIBUTING, INTEGRATING) can be cancelled.`,
    });
    const missing = `${IB}:image/golden-recipe/1.0.0/9`;
    await expectError(ib.send(new CancelImageCreationCommand({ imageBuildVersionArn: missing, clientToken: 'cancel-3' })),
      { name: 'ResourceNotFoundException', status: 404, message: `The resource ARN '${missing}' does not exist.` });
    await expectError(ib.send(new CancelImageCreationCommand({ imageBuildVersionArn: `${IB}:image-pipeline/p`, clientToken: 'cancel-4' })), { name: 'InvalidParameterValueException', status: 400 });
  });

  it('fails with a reason a user can act on when the instance profile has disappeared by BUILDING', async () => {
    const arn = await create();
    await kiln.iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'BuilderProfile', RoleName: 'Builder' }));
    await advance(1);
    let image = await get(arn);
    assert.equal(image.state?.status, 'FAILED');
    assert.equal(image.state?.reason, `The instance profile 'BuilderProfile' of infrastructure configuration '${fx.infra}' has no role. `
      + 'Add a role with the EC2InstanceProfileForImageBuilder policy to it (iam add-role-to-instance-profile), then start the build again.');

    await kiln.iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'BuilderProfile' }));
    const second = await create();
    await advance(1);
    image = await get(second);
    assert.equal(image.state?.status, 'FAILED');
    assert.match(image.state!.reason!, /^The instance profile 'BuilderProfile' of infrastructure configuration '.*' does not exist in IAM\. Create the instance profile/);
    const [build] = await workflows(second);
    assert.equal(build.status, 'FAILED');
    assert.equal(build.message, image.state!.reason);
    const buildSteps = await steps(build.workflowExecutionId!);
    assert.equal(buildSteps[0].name, 'LaunchBuildInstance');
    assert.equal(buildSteps[0].status, 'FAILED');
    assert.equal(buildSteps[0].message, image.state!.reason);
    assert.ok(buildSteps.slice(1).every((s) => s.status === 'SKIPPED'));
    assert.equal(image.outputResources, undefined);
  });

  it('fails when its recipe has been deleted by the time the build starts', async () => {
    const arn = await create();
    await ib.send(new DeleteImageRecipeCommand({ imageRecipeArn: fx.recipe }));
    await advance(1);
    const image = await get(arn);
    assert.equal(image.state?.status, 'FAILED');
    assert.equal(image.state?.reason, `The image recipe '${fx.recipe}' no longer exists. Create the recipe again, or start a build from a recipe that exists.`);
  });

  for (const stage of ['BUILDING', 'TESTING', 'DISTRIBUTING'] as const) {
    it(`fails on demand at the end of ${stage} with the tag kiln:fail-at-stage`, async () => {
      const arn = await create({ tags: { 'kiln:fail-at-stage': stage } });
      const seen: string[] = [];
      for (let i = 0; i < 12; i++) {
        await advance(1);
        const current = (await status(arn))!;
        if (seen.at(-1) !== current) seen.push(current);
      }
      const order = ['BUILDING', 'TESTING', 'DISTRIBUTING'];
      assert.deepEqual(seen, [...order.slice(0, order.indexOf(stage) + 1), 'FAILED']);
      const image = await get(arn);
      assert.equal(image.state?.reason, `Kiln test hook: the build failed in the ${stage} stage because the image has the tag kiln:fail-at-stage=${stage}. Remove the tag to build normally.`);
      const failed = (await workflows(arn)).at(-1)!;
      assert.equal(failed.status, 'FAILED');
      assert.equal(failed.totalStepsFailed, 1);
    });
  }

  it('distributes an AMI to every region and account of the distribution configuration', async () => {
    const dist = (await ib.send(new CreateDistributionConfigurationCommand({
      name: 'everywhere',
      distributions: [
        { region: 'us-east-1', amiDistributionConfiguration: { name: 'golden-{{ imagebuilder:buildDate }}', targetAccountIds: ['210987654321'] } },
        { region: 'eu-west-1', amiDistributionConfiguration: { name: 'golden-{{imagebuilder:buildVersion}}', description: 'EU copy' } },
      ],
    }))).distributionConfigurationArn!;
    const arn = await create({ distributionConfigurationArn: dist });
    await advance(10);
    const image = await get(arn);
    assert.equal(image.state?.status, 'AVAILABLE');
    assert.equal(image.distributionConfiguration?.arn, dist);
    const amis = image.outputResources!.amis!;
    assert.deepEqual(amis.map((a) => [a.region, a.accountId]), [['us-east-1', ACCOUNT], ['us-east-1', '210987654321'], ['eu-west-1', ACCOUNT]]);
    assert.equal(new Set(amis.map((a) => a.image)).size, 3);
    for (const a of amis) assert.match(a.image!, AMI);
    assert.equal(amis[0].name, `golden-${image.dateCreated!.replace(/:/g, '-')}`);
    assert.equal(amis[2].name, 'golden-1');
    assert.equal(amis[2].description, 'EU copy');
  });

  it('builds a container image from a container recipe: type DOCKER, an ECR image URI', async () => {
    const containerRecipe = (await ib.send(new CreateContainerRecipeCommand({
      containerType: 'DOCKER', name: 'web', semanticVersion: '2.1.0', parentImage: 'amazonlinux:2023',
      dockerfileTemplateData: 'FROM {{{ imagebuilder:parentImage }}}\n{{{ imagebuilder:components }}}',
      targetRepository: { service: 'ECR', repositoryName: 'web-images' },
    }))).containerRecipeArn!;
    const arn = await create({ imageRecipeArn: undefined, containerRecipeArn: containerRecipe });
    assert.equal(arn, `${IB}:image/web/2.1.0/1`);
    await advance(10);
    const image = await get(arn);
    assert.equal(image.state?.status, 'AVAILABLE');
    assert.equal(image.type, 'DOCKER');
    assert.equal(image.containerRecipe?.arn, containerRecipe);
    assert.equal(image.imageRecipe, undefined);
    assert.deepEqual(image.outputResources, { containers: [{ region: 'us-east-1', imageUris: [`${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/web-images:2.1.0-1`] }] });
    assert.deepEqual((await workflows(arn)).map((w) => w.workflowBuildVersionArn!.split('/')[2]), ['build-container', 'test-container', 'distribute-container']);
  });

  it('builds everything at once with zero durations', async () => {
    const zero = await startTestKiln({
      clock, buildPendingMs: 0, buildBuildingMs: 0, buildTestingMs: 0, buildDistributingMs: 0, buildIntegratingMs: 0,
    });
    try {
      const z = await fixtures(zero.imagebuilder, zero.iam);
      const arn = (await zero.imagebuilder.send(new CreateImageCommand({ imageRecipeArn: z.recipe, infrastructureConfigurationArn: z.infra }))).imageBuildVersionArn!;
      // Not asserted PENDING here: the build is due at once, so Kiln's own 100 ms ticker may have
      // run it already (PENDING right after CreateImage is asserted where it lasts a second).
      await zero.runUntilIdle();
      const image = (await zero.imagebuilder.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image!;
      assert.equal(image.state?.status, 'AVAILABLE');
      assert.match(image.outputResources!.amis![0].image!, AMI);
      const wfs = (await zero.imagebuilder.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn }))).workflowExecutions!;
      assert.deepEqual(wfs.map((w) => w.status), ['COMPLETED', 'COMPLETED', 'COMPLETED']);
    } finally {
      await zero.close();
    }
  });

  it('CreateImage checks its recipe and configurations and creates nothing when one is missing', async () => {
    const missingRecipe = `${IB}:image-recipe/nope/1.0.0`;
    await expectError(create({ imageRecipeArn: missingRecipe }), { name: 'ResourceNotFoundException', status: 404, message: `The resource ARN '${missingRecipe}' does not exist.` });
    const missingInfra = `${IB}:infrastructure-configuration/nope`;
    await expectError(create({ infrastructureConfigurationArn: missingInfra }), { name: 'ResourceNotFoundException', status: 404 });
    await expectError(create({ distributionConfigurationArn: `${IB}:distribution-configuration/nope` }), { name: 'ResourceNotFoundException', status: 404 });
    await expectError(create({ imageRecipeArn: undefined }), { name: 'InvalidParameterCombinationException', status: 400 });
    await expectError(create({ containerRecipeArn: `${IB}:container-recipe/c/1.0.0` }), { name: 'InvalidParameterCombinationException', status: 400 });
    await expectError(create({ workflows: [{ workflowArn: 'arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/1.0.0/1' }] }),
      { name: 'InvalidRequestException', status: 400, message: 'An execution role is required to provide workflows' });
    assert.deepEqual((await ib.send(new ListImagesCommand({}))).imageVersionList, []);
    assert.equal(await roleExists(), false, 'a failed CreateImage creates no service-linked role');
    // A recipe version ARN with x nodes builds the newest matching version.
    await ib.send(new CreateImageRecipeCommand({ name: 'Golden Recipe', semanticVersion: '1.2.0', parentImage: PARENT_IMAGE }));
    assert.equal(await create({ imageRecipeArn: `${IB}:image-recipe/golden-recipe/1.x.x` }), `${IB}:image/golden-recipe/1.2.0/1`);
  });

  it('GetImage, ListImages, ListImageBuildVersions, ListImagePackages and DeleteImage', async () => {
    const first = await create();
    const second = await create({ imageTestsConfiguration: { imageTestsEnabled: false } });
    await ib.send(new CreateImageRecipeCommand({ name: 'Golden Recipe', semanticVersion: '2.0.0', parentImage: 'ami-0123456789abcdef0' }));
    const v2 = await create({ imageRecipeArn: `${IB}:image-recipe/golden-recipe/2.0.0` });
    await ib.send(new CreateImageRecipeCommand({ name: 'windows', semanticVersion: '1.0.0', parentImage: 'arn:aws:imagebuilder:us-east-1:aws:image/windows-server-2022-english-full-base-x86/x.x.x' }));
    const windows = await create({ imageRecipeArn: `${IB}:image-recipe/windows/1.0.0` });

    // A version ARN (or one with x nodes) names the newest build.
    assert.equal((await get(`${IB}:image/golden-recipe/1.0.0`)).arn, second);
    assert.equal((await get(`${IB}:image/golden-recipe/x.x.x`)).arn, v2);
    const latest = (await ib.send(new GetImageCommand({ imageBuildVersionArn: first }))).latestVersionReferences;
    assert.deepEqual(latest, {
      latestVersionArn: `${IB}:image/golden-recipe/2.0.0`, latestMajorVersionArn: `${IB}:image/golden-recipe/1.0.0`,
      latestMinorVersionArn: `${IB}:image/golden-recipe/1.0.0`, latestPatchVersionArn: second,
    });
    const win = await get(windows);
    assert.equal(win.platform, 'Windows');
    assert.equal(win.osVersion, 'Microsoft Windows Server 2022');
    await expectError(ib.send(new GetImageCommand({ imageBuildVersionArn: `arn:aws:imagebuilder:us-west-2:${ACCOUNT}:image/golden-recipe/1.0.0/1` })), { name: 'ResourceNotFoundException', status: 404 });

    const versions = (await ib.send(new ListImagesCommand({}))).imageVersionList!;
    assert.deepEqual(versions.map((v) => [v.arn, v.version, v.name]), [
      [`${IB}:image/golden-recipe/1.0.0`, '1.0.0', 'Golden Recipe'], [`${IB}:image/golden-recipe/2.0.0`, '2.0.0', 'Golden Recipe'],
      [`${IB}:image/windows/1.0.0`, '1.0.0', 'windows'],
    ]);
    assert.deepEqual(Object.keys(versions[0]).sort(), ['arn', 'buildType', 'dateCreated', 'imageSource', 'name', 'osVersion', 'owner', 'platform', 'type', 'version']);
    assert.equal(versions[0].owner, ACCOUNT);
    const byName = (await ib.send(new ListImagesCommand({ byName: true }))).imageVersionList!;
    assert.deepEqual(byName.map((v) => v.arn), [`${IB}:image/golden-recipe/2.0.0`, `${IB}:image/windows/1.0.0`]);
    const filtered = async (name: string, values: string[]) => ((await ib.send(new ListImagesCommand({ filters: [{ name, values }] }))).imageVersionList ?? []).map((v) => v.arn);
    assert.deepEqual(await filtered('platform', ['Windows']), [`${IB}:image/windows/1.0.0`]);
    assert.deepEqual(await filtered('version', ['2.0.0']), [`${IB}:image/golden-recipe/2.0.0`]);
    assert.deepEqual(await filtered('name', ['Golden Recipe']), [`${IB}:image/golden-recipe/1.0.0`, `${IB}:image/golden-recipe/2.0.0`]);
    assert.deepEqual(await filtered('type', ['DOCKER']), []);
    assert.deepEqual(await filtered('osVersion', ['Microsoft Windows Server 2022']), [`${IB}:image/windows/1.0.0`]);
    await expectError(ib.send(new ListImagesCommand({ filters: [{ name: 'color', values: ['red'] }] })), { name: 'InvalidParameterValueException', status: 400 });
    assert.deepEqual((await ib.send(new ListImagesCommand({ owner: 'Amazon' }))).imageVersionList, []);
    const page = await ib.send(new ListImagesCommand({ maxResults: 2 }));
    assert.equal(page.imageVersionList?.length, 2);
    assert.deepEqual((await ib.send(new ListImagesCommand({ nextToken: page.nextToken }))).imageVersionList?.map((v) => v.arn), [`${IB}:image/windows/1.0.0`]);
    await expectError(ib.send(new ListImagesCommand({ nextToken: 'garbage' })), { name: 'InvalidPaginationTokenException', status: 400 });

    const builds = (await ib.send(new ListImageBuildVersionsCommand({ imageVersionArn: `${IB}:image/golden-recipe/1.0.0` }))).imageSummaryList!;
    assert.deepEqual(builds.map((b) => [b.arn, b.version, b.state?.status, b.owner]), [[first, '1.0.0/1', 'PENDING', ACCOUNT], [second, '1.0.0/2', 'PENDING', ACCOUNT]]);

    assert.deepEqual((await ib.send(new ListImagePackagesCommand({ imageBuildVersionArn: first }))).imagePackageList, []);
    await expectError(ib.send(new DeleteImageCommand({ imageBuildVersionArn: first })), {
      name: 'InvalidRequestException', status: 400,
      message: `The image '${first}' cannot be deleted while its build is in progress (status PENDING). Cancel it with CancelImageCreation first.`,
    });
    await advance(10);
    const packages = (await ib.send(new ListImagePackagesCommand({ imageBuildVersionArn: first }))).imagePackageList!;
    assert.ok(packages.length >= 5);
    assert.ok(packages.some((p) => p.packageName === 'amazon-ssm-agent'));
    const packagePage = await ib.send(new ListImagePackagesCommand({ imageBuildVersionArn: first, maxResults: 3 }));
    assert.equal(packagePage.imagePackageList?.length, 3);
    assert.ok(packagePage.nextToken);

    const deleted = await ib.send(new DeleteImageCommand({ imageBuildVersionArn: first }));
    assert.equal(deleted.imageBuildVersionArn, first);
    await expectError(ib.send(new GetImageCommand({ imageBuildVersionArn: first })), { name: 'ResourceNotFoundException', status: 404 });
    await expectError(ib.send(new DeleteImageCommand({ imageBuildVersionArn: first })), { name: 'ResourceNotFoundException', status: 404 });
    assert.deepEqual((await ib.send(new ListImageBuildVersionsCommand({ imageVersionArn: `${IB}:image/golden-recipe/1.0.0` }))).imageSummaryList?.map((b) => b.arn), [second]);
    // Deleting a version's only build removes the version from ListImages; build numbers are never reused.
    await ib.send(new DeleteImageCommand({ imageBuildVersionArn: v2 }));
    assert.deepEqual((await ib.send(new ListImagesCommand({ byName: true }))).imageVersionList?.map((v) => v.arn), [`${IB}:image/golden-recipe/1.0.0`, `${IB}:image/windows/1.0.0`]);
    await expectError(ib.send(new GetImageCommand({ imageBuildVersionArn: `${IB}:image/golden-recipe/2.0.0` })), { name: 'ResourceNotFoundException', status: 404 });
    assert.equal(await create({ imageRecipeArn: `${IB}:image-recipe/golden-recipe/2.0.0` }), `${IB}:image/golden-recipe/2.0.0/2`);
    // Tags on an image (TagResource) show in GetImage.
    await ib.send(new TagResourceCommand({ resourceArn: second, tags: { stage: 'prod' } }));
    assert.deepEqual((await get(second)).tags, { stage: 'prod' });
  });

  it('GetImage asked again and again answers what the image is now (Kiln remembers answers until an image changes)', async () => {
    const first = await create();
    const versionArn = `${IB}:image/golden-recipe/1.0.0`;
    for (let i = 0; i < 3; i++) assert.equal((await get(first)).state?.status, 'PENDING');
    assert.equal((await get(versionArn)).arn, first);
    await advance(1);
    assert.equal(await status(first), 'BUILDING');
    await ib.send(new TagResourceCommand({ resourceArn: first, tags: { stage: 'prod' } }));
    assert.deepEqual((await get(first)).tags, { stage: 'prod' });
    await ib.send(new UntagResourceCommand({ resourceArn: first, tagKeys: ['stage'] }));
    assert.deepEqual((await get(first)).tags, {});
    // A version ARN names the newest build, and the newest build's own latestVersionReferences move with it.
    const second = await create();
    assert.equal((await get(versionArn)).arn, second);
    assert.equal((await ib.send(new GetImageCommand({ imageBuildVersionArn: first }))).latestVersionReferences?.latestPatchVersionArn, second);
    await ib.send(new CancelImageCreationCommand({ imageBuildVersionArn: second }));
    assert.equal(await status(second), 'CANCELLED');
    await ib.send(new DeleteImageCommand({ imageBuildVersionArn: second }));
    assert.equal((await get(versionArn)).arn, first);
    await expectError(ib.send(new GetImageCommand({ imageBuildVersionArn: second })), { name: 'ResourceNotFoundException', status: 404 });
  });

  it('ImportVmImage and ImportDiskImage make imported images that become AVAILABLE', async () => {
    const imported = await ib.send(new ImportVmImageCommand({
      name: 'Legacy VM', semanticVersion: '1.0.0', platform: 'Linux', osVersion: 'Ubuntu 22', vmImportTaskId: 'import-ami-0123456789abcdef0', tags: { from: 'vmware' },
    }));
    const arn = `${IB}:image/legacy-vm/1.0.0/1`;
    assert.equal(imported.imageArn, arn);
    assert.equal(await roleExists(), true, 'ImportVmImage creates the service-linked role');
    let image = await get(arn);
    assert.deepEqual([image.state?.status, image.buildType, image.imageSource, image.name, image.osVersion], ['PENDING', 'IMPORT', 'IMPORTED', 'Legacy VM', 'Ubuntu 22']);
    await advance(1);
    assert.equal(await status(arn), 'CREATING');
    await advance(4);
    image = await get(arn);
    assert.equal(image.state?.status, 'AVAILABLE');
    assert.match(image.outputResources!.amis![0].image!, AMI);
    assert.deepEqual(await workflows(arn), []);

    const disk = await ib.send(new ImportDiskImageCommand({
      name: 'iso-image', semanticVersion: '3.0.0', platform: 'Windows', osVersion: 'Microsoft Windows Server 2022',
      infrastructureConfigurationArn: fx.infra, uri: 's3://isos/windows.iso',
    }));
    assert.equal(disk.imageBuildVersionArn, `${IB}:image/iso-image/3.0.0/1`);
    await advance(5);
    image = await get(disk.imageBuildVersionArn!);
    assert.deepEqual([image.state?.status, image.buildType, image.imageSource, image.infrastructureConfiguration?.arn], ['AVAILABLE', 'IMPORT_ISO', 'IMPORTED', fx.infra]);
  });

  it('StartImagePipelineExecution builds from the pipeline; lastRunStatus follows the latest image', async () => {
    const pipeline = (await ib.send(new CreateImagePipelineCommand({
      name: 'nightly', imageRecipeArn: fx.recipe, infrastructureConfigurationArn: fx.infra, imageTags: { built: 'pipeline' },
      imageTestsConfiguration: { imageTestsEnabled: false },
    }))).imagePipelineArn!;
    assert.equal(await roleExists(), false, 'creating a pipeline does not create the service-linked role');
    const started = await ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: pipeline, tags: { run: 'one' }, clientToken: 'run-1' }));
    const arn = started.imageBuildVersionArn!;
    assert.equal(arn, `${IB}:image/golden-recipe/1.0.0/1`);
    assert.equal(started.clientToken, 'run-1');
    const image = await get(arn);
    assert.equal(image.sourcePipelineArn, pipeline);
    assert.equal(image.sourcePipelineName, 'nightly');
    assert.equal(image.buildType, 'USER_INITIATED');
    assert.deepEqual(image.tags, { built: 'pipeline', run: 'one' });
    assert.deepEqual(image.imageTestsConfiguration, { imageTestsEnabled: false, timeoutMinutes: 720 });
    const pipelineStatus = async () => (await ib.send(new GetImagePipelineCommand({ imagePipelineArn: pipeline }))).imagePipeline!;
    assert.equal((await pipelineStatus()).lastRunStatus, 'PENDING');
    assert.equal((await pipelineStatus()).dateLastRun, image.dateCreated);
    await advance(1);
    assert.equal((await pipelineStatus()).lastRunStatus, 'BUILDING');
    await advance(10);
    assert.equal((await pipelineStatus()).lastRunStatus, 'AVAILABLE');

    const failing = (await ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: pipeline, tags: { 'kiln:fail-at-stage': 'BUILDING' } }))).imageBuildVersionArn!;
    assert.equal(failing, `${IB}:image/golden-recipe/1.0.0/2`);
    await advance(10);
    assert.equal((await pipelineStatus()).lastRunStatus, 'FAILED');

    const missing = `${IB}:image-pipeline/nope`;
    await expectError(ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: missing })), { name: 'ResourceNotFoundException', status: 404, message: `The resource ARN '${missing}' does not exist.` });
    await ib.send(new UpdateImagePipelineCommand({ imagePipelineArn: pipeline, imageRecipeArn: fx.recipe, infrastructureConfigurationArn: fx.infra, status: 'DISABLED' }));
    await expectError(ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: pipeline })), {
      name: 'InvalidRequestException', status: 400,
      message: `The image pipeline '${pipeline}' is DISABLED. Enable it with UpdateImagePipeline (status ENABLED) before starting it.`,
    });
  });
});

describe('the service-linked role through image builds', () => {
  let kiln: TestKiln;
  let ib: ImagebuilderClient;
  let fx: Fixtures;
  const clock = new ManualClock(new Date());
  const advance = async (seconds: number) => {
    clock.advance(seconds);
    await kiln.runUntilIdle();
  };
  const role = () => kiln.iam.send(new GetRoleCommand({ RoleName: SLR })).then((r) => r.Role, () => undefined);
  const deleteRole = async () => {
    const { DeletionTaskId } = await kiln.iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: SLR }));
    await advance(2);
    return kiln.iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId }));
  };

  before(async () => {
    kiln = await startTestKiln({ clock, ...DURATIONS, slrDeletionStartMs: 500, slrDeletionRunMs: 1000 });
    ib = kiln.imagebuilder;
  });
  after(() => kiln.close());
  beforeEach(async () => {
    await kiln.reset();
    fx = await fixtures(ib, kiln.iam);
  });

  it('is created by the first image only, not by components, recipes, configurations or pipelines', async () => {
    await ib.send(new CreateComponentCommand({ name: 'hello', semanticVersion: '1.0.0', platform: 'Linux', data: COMPONENT }));
    await ib.send(new CreateDistributionConfigurationCommand({ name: 'dist', distributions: [{ region: 'us-east-1', amiDistributionConfiguration: {} }] }));
    await ib.send(new CreateImagePipelineCommand({ name: 'scheduled', imageRecipeArn: fx.recipe, infrastructureConfigurationArn: fx.infra, schedule: { scheduleExpression: `cron(0 ${HOUR_AWAY_FROM_NOW} * * ? *)` } }));
    assert.equal(await role(), undefined);

    const before = clock.now();
    const arn = (await ib.send(new CreateImageCommand({ imageRecipeArn: fx.recipe, infrastructureConfigurationArn: fx.infra }))).imageBuildVersionArn!;
    const created = await role();
    assert.equal(created?.Path, '/aws-service-role/imagebuilder.amazonaws.com/');
    assert.deepEqual(created?.RoleLastUsed, {});
    const roleId = created?.RoleId;
    // A second image uses the role that is there.
    await ib.send(new CreateImageCommand({ imageRecipeArn: fx.recipe, infrastructureConfigurationArn: fx.infra }));
    assert.equal((await role())?.RoleId, roleId);

    // The build runs as the role: RoleLastUsed shows when and where.
    await advance(1);
    const used = await role();
    assert.equal(used?.RoleLastUsed?.Region, 'us-east-1');
    assert.equal(used?.RoleLastUsed?.LastUsedDate?.getTime(), before.getTime() + 1000);
    assert.equal((await ib.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image?.state?.status, 'BUILDING');
  });

  it('needs iam:CreateServiceLinkedRole from the caller: without it AccessDeniedException, and nothing is created', async () => {
    await kiln.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await kiln.iam.send(new PutUserPolicyCommand({
      UserName: 'alice', PolicyName: 'builder',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'imagebuilder:*', Resource: '*' }] }),
    }));
    const key = (await kiln.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!;
    const alice = new ImagebuilderClient({ endpoint: kiln.endpoint, region: 'us-east-1', credentials: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }, maxAttempts: 1 });
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/imagebuilder.amazonaws.com/${SLR}`;
    const input = { imageRecipeArn: fx.recipe, infrastructureConfigurationArn: fx.infra };
    const denied = await expectError(alice.send(new CreateImageCommand(input)), { name: 'AccessDeniedException', status: 403 });
    assert.equal(denied.message, `User: arn:aws:iam::${ACCOUNT}:user/alice is not authorized to perform: iam:CreateServiceLinkedRole on resource: ${roleArn} because no identity-based policy allows the iam:CreateServiceLinkedRole action`);
    assert.equal(await role(), undefined);
    assert.deepEqual((await alice.send(new ListImagesCommand({}))).imageVersionList, []);
    await expectError(alice.send(new ImportVmImageCommand({ name: 'vm', semanticVersion: '1.0.0', platform: 'Linux', vmImportTaskId: 'import-ami-1' })), { name: 'AccessDeniedException', status: 403 });

    await kiln.iam.send(new PutUserPolicyCommand({
      UserName: 'alice', PolicyName: 'slr',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:CreateServiceLinkedRole', Resource: '*', Condition: { StringEquals: { 'iam:AWSServiceName': 'imagebuilder.amazonaws.com' } } }] }),
    }));
    assert.equal((await alice.send(new CreateImageCommand(input))).imageBuildVersionArn, `${IB}:image/golden-recipe/1.0.0/1`);
    assert.equal((await role())?.RoleName, SLR);
    alice.destroy();
  });

  it('cannot be deleted while a build runs or an enabled pipeline has a schedule, in any region; can after the clean-up; comes back with the next image', async () => {
    const west = new ImagebuilderClient({ endpoint: kiln.endpoint, region: 'eu-west-1', credentials: kiln.credentials, maxAttempts: 1 });
    const wfx = await fixtures(west, kiln.iam, '-eu');
    const scheduled = (await west.send(new CreateImagePipelineCommand({
      name: 'weekly', imageRecipeArn: wfx.recipe, infrastructureConfigurationArn: wfx.infra, schedule: { scheduleExpression: `cron(0 ${HOUR_AWAY_FROM_NOW} ? * SUN *)` },
    }))).imagePipelineArn!;
    const manual = (await ib.send(new CreateImagePipelineCommand({ name: 'manual', imageRecipeArn: fx.recipe, infrastructureConfigurationArn: fx.infra }))).imagePipelineArn!;
    // A finished image does not use the role; running builds do.
    const finished = (await ib.send(new CreateImageCommand({ imageRecipeArn: fx.recipe, infrastructureConfigurationArn: fx.infra, imageTestsConfiguration: { imageTestsEnabled: false } }))).imageBuildVersionArn!;
    await advance(8);
    assert.equal((await ib.send(new GetImageCommand({ imageBuildVersionArn: finished }))).image?.state?.status, 'AVAILABLE');
    const running = (await ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: manual }))).imageBuildVersionArn!;
    const pending = (await ib.send(new CreateImageCommand({ imageRecipeArn: fx.recipe, infrastructureConfigurationArn: fx.infra }))).imageBuildVersionArn!;

    const failed = await deleteRole();
    assert.equal(failed.Status, 'FAILED');
    assert.deepEqual(failed.Reason?.RoleUsageList, [
      { Region: 'eu-west-1', Resources: [scheduled] },
      { Region: 'us-east-1', Resources: [running, pending] },
    ]);
    assert.ok(await role(), 'the role stays');

    // The clean-up the Image Builder User Guide lists: cancel running builds, make schedules manual.
    await ib.send(new CancelImageCreationCommand({ imageBuildVersionArn: running }));
    await ib.send(new CancelImageCreationCommand({ imageBuildVersionArn: pending }));
    const stillScheduled = await deleteRole();
    assert.deepEqual(stillScheduled.Reason?.RoleUsageList, [{ Region: 'eu-west-1', Resources: [scheduled] }]);
    await west.send(new UpdateImagePipelineCommand({ imagePipelineArn: scheduled, imageRecipeArn: wfx.recipe, infrastructureConfigurationArn: wfx.infra }));
    assert.equal((await deleteRole()).Status, 'SUCCEEDED');
    assert.equal(await role(), undefined);

    // A DISABLED pipeline with a schedule does not use the role; the next image creates it again.
    await ib.send(new CreateImagePipelineCommand({ name: 'off', imageRecipeArn: fx.recipe, infrastructureConfigurationArn: fx.infra, status: 'DISABLED', schedule: { scheduleExpression: `cron(0 ${HOUR_AWAY_FROM_NOW} * * ? *)` } }));
    await ib.send(new CreateImageCommand({ imageRecipeArn: fx.recipe, infrastructureConfigurationArn: fx.infra }));
    assert.equal((await role())?.RoleName, SLR);
    await west.send(new DeleteImagePipelineCommand({ imagePipelineArn: scheduled }));
    west.destroy();
  });
});

describe('a build across a restart of kiln serve', () => {
  const MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
  const children: ChildProcess[] = [];
  let dir: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kiln-build-restart-'));
  });
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
  }

  async function serve(port: number): Promise<ChildProcess> {
    const child = spawn(process.execPath, [MAIN, 'serve', '--port', String(port), '--data-dir', dir, '--log-level', 'warn'], {
      stdio: 'ignore',
      env: { ...process.env, KILN_BUILD_PENDING_MS: '200', KILN_BUILD_BUILDING_MS: '3000', KILN_BUILD_TESTING_MS: '300', KILN_BUILD_DISTRIBUTING_MS: '300', KILN_BUILD_INTEGRATING_MS: '200' },
    });
    children.push(child);
    for (let i = 0; i < 200; i++) {
      const ok = await fetch(`http://127.0.0.1:${port}/_kiln/health`).then((r) => r.status === 200, () => false);
      if (ok) return child;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('kiln serve did not become healthy');
  }

  const stop = (child: ChildProcess) => new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

  it('resumes the build where it stopped', async () => {
    const port = await freePort();
    const config = { endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
    const iam = new IAMClient(config);
    const ib = new ImagebuilderClient(config);
    const first = await serve(port);
    const fx = await fixtures(ib, iam);
    const arn = (await ib.send(new CreateImageCommand({ imageRecipeArn: fx.recipe, infrastructureConfigurationArn: fx.infra }))).imageBuildVersionArn!;
    const status = async () => (await ib.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image?.state?.status;
    for (let i = 0; i < 50 && (await status()) !== 'BUILDING'; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(await status(), 'BUILDING');
    await stop(first);

    await serve(port);
    assert.notEqual(await status(), 'AVAILABLE', 'the build is still running after the restart');
    let final: string | undefined;
    for (let i = 0; i < 100; i++) {
      final = await status();
      if (final === 'AVAILABLE') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(final, 'AVAILABLE');
    const wfs = (await ib.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn }))).workflowExecutions!;
    assert.deepEqual(wfs.map((w) => [w.type, w.status]), [['BUILD', 'COMPLETED'], ['TEST', 'COMPLETED'], ['DISTRIBUTION', 'COMPLETED']]);
    iam.destroy();
    ib.destroy();
  });
});
