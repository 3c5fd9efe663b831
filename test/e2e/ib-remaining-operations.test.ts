/**
 * The remaining Image Builder operations through @aws-sdk/client-imagebuilder, on a manual clock:
 * DistributeImage (a new build that
 * only distributes), RetryImage (a failed build resumed in place from the failed phase),
 * GetMarketplaceResource (no AWS Marketplace in Kiln), ListImageScanFindings and
 * ListImageScanFindingAggregations (no scanner: no findings, zero counts), DeleteImagePipeline
 * while one of its builds runs, iam:PassRole on a pipeline's and a distribution's executionRole
 * for a limited user, and one flow through the `aws` CLI.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import {
  CancelImageCreationCommand, CreateComponentCommand, CreateDistributionConfigurationCommand, CreateImageCommand, CreateImagePipelineCommand,
  CreateImageRecipeCommand, CreateInfrastructureConfigurationCommand, DeleteImagePipelineCommand, DistributeImageCommand, GetImageCommand,
  GetImagePipelineCommand, GetMarketplaceResourceCommand, ImagebuilderClient, ListImageBuildVersionsCommand,
  ListImageScanFindingAggregationsCommand, ListImageScanFindingsCommand, ListWorkflowExecutionsCommand, RetryImageCommand,
  StartImagePipelineExecutionCommand, UntagResourceCommand, UpdateImagePipelineCommand, type DistributeImageCommandInput, type Image,
} from '@aws-sdk/client-imagebuilder';
import { ManualClock } from '../../src/index.js';
import { expectError } from '../helpers/errors.js';
import { startTestKiln, type TestKiln } from '../helpers/kiln.js';
import { runAws } from '../helpers/subprocess.js';
import { ACCOUNT, createBuilderProfile, IB, PARENT_IMAGE, trustPolicyFor } from '../helpers/fixtures.js';
import { limitedUser } from '../helpers/users.js';

/** Seconds each status lasts: PENDING 1, BUILDING 4, TESTING 2, DISTRIBUTING 2, INTEGRATING 1 (a whole build: 10). */
const DURATIONS = { buildPendingMs: 1000, buildBuildingMs: 4000, buildTestingMs: 2000, buildDistributingMs: 2000, buildIntegratingMs: 1000 };
const EXECUTION_ROLE = `arn:aws:iam::${ACCOUNT}:role/ImageBuilderExecution`;
const AMI = /^ami-[0-9a-f]{17}$/;
const ZERO = { all: 0, critical: 0, high: 0, medium: 0 };

describe('DistributeImage, RetryImage, GetMarketplaceResource, image scan findings, DeleteImagePipeline during a build', () => {
  let kiln: TestKiln;
  let ib: ImagebuilderClient;
  let infra: string;
  let recipe: string;
  let dist: string;
  const clock = new ManualClock(new Date());
  const advance = async (seconds: number) => {
    clock.advance(seconds);
    await kiln.runUntilIdle();
  };
  const get = async (arn: string): Promise<Image> => (await ib.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image!;
  const status = async (arn: string) => (await get(arn)).state?.status;
  const build = async (tags?: Record<string, string>) =>
    (await ib.send(new CreateImageCommand({ imageRecipeArn: recipe, infrastructureConfigurationArn: infra, tags }))).imageBuildVersionArn!;
  const builds = async () => ((await ib.send(new ListImageBuildVersionsCommand({ imageVersionArn: `${IB}:image/golden/1.0.0` }))).imageSummaryList ?? []).map((s) => s.arn);
  const distribute = (input: Partial<DistributeImageCommandInput>, client = ib) => client.send(new DistributeImageCommand({
    sourceImage: `${IB}:image/golden/1.0.0/1`, distributionConfigurationArn: dist, executionRole: 'ImageBuilderExecution', ...input,
  }));
  const workflows = async (arn: string) => ((await ib.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn }))).workflowExecutions ?? [])
    .map((w) => `${w.type}:${w.status}`);

  before(async () => {
    kiln = await startTestKiln({ clock, ...DURATIONS });
    ib = kiln.imagebuilder;
  });
  after(() => kiln.close());
  beforeEach(async () => {
    await kiln.reset();
    await createBuilderProfile(kiln.iam);
    await kiln.iam.send(new CreateRoleCommand({ RoleName: 'ImageBuilderExecution', AssumeRolePolicyDocument: trustPolicyFor('imagebuilder.amazonaws.com') }));
    infra = (await ib.send(new CreateInfrastructureConfigurationCommand({ name: 'builders', instanceProfileName: 'BuilderProfile' }))).infrastructureConfigurationArn!;
    recipe = (await ib.send(new CreateImageRecipeCommand({ name: 'Golden', semanticVersion: '1.0.0', parentImage: PARENT_IMAGE }))).imageRecipeArn!;
    dist = (await ib.send(new CreateDistributionConfigurationCommand({
      name: 'europe', distributions: [{ region: 'us-east-1', amiDistributionConfiguration: {} }, { region: 'eu-west-1', amiDistributionConfiguration: { name: 'golden-eu' } }],
    }))).distributionConfigurationArn!;
  });

  const userClient = (statements: object[]) => limitedUser(kiln, `user-${Math.random().toString(36).slice(2, 10)}`, statements);

  describe('DistributeImage', () => {
    it('makes a new build that only distributes: PENDING → DISTRIBUTING → INTEGRATING → AVAILABLE, keeping the source AMI at home', async () => {
      const source = await build();
      await advance(10);
      assert.equal(await status(source), 'AVAILABLE');
      const sourceAmi = (await get(source)).outputResources!.amis![0].image!;

      // A version ARN resolves to its newest AVAILABLE build.
      const out = await distribute({ sourceImage: `${IB}:image/golden/1.0.0`, tags: { wave: '2' }, clientToken: 'dist-1' });
      const arn = `${IB}:image/golden/1.0.0/2`;
      assert.equal(out.imageBuildVersionArn, arn);
      assert.equal(out.clientToken, 'dist-1');
      const pending = await get(arn);
      assert.deepEqual(pending.state, { status: 'PENDING' });
      assert.equal(pending.name, 'Golden');
      assert.equal(pending.imageRecipe?.arn, recipe);
      assert.equal(pending.distributionConfiguration?.arn, dist);
      assert.equal(pending.executionRole, 'ImageBuilderExecution');
      assert.deepEqual(pending.tags, { wave: '2' });

      const seen: string[] = [];
      for (let i = 0; i < 5; i++) {
        await advance(1);
        const current = (await status(arn))!;
        if (seen.at(-1) !== current) seen.push(current);
      }
      assert.deepEqual(seen, ['DISTRIBUTING', 'INTEGRATING', 'AVAILABLE']);
      assert.deepEqual(await workflows(arn), ['DISTRIBUTION:COMPLETED'], 'only the distribution phase ran');
      const amis = (await get(arn)).outputResources!.amis!;
      assert.deepEqual(amis.map((a) => a.region), ['us-east-1', 'eu-west-1']);
      assert.equal(amis[0].image, sourceAmi, 'the home Region keeps the AMI that was built');
      assert.match(amis[1].image!, AMI);
      assert.notEqual(amis[1].image, sourceAmi);
      assert.equal(amis[1].name, 'golden-eu');
      assert.equal(await status(source), 'AVAILABLE', 'the source image is untouched');

      // The same client token answers the first response again and makes nothing.
      assert.equal((await distribute({ sourceImage: `${IB}:image/golden/1.0.0`, tags: { wave: '2' }, clientToken: 'dist-1' })).imageBuildVersionArn, arn);
      assert.deepEqual(await builds(), [source, arn]);
      await expectError(distribute({ clientToken: 'dist-1' }), { name: 'IdempotentParameterMismatchException', status: 400 });
    });

    it('refuses sources it cannot distribute, a missing distribution configuration, and missing members; nothing changes', async () => {
      const running = await build();
      const notAvailable = {
        name: 'InvalidRequestException', status: 400,
        message: `The source image '${running}' is PENDING. DistributeImage distributes an image in the AVAILABLE state only.`,
      };
      await expectError(distribute({ sourceImage: running }), notAvailable);
      await expectError(distribute({ sourceImage: `${IB}:image/golden/1.0.0` }), notAvailable);
      await advance(10);

      const missing = `${IB}:image/golden/1.0.0/7`;
      await expectError(distribute({ sourceImage: missing }), {
        name: 'ResourceNotFoundException', status: 404, message: `The source image '${missing}' does not exist in this account and Region.`,
      });
      await expectError(distribute({ sourceImage: 'ami-0123456789abcdef0' }), { name: 'ResourceNotFoundException', status: 404 });
      await expectError(distribute({ sourceImage: 'ssm:/golden/ami' }), { name: 'ResourceNotFoundException', status: 404 });
      await expectError(distribute({ sourceImage: 'golden' }), {
        name: 'InvalidParameterValueException', status: 400,
        message: "The value supplied for parameter 'sourceImage' is not valid. Specify an AMI ID, an SSM parameter (ssm:<parameter name or ARN>) or an Image Builder image ARN.",
      });
      const noDist = `${IB}:distribution-configuration/nowhere`;
      await expectError(distribute({ distributionConfigurationArn: noDist }), { name: 'ResourceNotFoundException', status: 404, message: `The resource ARN '${noDist}' does not exist.` });
      await expectError(distribute({ executionRole: undefined }), {
        name: 'InvalidRequestException', status: 400, message: "The request is missing the required parameter 'executionRole'.",
      });
      await expectError(distribute({ distributionConfigurationArn: 'arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/x' }), { name: 'InvalidParameterValueException', status: 400 });
      assert.deepEqual(await builds(), [running], 'no build was made');
    });
  });

  describe('RetryImage', () => {
    it('resumes a build that failed while distributing, in place, once the cause is gone', async () => {
      const arn = await build({ 'kiln:fail-at-stage': 'DISTRIBUTING' });
      await expectError(ib.send(new RetryImageCommand({ imageBuildVersionArn: arn })), {
        name: 'ResourceInUseException', status: 400, message: `The image '${arn}' is PENDING. Only a FAILED image can be retried.`,
      });
      await advance(10);
      assert.equal(await status(arn), 'FAILED');
      assert.deepEqual(await workflows(arn), ['BUILD:COMPLETED', 'TEST:COMPLETED', 'DISTRIBUTION:FAILED']);

      await ib.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['kiln:fail-at-stage'] }));
      const out = await ib.send(new RetryImageCommand({ imageBuildVersionArn: arn, clientToken: 'retry-1' }));
      assert.equal(out.imageBuildVersionArn, arn, 'the same image is retried');
      assert.equal(out.clientToken, 'retry-1');
      assert.deepEqual((await get(arn)).state, { status: 'PENDING' });
      await advance(1);
      assert.equal(await status(arn), 'DISTRIBUTING');
      await advance(3);
      const image = await get(arn);
      assert.deepEqual(image.state, { status: 'AVAILABLE' });
      assert.match(image.outputResources!.amis![0].image!, AMI);
      assert.deepEqual(await workflows(arn), ['BUILD:COMPLETED', 'TEST:COMPLETED', 'DISTRIBUTION:FAILED', 'DISTRIBUTION:COMPLETED'], 'the build was not run again');
      assert.deepEqual(await builds(), [arn], 'no new build');

      // The same token again: the first answer, and nothing runs.
      assert.equal((await ib.send(new RetryImageCommand({ imageBuildVersionArn: arn, clientToken: 'retry-1' }))).imageBuildVersionArn, arn);
      assert.equal(await status(arn), 'AVAILABLE');
      await expectError(ib.send(new RetryImageCommand({ imageBuildVersionArn: arn })), {
        name: 'InvalidRequestException', status: 400, message: `The image '${arn}' is AVAILABLE. Only a FAILED image can be retried.`,
      });
    });

    it('resumes a test failure from TESTING; refuses build failures, cancelled and missing images', async () => {
      const tested = await build({ 'kiln:fail-at-stage': 'TESTING' });
      const built = await build({ 'kiln:fail-at-stage': 'BUILDING' });
      const cancelled = await build();
      await ib.send(new CancelImageCreationCommand({ imageBuildVersionArn: cancelled }));
      await advance(10);
      assert.equal(await status(tested), 'FAILED');
      assert.equal(await status(built), 'FAILED');

      await expectError(ib.send(new RetryImageCommand({ imageBuildVersionArn: built })), {
        name: 'InvalidRequestException', status: 400,
        message: `The image '${built}' failed before its test phase. RetryImage retries failures in the test, distribution or integration phase; start a new build instead.`,
      });
      assert.equal(await status(built), 'FAILED');
      await expectError(ib.send(new RetryImageCommand({ imageBuildVersionArn: cancelled })), { name: 'InvalidRequestException', status: 400 });
      const missing = `${IB}:image/golden/1.0.0/9`;
      await expectError(ib.send(new RetryImageCommand({ imageBuildVersionArn: missing })), { name: 'ResourceNotFoundException', status: 404 });
      await expectError(ib.send(new RetryImageCommand({ imageBuildVersionArn: `${IB}:image/golden/1.0.0` })), { name: 'InvalidParameterValueException', status: 400 });

      // The test hook fails the retry again while the tag stays: the retry ran the test phase.
      await ib.send(new RetryImageCommand({ imageBuildVersionArn: tested }));
      await advance(1);
      assert.equal(await status(tested), 'TESTING');
      await advance(2);
      assert.equal(await status(tested), 'FAILED');
      await ib.send(new UntagResourceCommand({ resourceArn: tested, tagKeys: ['kiln:fail-at-stage'] }));
      await ib.send(new RetryImageCommand({ imageBuildVersionArn: tested }));
      await advance(6);
      assert.equal(await status(tested), 'AVAILABLE');
      assert.deepEqual(await workflows(tested), ['BUILD:COMPLETED', 'TEST:FAILED', 'TEST:FAILED', 'TEST:COMPLETED', 'DISTRIBUTION:COMPLETED']);
    });
  });

  describe('GetMarketplaceResource', () => {
    it('finds no Marketplace resource (no subscriptions in Kiln), refuses own components and other resource types', async () => {
      const marketplace = 'arn:aws:imagebuilder:us-east-1:aws-marketplace:component/cis-hardening/1.0.0/1';
      await expectError(ib.send(new GetMarketplaceResourceCommand({ resourceType: 'COMPONENT_DATA', resourceArn: marketplace })), {
        name: 'ResourceNotFoundException', status: 404,
        message: `The AWS Marketplace resource '${marketplace}' does not exist, or your account is not subscribed to its product.`,
      });
      await expectError(ib.send(new GetMarketplaceResourceCommand({
        resourceType: 'COMPONENT_ARTIFACT', resourceArn: marketplace, resourceLocation: 's3://marketplace-bucket/artifact.zip',
      })), { name: 'ResourceNotFoundException', status: 404 });

      const own = (await ib.send(new CreateComponentCommand({
        name: 'hello', semanticVersion: '1.0.0', platform: 'Linux',
        data: 'schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Hello\n        action: ExecuteBash\n        inputs:\n          commands: [echo hello]\n',
      }))).componentBuildVersionArn!;
      await expectError(ib.send(new GetMarketplaceResourceCommand({ resourceType: 'COMPONENT_DATA', resourceArn: own })), {
        name: 'InvalidRequestException', status: 400,
        message: `The resource '${own}' is not an AWS Marketplace resource. GetMarketplaceResource retrieves components of AWS Marketplace products you subscribe to.`,
      });
      await expectError(ib.send(new GetMarketplaceResourceCommand({ resourceType: 'COMPONENT_DATA', resourceArn: recipe })), {
        name: 'InvalidParameterValueException', status: 400,
        message: `The value supplied for parameter 'resourceArn' is not valid. ${recipe} is not a component version or build version ARN: GetMarketplaceResource retrieves AWS Marketplace components (resourceType COMPONENT_DATA).`,
      });
      await expectError(ib.send(new GetMarketplaceResourceCommand({ resourceType: 'COMPONENT_DATA' as const, resourceArn: 'cis-hardening' })), { name: 'InvalidParameterValueException', status: 400 });
      await expectError(ib.send(new GetMarketplaceResourceCommand({ resourceType: 'AMI' as 'COMPONENT_DATA', resourceArn: marketplace })), { name: 'InvalidParameterValueException', status: 400 });
      await expectError(ib.send(new GetMarketplaceResourceCommand({
        resourceType: 'COMPONENT_ARTIFACT', resourceArn: marketplace, resourceLocation: 'https://example.com/a.zip',
      })), { name: 'InvalidParameterValueException', status: 400 });
    });
  });

  describe('image scan findings', () => {
    it('ListImageScanFindings: no findings, with the documented filters checked and no paging tokens', async () => {
      const arn = await build();
      assert.deepEqual((await ib.send(new ListImageScanFindingsCommand({}))).findings, []);
      for (const filter of [
        { name: 'imageBuildVersionArn', values: [arn] }, { name: 'imagePipelineArn', values: [`${IB}:image-pipeline/nightly`] },
        { name: 'vulnerabilityId', values: ['CVE-2024-3094'] }, { name: 'severity', values: ['CRITICAL'] },
      ]) {
        const out = await ib.send(new ListImageScanFindingsCommand({ filters: [filter], maxResults: 25 }));
        assert.deepEqual(out.findings, [], filter.name);
        assert.equal(out.nextToken, undefined);
        assert.match(out.requestId!, /^[0-9a-f-]{36}$/);
      }
      await expectError(ib.send(new ListImageScanFindingsCommand({ filters: [{ name: 'accountId', values: [ACCOUNT] }] })), {
        name: 'InvalidParameterValueException', status: 400,
        message: "The value supplied for parameter 'filters' is not valid. The filter name 'accountId' is not supported. Supported names: imageBuildVersionArn, imagePipelineArn, vulnerabilityId, severity.",
      });
      await expectError(ib.send(new ListImageScanFindingsCommand({ filters: [{ name: 'severity', values: ['SEVERE'] }] })), {
        name: 'InvalidParameterValueException', status: 400,
        message: "The value supplied for parameter 'filters' is not valid. The value 'SEVERE' of the filter 'severity' is not one of INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL, UNTRIAGED.",
      });
      await expectError(ib.send(new ListImageScanFindingsCommand({ filters: [{ name: 'imagePipelineArn', values: [arn] }] })), { name: 'InvalidParameterValueException', status: 400 });
      await expectError(ib.send(new ListImageScanFindingsCommand({ filters: [{ name: 'severity', values: ['LOW', 'HIGH'] }] })), { name: 'InvalidParameterValueException', status: 400 });
      await expectError(ib.send(new ListImageScanFindingsCommand({ maxResults: 26 })), { name: 'InvalidParameterValueException', status: 400 });
      await expectError(ib.send(new ListImageScanFindingsCommand({ nextToken: 'eyJrIjoiYSJ9' })), { name: 'InvalidPaginationTokenException', status: 400 });
    });

    it('ListImageScanFindingAggregations: the account, or one aggregation per filter value, all zero', async () => {
      const none = await ib.send(new ListImageScanFindingAggregationsCommand({}));
      assert.equal(none.aggregationType, 'accountId');
      assert.deepEqual(none.responses, [{ accountAggregation: { accountId: ACCOUNT, severityCounts: ZERO } }]);
      assert.equal(none.nextToken, undefined);

      const pipelines = [`${IB}:image-pipeline/nightly`, `${IB}:image-pipeline/weekly`];
      const byPipeline = await ib.send(new ListImageScanFindingAggregationsCommand({ filter: { name: 'imagePipelineArn', values: pipelines } }));
      assert.equal(byPipeline.aggregationType, 'imagePipelineArn');
      assert.deepEqual(byPipeline.responses, pipelines.map((imagePipelineArn) => ({ imagePipelineAggregation: { imagePipelineArn, severityCounts: ZERO } })));
      const image = `${IB}:image/golden/1.0.0/1`;
      assert.deepEqual((await ib.send(new ListImageScanFindingAggregationsCommand({ filter: { name: 'imageBuildVersionArn', values: [image] } }))).responses,
        [{ imageAggregation: { imageBuildVersionArn: image, severityCounts: ZERO } }]);
      assert.deepEqual((await ib.send(new ListImageScanFindingAggregationsCommand({ filter: { name: 'vulnerabilityId', values: ['CVE-2024-3094'] } }))).responses,
        [{ vulnerabilityIdAggregation: { vulnerabilityId: 'CVE-2024-3094', severityCounts: ZERO } }]);

      await expectError(ib.send(new ListImageScanFindingAggregationsCommand({ filter: { name: 'severity', values: ['HIGH'] } })), {
        name: 'InvalidParameterValueException', status: 400,
        message: "The value supplied for parameter 'filter' is not valid. The filter name 'severity' is not supported. Supported names: accountId, imageBuildVersionArn, imagePipelineArn, vulnerabilityId.",
      });
      await expectError(ib.send(new ListImageScanFindingAggregationsCommand({ filter: { name: 'accountId', values: ['12345'] } })), { name: 'InvalidParameterValueException', status: 400 });
      await expectError(ib.send(new ListImageScanFindingAggregationsCommand({ filter: { name: 'accountId' } })), { name: 'InvalidParameterValueException', status: 400 });
      await expectError(ib.send(new ListImageScanFindingAggregationsCommand({ nextToken: 'page-2' })), { name: 'InvalidPaginationTokenException', status: 400 });
    });
  });

  describe('DeleteImagePipeline while a build of it runs', () => {
    it('is a ResourceDependencyException until the build ends; then it deletes and the image stays', async () => {
      const pipeline = (await ib.send(new CreateImagePipelineCommand({ name: 'nightly', imageRecipeArn: recipe, infrastructureConfigurationArn: infra }))).imagePipelineArn!;
      const other = (await ib.send(new CreateImagePipelineCommand({ name: 'other', imageRecipeArn: recipe, infrastructureConfigurationArn: infra }))).imagePipelineArn!;
      const image = (await ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: pipeline }))).imageBuildVersionArn!;
      await advance(2);
      assert.equal(await status(image), 'BUILDING');
      await expectError(ib.send(new DeleteImagePipelineCommand({ imagePipelineArn: pipeline })), {
        name: 'ResourceDependencyException', status: 400, message: `Resource dependency error: The resource ARN '${pipeline}' has other resources depended on it.`,
      });
      assert.equal((await ib.send(new GetImagePipelineCommand({ imagePipelineArn: pipeline }))).imagePipeline?.lastRunStatus, 'BUILDING', 'the pipeline is still there');
      // A pipeline with no build running deletes while another pipeline's build runs.
      await ib.send(new DeleteImagePipelineCommand({ imagePipelineArn: other }));

      await advance(8);
      assert.equal(await status(image), 'AVAILABLE');
      assert.equal((await ib.send(new DeleteImagePipelineCommand({ imagePipelineArn: pipeline }))).imagePipelineArn, pipeline);
      await expectError(ib.send(new GetImagePipelineCommand({ imagePipelineArn: pipeline })), { name: 'ResourceNotFoundException', status: 404 });
      assert.equal((await get(image)).sourcePipelineArn, pipeline, 'the image keeps its pipeline ARN');
    });

    it('a cancelled build no longer holds its pipeline', async () => {
      const pipeline = (await ib.send(new CreateImagePipelineCommand({ name: 'nightly', imageRecipeArn: recipe, infrastructureConfigurationArn: infra }))).imagePipelineArn!;
      const image = (await ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: pipeline }))).imageBuildVersionArn!;
      await expectError(ib.send(new DeleteImagePipelineCommand({ imagePipelineArn: pipeline })), { name: 'ResourceDependencyException', status: 400 });
      await ib.send(new CancelImageCreationCommand({ imageBuildVersionArn: image }));
      await ib.send(new DeleteImagePipelineCommand({ imagePipelineArn: pipeline }));
    });
  });

  describe('iam:PassRole on an executionRole', () => {
    it('a pipeline\'s executionRole needs iam:PassRole to imagebuilder.amazonaws.com on Create and Update; a denial changes nothing', async () => {
      const ibOnly = await userClient([{ Effect: 'Allow', Action: 'imagebuilder:*', Resource: '*' }]);
      const denied = (arn: string) => ({
        name: 'AccessDeniedException', status: 403,
        message: `User: ${arn} is not authorized to perform: iam:PassRole on resource: ${EXECUTION_ROLE} because no identity-based policy allows the iam:PassRole action`,
      });
      const input = { name: 'passed', imageRecipeArn: recipe, infrastructureConfigurationArn: infra, executionRole: 'ImageBuilderExecution' };
      await expectError(ibOnly.imagebuilder.send(new CreateImagePipelineCommand(input)), denied(ibOnly.arn));
      await expectError(ib.send(new GetImagePipelineCommand({ imagePipelineArn: `${IB}:image-pipeline/passed` })), { name: 'ResourceNotFoundException', status: 404 });
      // Without an executionRole nothing is passed.
      const pipeline = (await ibOnly.imagebuilder.send(new CreateImagePipelineCommand({ ...input, name: 'plain', executionRole: undefined, description: 'first' }))).imagePipelineArn!;
      await expectError(ibOnly.imagebuilder.send(new UpdateImagePipelineCommand({
        imagePipelineArn: pipeline, imageRecipeArn: recipe, infrastructureConfigurationArn: infra, executionRole: EXECUTION_ROLE, description: 'second',
      })), denied(ibOnly.arn));
      const kept = (await ib.send(new GetImagePipelineCommand({ imagePipelineArn: pipeline }))).imagePipeline!;
      assert.equal(kept.description, 'first');
      assert.equal(kept.executionRole, undefined);

      const wrongService = await userClient([
        { Effect: 'Allow', Action: 'imagebuilder:*', Resource: '*' },
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: EXECUTION_ROLE, Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } },
      ]);
      await expectError(wrongService.imagebuilder.send(new CreateImagePipelineCommand(input)), denied(wrongService.arn));

      const allowed = await userClient([
        { Effect: 'Allow', Action: 'imagebuilder:*', Resource: '*' },
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: EXECUTION_ROLE, Condition: { StringEquals: { 'iam:PassedToService': 'imagebuilder.amazonaws.com' } } },
      ]);
      await allowed.imagebuilder.send(new CreateImagePipelineCommand(input));
      await allowed.imagebuilder.send(new UpdateImagePipelineCommand({
        imagePipelineArn: pipeline, imageRecipeArn: recipe, infrastructureConfigurationArn: infra, executionRole: EXECUTION_ROLE, description: 'second',
      }));
      assert.equal((await ib.send(new GetImagePipelineCommand({ imagePipelineArn: pipeline }))).imagePipeline?.executionRole, EXECUTION_ROLE);
    });

    it('DistributeImage passes its executionRole too', async () => {
      const source = await build();
      await advance(10);
      const ibOnly = await userClient([{ Effect: 'Allow', Action: 'imagebuilder:*', Resource: '*' }]);
      await expectError(distribute({}, ibOnly.imagebuilder), {
        name: 'AccessDeniedException', status: 403,
        message: `User: ${ibOnly.arn} is not authorized to perform: iam:PassRole on resource: ${EXECUTION_ROLE} because no identity-based policy allows the iam:PassRole action`,
      });
      assert.deepEqual(await builds(), [source], 'no build was made');
      const allowed = await userClient([
        { Effect: 'Allow', Action: 'imagebuilder:*', Resource: '*' },
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: EXECUTION_ROLE, Condition: { StringEquals: { 'iam:PassedToService': 'imagebuilder.amazonaws.com' } } },
      ]);
      assert.equal((await distribute({}, allowed.imagebuilder)).imageBuildVersionArn, `${IB}:image/golden/1.0.0/2`);
    });
  });

  it('the aws CLI distributes, retries, reads findings and aggregations, and gets the Marketplace error', async () => {
    const aws = (...args: string[]) => runAws(['imagebuilder', ...args], kiln.env);
    const source = await build();
    await advance(10);
    const distributed = await aws('distribute-image', '--source-image', source, '--distribution-configuration-arn', dist, '--execution-role', 'ImageBuilderExecution');
    assert.equal(distributed.code, 0, distributed.stderr);
    const arn = JSON.parse(distributed.stdout).imageBuildVersionArn;
    assert.equal(arn, `${IB}:image/golden/1.0.0/2`);
    assert.match(JSON.parse(distributed.stdout).clientToken, /^[0-9a-f-]{36}$/, 'the CLI fills in a client token');
    await advance(4);
    assert.equal(JSON.parse((await aws('get-image', '--image-build-version-arn', arn)).stdout).image.state.status, 'AVAILABLE');

    const retried = await aws('retry-image', '--image-build-version-arn', arn);
    assert.notEqual(retried.code, 0);
    assert.match(retried.stderr, /\(InvalidRequestException\) when calling the RetryImage operation: The image '.*' is AVAILABLE\. Only a FAILED image can be retried\./);

    const findings = await aws('list-image-scan-findings', '--filters', 'name=severity,values=HIGH');
    assert.equal(findings.code, 0, findings.stderr);
    assert.deepEqual(JSON.parse(findings.stdout).findings, []);
    const aggregations = JSON.parse((await aws('list-image-scan-finding-aggregations')).stdout);
    assert.equal(aggregations.aggregationType, 'accountId');
    assert.deepEqual(aggregations.responses, [{ accountAggregation: { accountId: ACCOUNT, severityCounts: ZERO } }]);

    const marketplace = await aws('get-marketplace-resource', '--resource-type', 'COMPONENT_DATA', '--resource-arn', 'arn:aws:imagebuilder:us-east-1:aws-marketplace:component/cis/1.0.0/1');
    assert.notEqual(marketplace.code, 0);
    assert.match(marketplace.stderr, /\(ResourceNotFoundException\) when calling the GetMarketplaceResource operation/);
  });
});
