/**
 * Image Builder lifecycle policies through @aws-sdk/client-imagebuilder, on a manual clock: the
 * policy CRUD and its validation (the execution role must exist and be passable), rules by count
 * and by age that deprecate, disable and delete images, exclusion by tag, the daily run of an
 * ENABLED policy, StartResourceStateUpdate (with its AMIs and snapshots, an AMI exclusion rule,
 * a scheduled deprecation), executions and their resources, cancellation, and a failed run; then
 * one flow through the `aws` CLI.
 *
 * Builds take no time here (every KILN_BUILD_* duration is 0); each lifecycle action takes 1 s.
 * The clock moves days ahead: the SDK clients are given the same offset, since Kiln checks
 * signatures against its own clock.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateRoleCommand, DeleteRoleCommand } from '@aws-sdk/client-iam';
import {
  CancelLifecycleExecutionCommand, CreateDistributionConfigurationCommand, CreateImageCommand, CreateImageRecipeCommand,
  CreateInfrastructureConfigurationCommand, CreateLifecyclePolicyCommand, DeleteLifecyclePolicyCommand, GetImageCommand,
  GetLifecycleExecutionCommand, GetLifecyclePolicyCommand, ImagebuilderClient, ListImageBuildVersionsCommand, ListImagesCommand,
  ListLifecycleExecutionResourcesCommand, ListLifecycleExecutionsCommand, ListLifecyclePoliciesCommand, ListTagsForResourceCommand,
  StartResourceStateUpdateCommand, TagResourceCommand, UntagResourceCommand, UpdateLifecyclePolicyCommand,
  type CreateLifecyclePolicyCommandInput, type LifecyclePolicyDetail,
} from '@aws-sdk/client-imagebuilder';
import { ManualClock } from '../../src/index.js';
import { expectError } from '../helpers/errors.js';
import { ACCOUNT, createBuilderProfile, IB, PARENT_IMAGE, TRUST_POLICY, trustPolicyFor } from '../helpers/fixtures.js';
import { startTestKiln, type TestKiln } from '../helpers/kiln.js';
import { runAws } from '../helpers/subprocess.js';
import { limitedUser } from '../helpers/users.js';

const IB_TRUST = trustPolicyFor('imagebuilder.amazonaws.com');
const NO_BUILD_TIME = { buildPendingMs: 0, buildBuildingMs: 0, buildTestingMs: 0, buildDistributingMs: 0, buildIntegratingMs: 0 };
const LCE = /^lce-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DAY = 24 * 60 * 60;
const deleteRule = (value: number): LifecyclePolicyDetail => ({ action: { type: 'DELETE' }, filter: { type: 'COUNT', value } });

describe('Image Builder lifecycle policies', () => {
  let kiln: TestKiln;
  let ib: ImagebuilderClient;
  let infra: string;
  let recipe: string;
  let roleArn: string;
  const clock = new ManualClock(new Date());
  /** Moves Kiln's clock and runs what became due. */
  const advance = async (seconds: number) => {
    clock.advance(seconds);
    await kiln.runUntilIdle();
  };
  /** An AVAILABLE image of `recipe` (builds take no time), with tags. */
  const build = async (tags?: Record<string, string>, recipeArn = recipe, distributionConfigurationArn?: string) => {
    const arn = (await ib.send(new CreateImageCommand({ imageRecipeArn: recipeArn, infrastructureConfigurationArn: infra, tags, distributionConfigurationArn }))).imageBuildVersionArn!;
    await kiln.runUntilIdle();
    return arn;
  };
  const image = async (arn: string) => (await ib.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image!;
  const status = async (arn: string) => (await image(arn)).state?.status;
  const createPolicy = (input: Partial<CreateLifecyclePolicyCommandInput> = {}, client = ib) => client.send(new CreateLifecyclePolicyCommand({
    name: 'keep-two', executionRole: 'LifecycleRole', resourceType: 'AMI_IMAGE', policyDetails: [deleteRule(2)],
    resourceSelection: { recipes: [{ name: 'web', semanticVersion: '1.x.x' }] }, ...input,
  }));
  const executionsOf = async (resourceArn: string) => (await ib.send(new ListLifecycleExecutionsCommand({ resourceArn }))).lifecycleExecutions ?? [];
  const execution = async (id: string) => (await ib.send(new GetLifecycleExecutionCommand({ lifecycleExecutionId: id }))).lifecycleExecution!;
  const resources = async (id: string, parentResourceId?: string) =>
    (await ib.send(new ListLifecycleExecutionResourcesCommand({ lifecycleExecutionId: id, parentResourceId }))).resources ?? [];
  const notFound = (arn: string) => ({ name: 'ResourceNotFoundException', status: 404, message: `The resource ARN '${arn}' does not exist.` });
  const invalid = (parameter: string, detail: string) => ({
    name: 'InvalidParameterValueException', status: 400, message: `The value supplied for parameter '${parameter}' is not valid. ${detail}`,
  });

  before(async () => {
    kiln = await startTestKiln({ clock, ...NO_BUILD_TIME, lifecycleActionMs: 1000 });
    ib = kiln.imagebuilder;
  });
  after(() => kiln.close());
  /** The builder's role and instance profile, the lifecycle execution role, an infrastructure configuration and the recipe `web`. */
  const setUp = async (k: TestKiln) => {
    await createBuilderProfile(k.iam);
    const lifecycleRoleArn = (await k.iam.send(new CreateRoleCommand({ RoleName: 'LifecycleRole', AssumeRolePolicyDocument: IB_TRUST }))).Role!.Arn!;
    const infraArn = (await k.imagebuilder.send(new CreateInfrastructureConfigurationCommand({ name: 'builders', instanceProfileName: 'BuilderProfile' }))).infrastructureConfigurationArn!;
    const recipeArn = (await k.imagebuilder.send(new CreateImageRecipeCommand({ name: 'web', semanticVersion: '1.0.0', parentImage: PARENT_IMAGE }))).imageRecipeArn!;
    return { lifecycleRoleArn, infraArn, recipeArn };
  };
  beforeEach(async () => {
    await kiln.reset();
    ({ lifecycleRoleArn: roleArn, infraArn: infra, recipeArn: recipe } = await setUp(kiln));
  });

  describe('policies', () => {
    it('Create, Get, List, Update, tag and Delete a policy', async () => {
      const created = await createPolicy({ description: 'two builds', tags: { team: 'platform' }, clientToken: 'p-1' });
      const arn = `${IB}:lifecycle-policy/keep-two`;
      assert.deepEqual({ arn: created.lifecyclePolicyArn, token: created.clientToken }, { arn, token: 'p-1' });
      assert.equal((await createPolicy({ description: 'two builds', tags: { team: 'platform' }, clientToken: 'p-1' })).lifecyclePolicyArn, arn, 'same token, same answer');

      const policy = (await ib.send(new GetLifecyclePolicyCommand({ lifecyclePolicyArn: arn }))).lifecyclePolicy!;
      assert.equal(policy.name, 'keep-two');
      assert.equal(policy.status, 'ENABLED');
      assert.equal(policy.executionRole, 'LifecycleRole');
      assert.deepEqual(policy.policyDetails, [deleteRule(2)]);
      assert.deepEqual(policy.resourceSelection, { recipes: [{ name: 'web', semanticVersion: '1.x.x' }] });
      assert.equal(policy.dateCreated?.getTime(), clock.now().getTime());
      assert.equal(policy.dateLastRun, undefined);
      assert.deepEqual(policy.tags, { team: 'platform' });

      await createPolicy({ name: 'Deprecate Old', executionRole: roleArn, status: 'DISABLED', policyDetails: [{ action: { type: 'DEPRECATE' }, filter: { type: 'AGE', value: 3, unit: 'MONTHS' } }] });
      const all = (await ib.send(new ListLifecyclePoliciesCommand({}))).lifecyclePolicySummaryList!;
      assert.deepEqual(all.map((p) => [p.arn, p.name, p.status]), [
        [`${IB}:lifecycle-policy/deprecate-old`, 'Deprecate Old', 'DISABLED'], [arn, 'keep-two', 'ENABLED'],
      ]);
      const enabled = await ib.send(new ListLifecyclePoliciesCommand({ filters: [{ name: 'status', values: ['ENABLED'] }] }));
      assert.deepEqual(enabled.lifecyclePolicySummaryList!.map((p) => p.name), ['keep-two']);
      const paged = await ib.send(new ListLifecyclePoliciesCommand({ maxResults: 1 }));
      assert.equal(paged.lifecyclePolicySummaryList!.length, 1);
      assert.equal((await ib.send(new ListLifecyclePoliciesCommand({ nextToken: paged.nextToken }))).lifecyclePolicySummaryList![0].name, 'keep-two');

      await advance(60);
      await ib.send(new UpdateLifecyclePolicyCommand({
        lifecyclePolicyArn: arn, executionRole: roleArn, resourceType: 'AMI_IMAGE', status: 'DISABLED',
        policyDetails: [deleteRule(5)], resourceSelection: { tagMap: { env: 'test' } },
      }));
      const updated = (await ib.send(new GetLifecyclePolicyCommand({ lifecyclePolicyArn: arn }))).lifecyclePolicy!;
      assert.deepEqual([updated.status, updated.executionRole, updated.policyDetails, updated.resourceSelection, updated.description],
        ['DISABLED', roleArn, [deleteRule(5)], { tagMap: { env: 'test' } }, undefined]);
      assert.ok(updated.dateUpdated! > updated.dateCreated!);

      await ib.send(new TagResourceCommand({ resourceArn: arn, tags: { cost: 'ci' } }));
      await ib.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['team'] }));
      assert.deepEqual((await ib.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags, { cost: 'ci' });

      assert.equal((await ib.send(new DeleteLifecyclePolicyCommand({ lifecyclePolicyArn: arn }))).lifecyclePolicyArn, arn);
      await expectError(ib.send(new GetLifecyclePolicyCommand({ lifecyclePolicyArn: arn })), notFound(arn));
      await expectError(ib.send(new DeleteLifecyclePolicyCommand({ lifecyclePolicyArn: arn })), notFound(arn));
      await expectError(ib.send(new TagResourceCommand({ resourceArn: arn, tags: { a: 'b' } })), notFound(arn));
    });

    it('refuses bad policies with AWS-shaped errors and creates nothing', async () => {
      await createPolicy();
      await expectError(createPolicy(), {
        name: 'ResourceAlreadyExistsException', status: 400, message: `The following resource 'LifecyclePolicy' already exists: '${IB}:lifecycle-policy/keep-two'.`,
      });
      const cases: Array<[Partial<CreateLifecyclePolicyCommandInput>, ReturnType<typeof invalid>]> = [
        [{ executionRole: 'NoSuchRole' }, invalid('executionRole', 'The provided execution role does not exist. Please specify a different execution role and try again.')],
        [{ executionRole: `arn:aws:iam::${ACCOUNT}:role/service-role/Missing` }, invalid('executionRole', 'The provided execution role does not exist. Please specify a different execution role and try again.')],
        [{ resourceSelection: { recipes: [{ name: 'web', semanticVersion: '1.0.0' }], tagMap: { env: 'test' } } },
          invalid('resourceSelection', 'Specify either recipes or tagMap to select the resources the policy applies to, but not both.')],
        [{ resourceSelection: {} }, invalid('resourceSelection', 'Specify either recipes or tagMap to select the resources the policy applies to, but not both.')],
        [{ policyDetails: [{ action: { type: 'DELETE' }, filter: { type: 'AGE', value: 3 } }] }, invalid('policyDetails[0].filter.unit', 'An AGE filter needs a unit (DAYS, WEEKS, MONTHS or YEARS).')],
        [{ policyDetails: [deleteRule(1), deleteRule(2)] }, invalid('policyDetails[1].action.type', 'A lifecycle policy can have only one DELETE rule.')],
        [{ resourceType: 'CONTAINER_IMAGE', policyDetails: [{ action: { type: 'DEPRECATE' }, filter: { type: 'COUNT', value: 1 } }] },
          invalid('policyDetails[0].action.type', 'Container image policies support only DELETE rules.')],
        [{ policyDetails: [{ action: { type: 'DELETE', includeResources: { containers: true } }, filter: { type: 'COUNT', value: 1 } }] },
          invalid('policyDetails[0].action.includeResources.containers', 'AMI image policies cannot include containers.')],
        [{ resourceSelection: { recipes: [{ name: 'web', semanticVersion: 'x.1.x' }] } },
          invalid('resourceSelection.recipes[0].semanticVersion', "The semantic version 'x.1.x' is not valid: after a wildcard node 'x', every following node must also be 'x'.")],
      ];
      for (const [input, expected] of cases) await expectError(createPolicy({ name: 'bad', ...input }), expected);
      // The model's own constraints, checked before the operation runs.
      await expectError(createPolicy({ name: 'bad', policyDetails: [] }), { name: 'InvalidParameterValueException', status: 400 });
      await expectError(createPolicy({ name: 'bad', policyDetails: [{ action: { type: 'DELETE' }, filter: { type: 'AGE', value: 1, unit: 'DAYS', retainAtLeast: 11 } }] }),
        { name: 'InvalidParameterValueException', status: 400 });
      await expectError(ib.send(new UpdateLifecyclePolicyCommand({
        lifecyclePolicyArn: `${IB}:lifecycle-policy/keep-two`, executionRole: 'NoSuchRole', resourceType: 'AMI_IMAGE',
        policyDetails: [deleteRule(9)], resourceSelection: { tagMap: { a: 'b' } },
      })), invalid('executionRole', 'The provided execution role does not exist. Please specify a different execution role and try again.'));

      const names = (await ib.send(new ListLifecyclePoliciesCommand({}))).lifecyclePolicySummaryList!.map((p) => p.name);
      assert.deepEqual(names, ['keep-two']);
      assert.deepEqual((await ib.send(new GetLifecyclePolicyCommand({ lifecyclePolicyArn: `${IB}:lifecycle-policy/keep-two` }))).lifecyclePolicy!.policyDetails, [deleteRule(2)]);
    });

    it('needs iam:PassRole on the execution role (to imagebuilder.amazonaws.com)', async () => {
      const userClient = async (name: string, statements: object[]) => (await limitedUser(kiln, name, statements)).imagebuilder;
      const ibOnly = await userClient('ib-only', [{ Effect: 'Allow', Action: 'imagebuilder:*', Resource: '*' }]);
      await expectError(createPolicy({}, ibOnly), {
        name: 'AccessDeniedException', status: 403,
        message: `User: arn:aws:iam::${ACCOUNT}:user/ib-only is not authorized to perform: iam:PassRole on resource: ${roleArn} because no identity-based policy allows the iam:PassRole action`,
      });
      assert.deepEqual((await ib.send(new ListLifecyclePoliciesCommand({}))).lifecyclePolicySummaryList, []);
      const passer = await userClient('passer', [
        { Effect: 'Allow', Action: 'imagebuilder:*', Resource: '*' },
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: roleArn, Condition: { StringEquals: { 'iam:PassedToService': 'imagebuilder.amazonaws.com' } } },
      ]);
      assert.equal((await createPolicy({}, passer)).lifecyclePolicyArn, `${IB}:lifecycle-policy/keep-two`);
    });
  });

  describe('runs', () => {
    it('the daily run: a COUNT rule deletes all but the newest builds of the version, one action a second', async () => {
      const images = [await build(), await build(), await build(), await build()];
      const other = await build(undefined, (await ib.send(new CreateImageRecipeCommand({ name: 'web', semanticVersion: '2.0.0', parentImage: PARENT_IMAGE }))).imageRecipeArn!);
      const policyArn = (await createPolicy()).lifecyclePolicyArn!;
      await advance(DAY - 1);
      assert.deepEqual(await executionsOf(policyArn), [], 'nothing runs before a day has passed');

      await advance(1);
      const [run] = await executionsOf(policyArn);
      assert.match(run.lifecycleExecutionId!, LCE);
      assert.equal(run.lifecyclePolicyArn, policyArn);
      assert.deepEqual(run.state, { status: 'IN_PROGRESS' });
      assert.deepEqual(run.resourcesImpactedSummary, { hasImpactedResources: true });
      assert.equal(run.endTime, undefined);
      assert.equal((await ib.send(new GetLifecyclePolicyCommand({ lifecyclePolicyArn: policyArn }))).lifecyclePolicy!.dateLastRun?.getTime(), run.startTime?.getTime());
      const listed = await resources(run.lifecycleExecutionId!);
      assert.deepEqual(listed.map((r) => [r.resourceId, r.action?.name, r.state?.status]), [[images[1], 'DELETE', 'IN_PROGRESS'], [images[0], 'DELETE', 'IN_PROGRESS']]);
      assert.equal(listed[0].action?.reason, 'Matched the DELETE rule: beyond the 2 newest images of its version.');
      assert.deepEqual([listed[0].accountId, listed[0].region], [ACCOUNT, 'us-east-1']);

      await advance(1);
      await expectError(ib.send(new GetImageCommand({ imageBuildVersionArn: images[1] })), notFound(images[1]));
      assert.equal(await status(images[0]), 'AVAILABLE', 'the next action waits its turn');
      await advance(1);
      const done = await execution(run.lifecycleExecutionId!);
      assert.deepEqual(done.state, { status: 'SUCCESS' });
      assert.ok(done.endTime! > done.startTime!);
      assert.deepEqual((await resources(run.lifecycleExecutionId!)).map((r) => r.state?.status), ['SUCCESS', 'SUCCESS']);
      const left = (await ib.send(new ListImageBuildVersionsCommand({ imageVersionArn: `${IB}:image/web/1.0.0` }))).imageSummaryList!;
      assert.deepEqual(left.map((i) => i.arn), [images[2], images[3]]);
      assert.equal(await status(other), 'AVAILABLE', 'each recipe version keeps its own newest builds');
      assert.deepEqual((await executionsOf(images[0])).map((e) => e.lifecycleExecutionId), [run.lifecycleExecutionId], 'an image lists the executions that acted on it');

      await advance(DAY);
      const [second, first] = await executionsOf(policyArn);
      assert.equal(first.lifecycleExecutionId, run.lifecycleExecutionId, 'newest first');
      await advance(1);
      assert.deepEqual([(await execution(second.lifecycleExecutionId!)).state?.status, (await resources(second.lifecycleExecutionId!)).length], ['SUCCESS', 0]);
      assert.equal((await execution(second.lifecycleExecutionId!)).resourcesImpactedSummary?.hasImpactedResources, false);
    });

    it('AGE rules deprecate, then disable, then delete as images grow older; GetImage and the lists show each state', async () => {
      const old = await build();
      await advance(10 * DAY);
      const recent = await build();
      const policyArn = (await createPolicy({
        name: 'ageing',
        policyDetails: [
          { action: { type: 'DELETE' }, filter: { type: 'AGE', value: 4, unit: 'WEEKS' } },
          { action: { type: 'DEPRECATE' }, filter: { type: 'AGE', value: 5, unit: 'DAYS' } },
          { action: { type: 'DISABLE' }, filter: { type: 'AGE', value: 2, unit: 'WEEKS' } },
        ],
      })).lifecyclePolicyArn!;
      await advance(DAY);
      await advance(5);
      const deprecated = await image(old);
      assert.deepEqual(deprecated.state, { status: 'DEPRECATED' });
      const [run] = await executionsOf(policyArn);
      assert.equal(deprecated.lifecycleExecutionId, run.lifecycleExecutionId);
      assert.ok(deprecated.deprecationTime instanceof Date && deprecated.deprecationTime <= clock.now());
      assert.equal(await status(recent), 'AVAILABLE');
      const summaries = (await ib.send(new ListImageBuildVersionsCommand({ imageVersionArn: `${IB}:image/web/1.0.0` }))).imageSummaryList!;
      assert.deepEqual(summaries.map((s) => s.state?.status), ['DEPRECATED', 'AVAILABLE']);
      assert.equal(summaries[0].deprecationTime?.getTime(), deprecated.deprecationTime!.getTime());
      // Deprecated images of your own are always listed (includeDeprecated is about Amazon's).
      assert.deepEqual((await ib.send(new ListImagesCommand({}))).imageVersionList!.map((v) => v.arn), [`${IB}:image/web/1.0.0`]);

      await advance(4 * DAY);
      await advance(5);
      assert.deepEqual([await status(old), await status(recent)], ['DISABLED', 'DEPRECATED']);
      await advance(14 * DAY);
      await advance(5);
      await expectError(ib.send(new GetImageCommand({ imageBuildVersionArn: old })), notFound(old));
      assert.equal(await status(recent), 'DISABLED');
      assert.equal((await executionsOf(policyArn)).every((e) => e.state?.status === 'SUCCESS'), true);
    });

    it('exclusion by tag: an image with the rule\'s tag beyond the retention count is SKIPPED and stays', async () => {
      const kept = await build({ keep: 'forever' });
      const gone = await build();
      await build();
      const policyArn = (await createPolicy({ policyDetails: [{ ...deleteRule(1), exclusionRules: { tagMap: { keep: 'forever' } } }] })).lifecyclePolicyArn!;
      await advance(DAY);
      await advance(5);
      const [run] = await executionsOf(policyArn);
      const listed = await resources(run.lifecycleExecutionId!);
      assert.deepEqual(listed.map((r) => [r.resourceId, r.action?.name, r.state?.status]), [[gone, 'DELETE', 'SUCCESS'], [kept, 'DELETE', 'SKIPPED']]);
      assert.equal(listed[1].state?.reason, 'The image has the exclusion tag keep=forever of the DELETE rule.');
      assert.equal(await status(kept), 'AVAILABLE');
      await expectError(ib.send(new GetImageCommand({ imageBuildVersionArn: gone })), notFound(gone));
    });

    it('a disabled policy does not run; enabling it again runs it a day later', async () => {
      await build();
      await build();
      await build();
      const policyArn = (await createPolicy({ status: 'DISABLED' })).lifecyclePolicyArn!;
      await advance(2 * DAY);
      assert.deepEqual(await executionsOf(policyArn), []);
      const update = (s: 'ENABLED' | 'DISABLED') => ib.send(new UpdateLifecyclePolicyCommand({
        lifecyclePolicyArn: policyArn, executionRole: 'LifecycleRole', resourceType: 'AMI_IMAGE', status: s,
        policyDetails: [deleteRule(2)], resourceSelection: { recipes: [{ name: 'web', semanticVersion: '1.x.x' }] },
      }));
      await update('ENABLED');
      await advance(DAY);
      assert.equal((await executionsOf(policyArn)).length, 1);
      await update('DISABLED');
      await advance(DAY);
      assert.equal((await executionsOf(policyArn)).length, 1);
      await ib.send(new DeleteLifecyclePolicyCommand({ lifecyclePolicyArn: policyArn }));
      await advance(DAY);
      assert.equal((await executionsOf(policyArn)).length, 1, 'the executions of a deleted policy stay listed');
    });

    it('CancelLifecycleExecution: CANCELLING until the current action ends, then CANCELLED; the rest is SKIPPED', async () => {
      const images = [await build(), await build(), await build(), await build()];
      const policyArn = (await createPolicy({ policyDetails: [deleteRule(1)] })).lifecyclePolicyArn!;
      await advance(DAY);
      const [run] = await executionsOf(policyArn);
      const id = run.lifecycleExecutionId!;
      await advance(1);
      await expectError(ib.send(new GetImageCommand({ imageBuildVersionArn: images[2] })), notFound(images[2]));

      assert.deepEqual(await ib.send(new CancelLifecycleExecutionCommand({ lifecycleExecutionId: id, clientToken: 'c-1' })).then((r) => r.lifecycleExecutionId), id);
      assert.deepEqual((await execution(id)).state, { status: 'CANCELLING' });
      const during = await ib.send(new ListLifecycleExecutionResourcesCommand({ lifecycleExecutionId: id }));
      assert.deepEqual(during.lifecycleExecutionState, { status: 'CANCELLING' });
      await advance(1);
      assert.deepEqual((await execution(id)).state, { status: 'CANCELLED' });
      const after = await resources(id);
      assert.deepEqual(after.map((r) => r.state?.status), ['SUCCESS', 'SKIPPED', 'SKIPPED']);
      assert.equal(after[1].state?.reason, 'The lifecycle execution was cancelled before this resource was processed.');
      assert.deepEqual([await status(images[0]), await status(images[1]), await status(images[3])], ['AVAILABLE', 'AVAILABLE', 'AVAILABLE']);

      await expectError(ib.send(new CancelLifecycleExecutionCommand({ lifecycleExecutionId: id })), {
        name: 'InvalidRequestException', status: 400,
        message: `The lifecycle execution '${id}' cannot be cancelled: its status is CANCELLED. Only PENDING or IN_PROGRESS executions can be cancelled.`,
      });
      const missing = 'lce-00000000-0000-0000-0000-000000000000';
      await expectError(ib.send(new GetLifecycleExecutionCommand({ lifecycleExecutionId: missing })), {
        name: 'ResourceNotFoundException', status: 404, message: `The lifecycle execution '${missing}' does not exist.`,
      });
      await expectError(ib.send(new GetLifecycleExecutionCommand({ lifecycleExecutionId: 'lce-nope' })), { name: 'InvalidParameterValueException', status: 400 });
    });

    it('a run whose execution role was deleted FAILS, with the reason on each resource', async () => {
      await build();
      const kept = await build();
      await build();
      const policyArn = (await createPolicy()).lifecyclePolicyArn!;
      await kiln.iam.send(new DeleteRoleCommand({ RoleName: 'LifecycleRole' }));
      await advance(DAY);
      await advance(5);
      const [run] = await executionsOf(policyArn);
      assert.deepEqual(run.state, { status: 'FAILED', reason: '1 of 1 resource actions failed. ListLifecycleExecutionResources shows which, and why.' });
      const [resource] = await resources(run.lifecycleExecutionId!);
      assert.deepEqual(resource.state, { status: 'FAILED', reason: "Image Builder could not assume the execution role 'LifecycleRole': the role does not exist." });
      assert.equal(await status(kept), 'AVAILABLE');
    });
  });

  describe('StartResourceStateUpdate', () => {
    const update = (resourceArn: string, input: Omit<ConstructorParameters<typeof StartResourceStateUpdateCommand>[0], 'resourceArn'>) =>
      ib.send(new StartResourceStateUpdateCommand({ resourceArn, ...input }));

    it('DEPRECATED, DISABLED and back to AVAILABLE, each a lifecycle execution of the image', async () => {
      const arn = await build();
      const started = await update(arn, { state: { status: 'DEPRECATED' }, clientToken: 's-1' });
      assert.match(started.lifecycleExecutionId!, LCE);
      assert.equal(started.resourceArn, arn);
      const running = await execution(started.lifecycleExecutionId!);
      assert.deepEqual([running.state?.status, running.lifecyclePolicyArn], ['IN_PROGRESS', undefined]);
      assert.equal(await status(arn), 'AVAILABLE');
      await expectError(update(arn, { state: { status: 'DISABLED' } }), {
        name: 'ResourceInUseException', status: 400,
        message: `The image '${arn}' is being updated by the lifecycle execution '${started.lifecycleExecutionId}' (IN_PROGRESS).`,
      });
      await advance(1);
      assert.equal(await status(arn), 'DEPRECATED');
      const [resource] = await resources(started.lifecycleExecutionId!);
      assert.deepEqual([resource.resourceId, resource.action, resource.state], [arn, { name: 'DEPRECATE', reason: 'StartResourceStateUpdate requested the status DEPRECATED.' }, { status: 'SUCCESS' }]);

      const disabled = await update(arn, { state: { status: 'DISABLED' } });
      await advance(1);
      assert.equal(await status(arn), 'DISABLED');
      const restored = await update(arn, { state: { status: 'AVAILABLE' } });
      await advance(1);
      const back = await image(arn);
      assert.deepEqual([back.state, back.deprecationTime, back.lifecycleExecutionId], [{ status: 'AVAILABLE' }, undefined, restored.lifecycleExecutionId]);
      assert.deepEqual((await executionsOf(arn)).map((e) => e.lifecycleExecutionId),
        [restored.lifecycleExecutionId, disabled.lifecycleExecutionId, started.lifecycleExecutionId]);
    });

    it('DELETED with its AMIs and snapshots: the image goes, its AMIs are listed under it; an AMI exclusion keeps the image', async () => {
      const distribution = (await ib.send(new CreateDistributionConfigurationCommand({
        name: 'two-regions', distributions: [{ region: 'us-east-1', amiDistributionConfiguration: {} }, { region: 'eu-west-1', amiDistributionConfiguration: {} }],
      }))).distributionConfigurationArn!;
      const first = await build(undefined, recipe, distribution);
      const amis = (await image(first)).outputResources!.amis!;
      const started = await update(first, { state: { status: 'DELETED' }, executionRole: 'LifecycleRole', includeResources: { amis: true, snapshots: true } });
      await advance(1);
      await expectError(ib.send(new GetImageCommand({ imageBuildVersionArn: first })), notFound(first));
      const associated = await resources(started.lifecycleExecutionId!, first);
      assert.deepEqual(associated.map((r) => [r.resourceId, r.region, r.accountId, r.action?.name, r.state?.status]),
        amis.map((a) => [a.image, a.region, ACCOUNT, 'DELETE', 'SUCCESS']));
      assert.deepEqual(associated[0].snapshots, [{ snapshotId: `snap-${amis[0].image!.slice(4)}`, state: { status: 'SUCCESS' } }]);

      const second = await build(undefined, recipe, distribution);
      const kept = await update(second, {
        state: { status: 'DELETED' }, executionRole: roleArn, includeResources: { amis: true }, exclusionRules: { amis: { regions: ['eu-west-1'] } },
      });
      await advance(1);
      assert.equal(await status(second), 'AVAILABLE');
      assert.deepEqual((await resources(kept.lifecycleExecutionId!)).map((r) => [r.state?.status, r.state?.reason]),
        [['SKIPPED', 'The image is kept because an exclusion rule kept one or more of its AMIs.']]);
      assert.deepEqual((await resources(kept.lifecycleExecutionId!, second)).map((r) => [r.region, r.state?.status, r.state?.reason]),
        [['us-east-1', 'SUCCESS', undefined], ['eu-west-1', 'SKIPPED', 'The AMI is in the excluded Region eu-west-1.']]);
    });

    it('a deprecation scheduled with updateAt waits PENDING, with the deprecation time set at once', async () => {
      const arn = await build();
      const at = new Date(clock.now().getTime() + 3600_000);
      const started = await update(arn, { state: { status: 'DEPRECATED' }, updateAt: at });
      assert.deepEqual((await execution(started.lifecycleExecutionId!)).state, { status: 'PENDING' });
      const waiting = await image(arn);
      assert.deepEqual([waiting.state?.status, waiting.deprecationTime?.getTime()], ['AVAILABLE', at.getTime()]);
      await advance(3599);
      assert.equal(await status(arn), 'AVAILABLE');
      await advance(1);
      assert.deepEqual((await execution(started.lifecycleExecutionId!)).state, { status: 'IN_PROGRESS' });
      await advance(1);
      assert.deepEqual([await status(arn), (await execution(started.lifecycleExecutionId!)).state?.status], ['DEPRECATED', 'SUCCESS']);
    });

    it('refuses what AWS does not allow, and changes nothing', async () => {
      const arn = await build();
      const cases: Array<[Omit<ConstructorParameters<typeof StartResourceStateUpdateCommand>[0], 'resourceArn'>, object]> = [
        [{ state: { status: 'DELETED' } }, invalid('includeResources', 'To set an image to DELETED, include at least one of its underlying resources (amis, snapshots or containers). To delete only the Image Builder image resource, use DeleteImage.')],
        [{ state: { status: 'DEPRECATED' }, executionRole: 'LifecycleRole' }, invalid('includeResources', 'executionRole and includeResources must be specified together.')],
        [{ state: { status: 'DISABLED' }, includeResources: { amis: true } }, invalid('executionRole', 'executionRole and includeResources must be specified together.')],
        [{ state: { status: 'DISABLED' }, executionRole: 'LifecycleRole', includeResources: { snapshots: true } }, invalid('includeResources', 'Snapshots and containers can be included only when the status is DELETED.')],
        [{ state: { status: 'DISABLED' }, updateAt: new Date(Date.now() + 3600_000 * 48) }, invalid('updateAt', 'updateAt is valid only when the status is DEPRECATED.')],
        [{ state: { status: 'DEPRECATED' }, updateAt: new Date(clock.now().getTime() - 1000) }, invalid('updateAt', 'updateAt must be a time in the future.')],
        [{ state: { status: 'DELETED' }, executionRole: 'Nobody', includeResources: { amis: true } }, invalid('executionRole', 'The provided execution role does not exist. Please specify a different execution role and try again.')],
        [{ state: { status: 'DELETED' }, executionRole: 'LifecycleRole', includeResources: { containers: true } }, invalid('includeResources.containers', 'An AMI image has no containers.')],
      ];
      for (const [input, expected] of cases) await expectError(update(arn, input), expected as never);
      const missing = `${IB}:image/web/1.0.0/99`;
      await expectError(update(missing, { state: { status: 'DEPRECATED' } }), notFound(missing));

      assert.deepEqual(await executionsOf(arn), []);
      assert.equal(await status(arn), 'AVAILABLE');

      // A build in progress: in a Kiln of its own whose builds take time (here every build is due
      // at once, so Kiln's own ticker could finish it before the request).
      const slow = await startTestKiln({ clock: 'manual' });
      try {
        const { infraArn, recipeArn } = await setUp(slow);
        const building = (await slow.imagebuilder.send(new CreateImageCommand({ imageRecipeArn: recipeArn, infrastructureConfigurationArn: infraArn }))).imageBuildVersionArn!;
        await expectError(slow.imagebuilder.send(new StartResourceStateUpdateCommand({ resourceArn: building, state: { status: 'DEPRECATED' } })), {
          name: 'ResourceInUseException', status: 400,
          message: `The image '${building}' has a build in progress (status PENDING); its state can be updated once the build has finished.`,
        });
      } finally {
        await slow.close();
      }
    });
  });
});

describe('Image Builder lifecycle policies through the aws CLI', () => {
  let kiln: TestKiln;
  before(async () => {
    kiln = await startTestKiln({ clock: 'manual', ...NO_BUILD_TIME, lifecycleActionMs: 0 });
  });
  after(() => kiln.close());

  const aws = async (...args: string[]) => {
    const result = await runAws(args, kiln.env);
    assert.equal(result.code, 0, result.stderr);
    return result.stdout ? JSON.parse(result.stdout) : {};
  };

  it('create-lifecycle-policy, start-resource-state-update, get-lifecycle-execution, list-lifecycle-execution-resources', async () => {
    await aws('iam', 'create-role', '--role-name', 'LifecycleRole', '--assume-role-policy-document', IB_TRUST);
    await aws('iam', 'create-role', '--role-name', 'Builder', '--assume-role-policy-document', TRUST_POLICY);
    await aws('iam', 'create-instance-profile', '--instance-profile-name', 'BuilderProfile');
    await aws('iam', 'add-role-to-instance-profile', '--instance-profile-name', 'BuilderProfile', '--role-name', 'Builder');
    const infra = (await aws('imagebuilder', 'create-infrastructure-configuration', '--name', 'builders', '--instance-profile-name', 'BuilderProfile')).infrastructureConfigurationArn;
    const recipe = (await aws('imagebuilder', 'create-image-recipe', '--name', 'web', '--semantic-version', '1.0.0', '--parent-image', PARENT_IMAGE)).imageRecipeArn;

    const policy = await aws('imagebuilder', 'create-lifecycle-policy', '--name', 'cli-policy', '--execution-role', 'LifecycleRole',
      '--resource-type', 'AMI_IMAGE', '--policy-details', JSON.stringify([deleteRule(1)]),
      '--resource-selection', JSON.stringify({ recipes: [{ name: 'web', semanticVersion: '1.0.0' }] }));
    assert.equal(policy.lifecyclePolicyArn, `${IB}:lifecycle-policy/cli-policy`);
    const got = (await aws('imagebuilder', 'get-lifecycle-policy', '--lifecycle-policy-arn', policy.lifecyclePolicyArn)).lifecyclePolicy;
    assert.deepEqual([got.status, got.policyDetails, typeof got.dateCreated], ['ENABLED', [deleteRule(1)], 'number']);
    assert.deepEqual((await aws('imagebuilder', 'list-lifecycle-policies')).lifecyclePolicySummaryList.map((p: { name: string }) => p.name), ['cli-policy']);

    const image = (await aws('imagebuilder', 'create-image', '--image-recipe-arn', recipe, '--infrastructure-configuration-arn', infra)).imageBuildVersionArn;
    await kiln.runUntilIdle();
    const started = await aws('imagebuilder', 'start-resource-state-update', '--resource-arn', image, '--state', 'status=DEPRECATED');
    assert.match(started.lifecycleExecutionId, LCE);
    await kiln.runUntilIdle();
    const execution = (await aws('imagebuilder', 'get-lifecycle-execution', '--lifecycle-execution-id', started.lifecycleExecutionId)).lifecycleExecution;
    assert.deepEqual(execution.state, { status: 'SUCCESS' });
    const listed = await aws('imagebuilder', 'list-lifecycle-execution-resources', '--lifecycle-execution-id', started.lifecycleExecutionId);
    assert.deepEqual(listed.resources.map((r: { resourceId: string; action: { name: string }; state: { status: string } }) => [r.resourceId, r.action.name, r.state.status]),
      [[image, 'DEPRECATE', 'SUCCESS']]);
    assert.equal((await aws('imagebuilder', 'get-image', '--image-build-version-arn', image)).image.state.status, 'DEPRECATED');
    const executions = await aws('imagebuilder', 'list-lifecycle-executions', '--resource-arn', image);
    assert.deepEqual(executions.lifecycleExecutions.map((e: { lifecycleExecutionId: string }) => e.lifecycleExecutionId), [started.lifecycleExecutionId]);

    await aws('imagebuilder', 'delete-lifecycle-policy', '--lifecycle-policy-arn', policy.lifecyclePolicyArn);
    const gone = await runAws(['imagebuilder', 'get-lifecycle-policy', '--lifecycle-policy-arn', policy.lifecyclePolicyArn], kiln.env);
    assert.notEqual(gone.code, 0);
    assert.match(gone.stderr, /ResourceNotFoundException/);
  });
});
