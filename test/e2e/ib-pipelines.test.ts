/**
 * Image Builder image pipelines end to end through the real @aws-sdk/client-imagebuilder client
 * (and the `aws` CLI): CreateImagePipeline, UpdateImagePipeline (a full replacement),
 * GetImagePipeline, ListImagePipelines, DeleteImagePipeline and ListImagePipelineImages, with
 * defaults, recipe and configuration references, schedules, ARN normalisation, clientToken
 * idempotency, filters, paging, region isolation, the dependency errors of configurations a
 * pipeline uses, and that every failed call changes nothing.
 *
 * Recipes are made with CreateImageRecipe/CreateContainerRecipe; the images ListImagePipelineImages
 * answers are written to the store as records.ts lays them out (builds would make them), with the
 * pipeline's ARN as their sourcePipelineArn, so that their fields and order are the test's own.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AddRoleToInstanceProfileCommand, CreateInstanceProfileCommand, CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  CreateContainerRecipeCommand, CreateDistributionConfigurationCommand, CreateImagePipelineCommand, CreateImageRecipeCommand,
  CreateInfrastructureConfigurationCommand, DeleteDistributionConfigurationCommand, DeleteImagePipelineCommand,
  DeleteInfrastructureConfigurationCommand, GetImagePipelineCommand, ImagebuilderClient, ListImagePipelineImagesCommand,
  ListImagePipelinesCommand, UpdateImagePipelineCommand,
  type CreateImagePipelineCommandInput, type Filter, type ImagePipeline, type UpdateImagePipelineCommandInput,
} from '@aws-sdk/client-imagebuilder';
import { ManualClock } from '../../src/kernel/clock.js';
import { createLogger } from '../../src/kernel/log.js';
import { resolveConfig } from '../../src/server/config.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { IMAGE_PIPELINES, IMAGES, type ImagePipelineRecord, type ImageRecord } from '../../src/services/imagebuilder/domain/records.js';
import { arnName } from '../../src/services/imagebuilder/domain/scope.js';
import { buildSortKey, versionSortKey } from '../../src/services/imagebuilder/domain/versions.js';
import { expectError } from '../helpers/errors.js';
import { runAws } from '../helpers/subprocess.js';
import { ACCOUNT, HOUR_AWAY_FROM_NOW, IB, TRUST_POLICY } from '../helpers/fixtures.js';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const SCOPE = `${ACCOUNT}/us-east-1`;

const notFound = (arn: string) => ({ name: 'ResourceNotFoundException', status: 404, message: `The resource ARN '${arn}' does not exist.` });
const dependency = (arn: string) => ({
  name: 'ResourceDependencyException', status: 400, message: `Resource dependency error: The resource ARN '${arn}' has other resources depended on it.`,
});
const combination = { name: 'InvalidParameterCombinationException', status: 400 };
const badSchedule = {
  name: 'InvalidParameterValueException', status: 400,
  message: "The value supplied for parameter 'schedule.scheduleExpression' is not valid. Invalid schedule expression. Details: The expression must be a cron(...) or rate(...) expression.",
};

describe('Image Builder image pipelines through @aws-sdk/client-imagebuilder', () => {
  let running: RunningServer;
  let clock: ManualClock;
  let ib: ImagebuilderClient;
  let west: ImagebuilderClient;
  let env: NodeJS.ProcessEnv;
  let infra: string;
  let infra2: string;
  let dist: string;
  let recipe: string;
  let recipe2: string;
  let containerRecipe: string;
  let counter = 0;
  const unique = (stem: string) => `${stem}-${++counter}`;

  /** An image recipe or container recipe, made through the API (an AMI id implies Linux; an Amazon image's name its platform). */
  async function makeRecipe(kind: 'image' | 'container', name: string, version: string, platform: 'Linux' | 'Windows' = 'Linux'): Promise<string> {
    if (kind === 'image') {
      const parentImage = platform === 'Windows' ? 'arn:aws:imagebuilder:us-east-1:aws:image/windows-server-2022-english-full-base-x86/x.x.x' : 'ami-0123456789abcdef0';
      return (await ib.send(new CreateImageRecipeCommand({ name, semanticVersion: version, parentImage }))).imageRecipeArn!;
    }
    return (await ib.send(new CreateContainerRecipeCommand({
      containerType: 'DOCKER', name, semanticVersion: version, parentImage: 'amazonlinux:latest',
      dockerfileTemplateData: 'FROM {{{ imagebuilder:parentImage }}}\n{{{ imagebuilder:environments }}}\n{{{ imagebuilder:components }}}',
      targetRepository: { service: 'ECR', repositoryName: 'repo' },
    }))).containerRecipeArn!;
  }

  /** An image record a build of `pipelineArn` would leave (the images engineer's builds write these). */
  async function storeImage(name: string, version: string, build: number, pipelineArn: string | undefined, status: ImageRecord['state'] = { status: 'AVAILABLE' }): Promise<string> {
    const arn = `${IB}:image/${arnName(name)}/${version}/${build}`;
    const record: ImageRecord = {
      arn, name, semanticVersion: version, build, version: `${version}/${build}`, type: 'AMI', platform: 'Linux',
      enhancedImageMetadataEnabled: true, state: status, sourcePipelineArn: pipelineArn, dateCreated: clock.now().toISOString(),
      outputResources: { amis: [{ region: 'us-east-1', image: 'ami-0abcdef1234567890', name: `${name} build` }] },
      tags: { Built: 'yes' }, buildType: 'USER_INITIATED', imageSource: 'CUSTOM',
    };
    await running.store.tx((tx) => tx.put(IMAGES, SCOPE, `${arnName(name)}/${versionSortKey(version)}/${buildSortKey(build)}`, record));
    return arn;
  }

  const create = (input: Partial<CreateImagePipelineCommandInput> & { name: string }, client?: ImagebuilderClient) =>
    (client ?? ib).send(new CreateImagePipelineCommand({ imageRecipeArn: recipe, infrastructureConfigurationArn: infra, ...input }));
  const update = (input: Partial<UpdateImagePipelineCommandInput> & { imagePipelineArn: string }) =>
    ib.send(new UpdateImagePipelineCommand({ imageRecipeArn: recipe, infrastructureConfigurationArn: infra, ...input }));
  const get = async (arn: string, client?: ImagebuilderClient) => (await (client ?? ib).send(new GetImagePipelineCommand({ imagePipelineArn: arn }))).imagePipeline!;
  const listed = async (filters?: Filter[], client?: ImagebuilderClient) =>
    ((await (client ?? ib).send(new ListImagePipelinesCommand({ filters }))).imagePipelineList ?? []).map((p) => p.name!);

  before(async () => {
    const config = resolveConfig({ port: 0, ephemeral: true, logLevel: 'silent' }, {});
    clock = new ManualClock(new Date());
    running = await startServer(config, { clock, log: createLogger('silent') });
    const credentials = { accessKeyId: config.rootAccessKeyId, secretAccessKey: config.rootSecretAccessKey };
    ib = new ImagebuilderClient({ endpoint: running.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    west = new ImagebuilderClient({ endpoint: running.url, region: 'us-west-2', credentials, maxAttempts: 1 });
    env = {
      ...process.env, AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_DEFAULT_REGION: 'us-east-1', AWS_ENDPOINT_URL: running.url, AWS_PAGER: '', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    };
    const iam = new IAMClient({ endpoint: running.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    await iam.send(new CreateRoleCommand({ RoleName: 'PipelineBuilder', AssumeRolePolicyDocument: TRUST_POLICY }));
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'PipelineProfile' }));
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'PipelineProfile', RoleName: 'PipelineBuilder' }));
    const makeInfra = async (name: string) =>
      (await ib.send(new CreateInfrastructureConfigurationCommand({ name, instanceProfileName: 'PipelineProfile' }))).infrastructureConfigurationArn!;
    infra = await makeInfra('pipeline-infra');
    infra2 = await makeInfra('pipeline-infra-two');
    dist = (await ib.send(new CreateDistributionConfigurationCommand({
      name: 'pipeline-dist', distributions: [{ region: 'us-east-1', amiDistributionConfiguration: { name: 'img {{imagebuilder:buildDate}}' } }],
    }))).distributionConfigurationArn!;
    recipe = await makeRecipe('image', 'base-recipe', '1.0.0');
    recipe2 = await makeRecipe('image', 'windows-recipe', '2.1.0', 'Windows');
    containerRecipe = await makeRecipe('container', 'ctr-recipe', '1.0.0');
  });
  after(() => running.close());

  it('creates a pipeline with AWS\'s defaults and answers it whole', async () => {
    const created = await create({ name: 'My Pipeline_One', clientToken: 'pipe-1' });
    const arn = `${IB}:image-pipeline/my-pipeline-one`;
    assert.equal(created.imagePipelineArn, arn);
    assert.equal(created.clientToken, 'pipe-1');
    assert.match(created.requestId ?? '', /^[0-9a-f-]{36}$/);
    const pipeline = await get(arn);
    assert.match(pipeline.dateCreated!, ISO);
    assert.deepEqual(pipeline, {
      arn, name: 'My Pipeline_One', platform: 'Linux', enhancedImageMetadataEnabled: true, imageRecipeArn: recipe,
      infrastructureConfigurationArn: infra, imageTestsConfiguration: { imageTestsEnabled: true, timeoutMinutes: 720 },
      status: 'ENABLED', dateCreated: pipeline.dateCreated, dateUpdated: pipeline.dateCreated, tags: {}, consecutiveFailures: 0,
    });
  });

  it('keeps every setting given, a schedule with its default start condition, and the platform of the recipe', async () => {
    const name = unique('full');
    const input: CreateImagePipelineCommandInput = {
      name, description: 'nightly', imageRecipeArn: recipe2, infrastructureConfigurationArn: infra, distributionConfigurationArn: dist,
      imageTestsConfiguration: { imageTestsEnabled: false, timeoutMinutes: 60 }, enhancedImageMetadataEnabled: false,
      schedule: { scheduleExpression: 'cron(0 0 * * ? *)', timezone: 'Europe/Paris', autoDisablePolicy: { failureCount: 3 } },
      status: 'DISABLED', tags: { Team: 'a' }, imageTags: { Built: 'by-pipeline' },
      imageScanningConfiguration: { imageScanningEnabled: true, ecrConfiguration: { repositoryName: 'scans', containerTags: ['t'] } },
      workflows: [{ workflowArn: 'arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/x.x.x', onFailure: 'ABORT', parallelGroup: 'g' }],
      executionRole: 'ImageBuilderExecution', loggingConfiguration: { imageLogGroupName: '/ib/images', pipelineLogGroupName: '/ib/pipelines' },
    };
    const arn = (await ib.send(new CreateImagePipelineCommand(input))).imagePipelineArn!;
    const pipeline = await get(arn);
    const { clientToken: _token, ...given } = input;
    assert.deepEqual(pipeline, {
      ...given, arn, platform: 'Windows',
      schedule: { ...input.schedule, pipelineExecutionStartCondition: 'EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE' },
      dateCreated: pipeline.dateCreated, dateUpdated: pipeline.dateUpdated, consecutiveFailures: 0,
    });

    const rate = await get((await create({ name: unique('rate'), schedule: { scheduleExpression: 'rate(1 day)', pipelineExecutionStartCondition: 'EXPRESSION_MATCH_ONLY' } })).imagePipelineArn!);
    assert.deepEqual(rate.schedule, { scheduleExpression: 'rate(1 day)', pipelineExecutionStartCondition: 'EXPRESSION_MATCH_ONLY' });
    const container = await get((await create({ name: unique('container'), imageRecipeArn: undefined, containerRecipeArn: containerRecipe })).imagePipelineArn!);
    assert.equal(container.containerRecipeArn, containerRecipe);
    assert.equal(container.imageRecipeArn, undefined);
    assert.equal(container.platform, 'Linux');
  });

  it('takes a recipe ARN whose version has x nodes when a version matches', async () => {
    const arn = (await create({ name: unique('wild'), imageRecipeArn: `${IB}:image-recipe/base-recipe/1.x.x` })).imagePipelineArn!;
    assert.equal((await get(arn)).imageRecipeArn, `${IB}:image-recipe/base-recipe/1.x.x`);
    const none = `${IB}:image-recipe/base-recipe/3.x.x`;
    await expectError(create({ name: unique('wild'), imageRecipeArn: none }), notFound(none));
  });

  it('needs exactly one recipe, existing recipes and configurations, and a cron or rate schedule; a failure stores nothing', async () => {
    const name = unique('bad');
    const arn = `${IB}:image-pipeline/${name}`;
    await expectError(create({ name, containerRecipeArn: containerRecipe }), {
      ...combination, message: "You cannot specify both 'imageRecipeArn' and 'containerRecipeArn'. Specify exactly one of them.",
    });
    await expectError(create({ name, imageRecipeArn: undefined }), { ...combination, message: "You must specify either 'imageRecipeArn' or 'containerRecipeArn'." });
    const missingRecipe = `${IB}:image-recipe/no-such-recipe/1.0.0`;
    await expectError(create({ name, imageRecipeArn: missingRecipe }), notFound(missingRecipe));
    const missingContainer = `${IB}:container-recipe/base-recipe/1.0.0`;
    await expectError(create({ name, imageRecipeArn: undefined, containerRecipeArn: missingContainer }), notFound(missingContainer));
    const otherRegionRecipe = `arn:aws:imagebuilder:us-west-2:${ACCOUNT}:image-recipe/base-recipe/1.0.0`;
    await expectError(create({ name, imageRecipeArn: otherRegionRecipe }), notFound(otherRegionRecipe));
    const missingInfra = `${IB}:infrastructure-configuration/no-such-infra`;
    await expectError(create({ name, infrastructureConfigurationArn: missingInfra }), notFound(missingInfra));
    const missingDist = `${IB}:distribution-configuration/no-such-dist`;
    await expectError(create({ name, distributionConfigurationArn: missingDist }), notFound(missingDist));
    await expectError(create({ name, schedule: { scheduleExpression: '0 0 * * ? *' } }), badSchedule);
    await expectError(create({ name, schedule: { pipelineExecutionStartCondition: 'EXPRESSION_MATCH_ONLY' } }), badSchedule);
    await expectError(create({ name, status: 'PAUSED' as 'ENABLED' }), { name: 'InvalidParameterValueException', status: 400 });
    await expectError(create({ name, imageTestsConfiguration: { timeoutMinutes: 30 } }), { name: 'InvalidParameterValueException', status: 400 });
    await expectError(create({ name, infrastructureConfigurationArn: 'arn:aws:imagebuilder:us-east-1:123456789012:image/x/1.0.0/1' }), { name: 'InvalidParameterValueException', status: 400 });
    await expectError(get(arn), notFound(arn));
    assert.deepEqual(await listed([{ name: 'name', values: [name] }]), []);
  });

  it('answers ResourceAlreadyExistsException for a name whose ARN exists', async () => {
    const name = unique('Twice');
    const arn = (await create({ name, description: 'first' })).imagePipelineArn!;
    await expectError(create({ name: name.toLowerCase(), description: 'second' }), {
      name: 'ResourceAlreadyExistsException', status: 400, message: `The following resource 'ImagePipeline' already exists: '${arn}'.`,
    });
    assert.equal((await get(arn)).description, 'first');
  });

  it('makes create and update idempotent per clientToken', async () => {
    const name = unique('idem');
    const first = await create({ name, clientToken: 'pipe-idem' });
    const again = await create({ name, clientToken: 'pipe-idem' });
    assert.equal(again.imagePipelineArn, first.imagePipelineArn);
    await expectError(create({ name, description: 'other', clientToken: 'pipe-idem' }), { name: 'IdempotentParameterMismatchException', status: 400 });
    // Tokens are per operation: the same token on another operation is a new request.
    await update({ imagePipelineArn: first.imagePipelineArn!, description: 'updated', clientToken: 'pipe-idem' });
    await update({ imagePipelineArn: first.imagePipelineArn!, description: 'updated', clientToken: 'pipe-idem' });
    await expectError(update({ imagePipelineArn: first.imagePipelineArn!, description: 'again', clientToken: 'pipe-idem' }),
      { name: 'IdempotentParameterMismatchException', status: 400 });
    assert.equal((await get(first.imagePipelineArn!)).description, 'updated');
  });

  it('updates as a full replacement, resets consecutiveFailures and keeps what builds recorded', async () => {
    const name = unique('replace');
    const arn = (await create({
      name, description: 'before', distributionConfigurationArn: dist, status: 'DISABLED', tags: { Keep: 'me' },
      schedule: { scheduleExpression: 'cron(0 1 * * ? *)' }, imageTestsConfiguration: { imageTestsEnabled: false, timeoutMinutes: 90 },
    })).imagePipelineArn!;
    // What builds and the scheduler write into the record.
    await running.store.tx(async (tx) => {
      const record = (await tx.get<ImagePipelineRecord>(IMAGE_PIPELINES, SCOPE, name))!;
      await tx.put(IMAGE_PIPELINES, SCOPE, name, { ...record, consecutiveFailures: 3, lastRunStatus: 'FAILED', dateLastRun: record.dateCreated });
    });
    const before = await get(arn);
    assert.equal(before.consecutiveFailures, 3);
    clock.advance(7);

    const out = await update({ imagePipelineArn: arn, imageRecipeArn: recipe2, infrastructureConfigurationArn: infra2, clientToken: 'replace-1' });
    assert.equal(out.imagePipelineArn, arn);
    assert.equal(out.clientToken, 'replace-1');
    const after = await get(arn);
    assert.deepEqual(after, {
      arn, name, platform: 'Windows', enhancedImageMetadataEnabled: true, imageRecipeArn: recipe2, infrastructureConfigurationArn: infra2,
      imageTestsConfiguration: { imageTestsEnabled: true, timeoutMinutes: 720 }, status: 'ENABLED',
      dateCreated: before.dateCreated, dateUpdated: after.dateUpdated, dateLastRun: before.dateCreated, lastRunStatus: 'FAILED',
      tags: { Keep: 'me' }, consecutiveFailures: 0,
    });
    assert.equal(new Date(after.dateUpdated!).getTime() - new Date(before.dateUpdated!).getTime(), 7000);

    await update({ imagePipelineArn: arn, imageRecipeArn: undefined, containerRecipeArn: containerRecipe, status: 'DISABLED', schedule: { scheduleExpression: 'rate(2 hours)' } });
    const container = await get(arn);
    assert.deepEqual([container.imageRecipeArn, container.containerRecipeArn, container.status, container.schedule],
      [undefined, containerRecipe, 'DISABLED', { scheduleExpression: 'rate(2 hours)', pipelineExecutionStartCondition: 'EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE' }]);
  });

  it('update: a missing pipeline or reference is ResourceNotFoundException, and a failed update changes nothing', async () => {
    const missing = `${IB}:image-pipeline/${unique('ghost')}`;
    await expectError(update({ imagePipelineArn: missing }), notFound(missing));
    const arn = (await create({ name: unique('stable'), description: 'kept' })).imagePipelineArn!;
    const before = await get(arn);
    const missingInfra = `${IB}:infrastructure-configuration/gone`;
    await expectError(update({ imagePipelineArn: arn, infrastructureConfigurationArn: missingInfra }), notFound(missingInfra));
    const missingDist = `${IB}:distribution-configuration/gone`;
    await expectError(update({ imagePipelineArn: arn, distributionConfigurationArn: missingDist }), notFound(missingDist));
    await expectError(update({ imagePipelineArn: arn, containerRecipeArn: containerRecipe }), combination);
    await expectError(update({ imagePipelineArn: arn, schedule: { scheduleExpression: 'every day' } }), badSchedule);
    assert.deepEqual(await get(arn), before);
  });

  it('lists pipelines whole, with the documented filters, paging and region isolation', async () => {
    const stem = unique('listed');
    const names = [1, 2, 3, 4, 5].map((n) => `${stem}-${n}`);
    await create({ name: names[0], description: 'alpha', status: 'DISABLED' });
    await create({ name: names[1], description: 'beta', distributionConfigurationArn: dist });
    await create({ name: names[2], imageRecipeArn: recipe2, infrastructureConfigurationArn: infra2 });
    await create({ name: names[3], imageRecipeArn: undefined, containerRecipeArn: containerRecipe });
    await create({ name: names[4] });
    const mine: Filter = { name: 'name', values: names };
    assert.deepEqual(await listed([mine]), names);
    const full = (await ib.send(new ListImagePipelinesCommand({ filters: [{ name: 'name', values: [names[1]] }] }))).imagePipelineList!;
    assert.deepEqual(full, [await get(`${IB}:image-pipeline/${names[1]}`)]);

    assert.deepEqual(await listed([mine, { name: 'status', values: ['DISABLED'] }]), [names[0]]);
    assert.deepEqual(await listed([mine, { name: 'description', values: ['alpha', 'beta'] }]), names.slice(0, 2));
    assert.deepEqual(await listed([mine, { name: 'distributionConfigurationArn', values: [dist] }]), [names[1]]);
    assert.deepEqual(await listed([mine, { name: 'imageRecipeArn', values: [recipe2] }]), [names[2]]);
    assert.deepEqual(await listed([mine, { name: 'infrastructureConfigurationArn', values: [infra2] }]), [names[2]]);
    await expectError(ib.send(new ListImagePipelinesCommand({ filters: [{ name: 'platform', values: ['Linux'] }] })), { name: 'InvalidParameterValueException', status: 400 });

    const seen: string[] = [];
    const counts: number[] = [];
    let nextToken: string | undefined;
    do {
      const page = await ib.send(new ListImagePipelinesCommand({ filters: [mine], maxResults: 2, nextToken }));
      seen.push(...page.imagePipelineList!.map((p) => p.name!));
      counts.push(page.imagePipelineList!.length);
      nextToken = page.nextToken;
    } while (nextToken);
    assert.deepEqual(seen, names);
    assert.deepEqual(counts, [2, 2, 1]);
    await expectError(ib.send(new ListImagePipelinesCommand({ nextToken: 'not-a-token' })), { name: 'InvalidPaginationTokenException', status: 400 });
    await expectError(ib.send(new ListImagePipelinesCommand({ maxResults: 26 })), { name: 'InvalidParameterValueException', status: 400 });

    assert.deepEqual(await listed(undefined, west), []);
    await expectError(get(`${IB}:image-pipeline/${names[0]}`, west), notFound(`${IB}:image-pipeline/${names[0]}`));
  });

  it('a pipeline in another region needs that region\'s recipe and configurations', async () => {
    await expectError(create({ name: unique('westward') }, west), notFound(recipe));
    assert.deepEqual(await listed(undefined, west), []);
  });

  it('deletes a pipeline and keeps the images it built', async () => {
    const name = unique('doomed');
    const arn = (await create({ name })).imagePipelineArn!;
    const image = await storeImage('base-recipe', '1.0.0', 901, arn);
    const deleted = await ib.send(new DeleteImagePipelineCommand({ imagePipelineArn: arn }));
    assert.equal(deleted.imagePipelineArn, arn);
    assert.match(deleted.requestId ?? '', /^[0-9a-f-]{36}$/);
    await expectError(get(arn), notFound(arn));
    await expectError(ib.send(new DeleteImagePipelineCommand({ imagePipelineArn: arn })), notFound(arn));
    await expectError(ib.send(new ListImagePipelineImagesCommand({ imagePipelineArn: arn })), notFound(arn));
    const kept = await running.store.tx((tx) => tx.get<ImageRecord>(IMAGES, SCOPE, `base-recipe/${versionSortKey('1.0.0')}/${buildSortKey(901)}`));
    assert.equal(kept?.arn, image);
  });

  it('configurations a pipeline uses cannot be deleted (ResourceDependencyException) until it is gone', async () => {
    const infraArn = (await ib.send(new CreateInfrastructureConfigurationCommand({ name: unique('dep-infra'), instanceProfileName: 'PipelineProfile' }))).infrastructureConfigurationArn!;
    const distArn = (await ib.send(new CreateDistributionConfigurationCommand({
      name: unique('dep-dist'), distributions: [{ region: 'eu-west-1', amiDistributionConfiguration: {} }],
    }))).distributionConfigurationArn!;
    const pipeline = (await create({ name: unique('dependent'), infrastructureConfigurationArn: infraArn, distributionConfigurationArn: distArn })).imagePipelineArn!;
    await expectError(ib.send(new DeleteInfrastructureConfigurationCommand({ infrastructureConfigurationArn: infraArn })), dependency(infraArn));
    await expectError(ib.send(new DeleteDistributionConfigurationCommand({ distributionConfigurationArn: distArn })), dependency(distArn));

    // Moving the pipeline off the distribution configuration frees it; the infrastructure one stays in use.
    await update({ imagePipelineArn: pipeline, infrastructureConfigurationArn: infraArn });
    await ib.send(new DeleteDistributionConfigurationCommand({ distributionConfigurationArn: distArn }));
    await expectError(ib.send(new DeleteInfrastructureConfigurationCommand({ infrastructureConfigurationArn: infraArn })), dependency(infraArn));
    await ib.send(new DeleteImagePipelineCommand({ imagePipelineArn: pipeline }));
    await ib.send(new DeleteInfrastructureConfigurationCommand({ infrastructureConfigurationArn: infraArn }));
  });

  it('ListImagePipelineImages lists the summaries of the images a pipeline built, with filters and paging', async () => {
    const a = (await create({ name: unique('builder-a') })).imagePipelineArn!;
    const b = (await create({ name: unique('builder-b') })).imagePipelineArn!;
    const base = 100 + counter * 10;
    const built = [
      await storeImage('base-recipe', '1.0.0', base + 1, a),
      await storeImage('base-recipe', '1.0.0', base + 2, a, { status: 'FAILED', reason: 'An internal error has occurred.' }),
      await storeImage('other-recipe', '2.0.0', base + 1, a),
    ];
    await storeImage('base-recipe', '1.0.0', base + 3, b);
    await storeImage('base-recipe', '1.0.0', base + 4, undefined);

    const all = (await ib.send(new ListImagePipelineImagesCommand({ imagePipelineArn: a }))).imageSummaryList!;
    assert.deepEqual(all.map((i) => i.arn), built);
    assert.deepEqual(all[1], {
      arn: built[1], name: 'base-recipe', type: 'AMI', version: `1.0.0/${base + 2}`, platform: 'Linux',
      state: { status: 'FAILED', reason: 'An internal error has occurred.' }, owner: ACCOUNT, dateCreated: all[1].dateCreated,
      outputResources: { amis: [{ region: 'us-east-1', image: 'ami-0abcdef1234567890', name: 'base-recipe build' }] },
      tags: { Built: 'yes' }, buildType: 'USER_INITIATED', imageSource: 'CUSTOM',
    });

    const first = await ib.send(new ListImagePipelineImagesCommand({ imagePipelineArn: a, maxResults: 2 }));
    assert.deepEqual(first.imageSummaryList!.map((i) => i.arn), built.slice(0, 2));
    const second = await ib.send(new ListImagePipelineImagesCommand({ imagePipelineArn: a, maxResults: 2, nextToken: first.nextToken }));
    assert.deepEqual(second.imageSummaryList!.map((i) => i.arn), built.slice(2));
    assert.equal(second.nextToken, undefined);

    const filtered = async (filters: Filter[]) =>
      (await ib.send(new ListImagePipelineImagesCommand({ imagePipelineArn: a, filters }))).imageSummaryList!.map((i) => i.arn);
    assert.deepEqual(await filtered([{ name: 'name', values: ['other-recipe'] }]), [built[2]]);
    assert.deepEqual(await filtered([{ name: 'version', values: ['1.0.0'] }]), built.slice(0, 2));
    assert.deepEqual(await filtered([{ name: 'version', values: [`1.0.0/${base + 2}`] }]), [built[1]]);
    await expectError(ib.send(new ListImagePipelineImagesCommand({ imagePipelineArn: a, filters: [{ name: 'status', values: ['AVAILABLE'] }] })),
      { name: 'InvalidParameterValueException', status: 400 });
    await expectError(ib.send(new ListImagePipelineImagesCommand({ imagePipelineArn: a, nextToken: 'nope' })), { name: 'InvalidPaginationTokenException', status: 400 });

    const none = (await ib.send(new ListImagePipelineImagesCommand({ imagePipelineArn: (await create({ name: unique('idle') })).imagePipelineArn! }))).imageSummaryList;
    assert.deepEqual(none, []);
    const missing = `${IB}:image-pipeline/never-made`;
    await expectError(ib.send(new ListImagePipelineImagesCommand({ imagePipelineArn: missing })), notFound(missing));
  });

  it('works through the aws CLI: create, get, list, update and the missing-recipe error', async () => {
    const name = unique('cli-pipeline');
    const created = await runAws(['imagebuilder', 'create-image-pipeline', '--name', name, '--image-recipe-arn', recipe,
      '--infrastructure-configuration-arn', infra, '--schedule', `scheduleExpression=cron(0 ${HOUR_AWAY_FROM_NOW} * * ? *)`, '--tags', 'Owner=cli'], env);
    assert.equal(created.code, 0, created.stderr);
    const arn = JSON.parse(created.stdout).imagePipelineArn;
    assert.equal(arn, `${IB}:image-pipeline/${name}`);

    const got = await runAws(['imagebuilder', 'get-image-pipeline', '--image-pipeline-arn', arn], env);
    assert.equal(got.code, 0, got.stderr);
    const pipeline: ImagePipeline = JSON.parse(got.stdout).imagePipeline;
    assert.deepEqual([pipeline.status, pipeline.platform, pipeline.schedule, pipeline.tags],
      ['ENABLED', 'Linux', { scheduleExpression: `cron(0 ${HOUR_AWAY_FROM_NOW} * * ? *)`, pipelineExecutionStartCondition: 'EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE' }, { Owner: 'cli' }]);

    const updated = await runAws(['imagebuilder', 'update-image-pipeline', '--image-pipeline-arn', arn, '--image-recipe-arn', recipe,
      '--infrastructure-configuration-arn', infra, '--status', 'DISABLED'], env);
    assert.equal(updated.code, 0, updated.stderr);
    const listed = await runAws(['imagebuilder', 'list-image-pipelines', '--filters', `name=name,values=${name}`], env);
    assert.equal(listed.code, 0, listed.stderr);
    const list: ImagePipeline[] = JSON.parse(listed.stdout).imagePipelineList;
    assert.deepEqual(list.map((p) => [p.arn, p.status, p.schedule]), [[arn, 'DISABLED', undefined]]);

    const missing = `${IB}:image-recipe/not-there/1.0.0`;
    const failed = await runAws(['imagebuilder', 'create-image-pipeline', '--name', unique('cli-bad'), '--image-recipe-arn', missing,
      '--infrastructure-configuration-arn', infra], env);
    assert.notEqual(failed.code, 0);
    assert.ok(failed.stderr.includes(`An error occurred (ResourceNotFoundException) when calling the CreateImagePipeline operation: The resource ARN '${missing}' does not exist.`), failed.stderr);
  });
});
