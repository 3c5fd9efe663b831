/**
 * Image Builder pipeline schedules through @aws-sdk/client-imagebuilder (and the `aws` CLI), on a
 * manual clock set to chosen dates (the clients' clock offsets follow it, so their signatures stay
 * current): cron() and rate() schedules fire at their times, in a time zone across a
 * daylight-saving change, exactly once per due time, once after a restart that missed several,
 * never while DISABLED; updates and deletes change the firing; the start conditions; failures and
 * the auto-disable policy; the validation of expressions and time zones. The last test fast-
 * forwards a `--clock-control` Kiln with POST /_kiln/clock, driven by the `aws` CLI.
 */
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import {
  CreateComponentCommand, CreateImageCommand, CreateImagePipelineCommand, CreateImageRecipeCommand, CreateInfrastructureConfigurationCommand,
  DeleteImagePipelineCommand, GetImagePipelineCommand, ListImagePipelineImagesCommand, ListImagePipelinesCommand,
  StartImagePipelineExecutionCommand, UpdateImagePipelineCommand, type CreateImagePipelineCommandInput, type ImagebuilderClient,
  type ImageSummary, type Schedule,
} from '@aws-sdk/client-imagebuilder';
import { ManualClock } from '../../src/index.js';
import { createLogger } from '../../src/kernel/log.js';
import { resolveConfig } from '../../src/server/config.js';
import { startServer } from '../../src/server/server.js';
import { IMAGE_RECIPES } from '../../src/services/imagebuilder/domain/records.js';
import { versionSortKey } from '../../src/services/imagebuilder/domain/versions.js';
import { expectError } from '../helpers/errors.js';
import { ACCOUNT, createBuilderProfile, IB, PARENT_IMAGE } from '../helpers/fixtures.js';
import { startTestKiln, type TestKiln } from '../helpers/kiln.js';
import { runAws } from '../helpers/subprocess.js';

const COMPONENT = 'schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Hello\n        action: ExecuteBash\n        inputs:\n          commands: [echo hello]\n';
/** Every build takes 10 s: PENDING 1, BUILDING 4, TESTING 2, DISTRIBUTING 2, INTEGRATING 1. */
const DURATIONS = { buildPendingMs: 1000, buildBuildingMs: 4000, buildTestingMs: 2000, buildDistributingMs: 2000, buildIntegratingMs: 1000 };

interface Scheduled {
  kiln: TestKiln;
  ib: ImagebuilderClient;
  clock: ManualClock;
  infra: string;
  recipe: string;
  /** Moves the clock to `iso` (forward only) and runs what became due. */
  at(iso: string): Promise<void>;
  create(name: string, schedule: Schedule | undefined, input?: Partial<CreateImagePipelineCommandInput>): Promise<string>;
  /** The pipeline's images, oldest first. */
  images(pipelineArn: string): Promise<ImageSummary[]>;
  pipeline(arn: string): ReturnType<typeof getPipeline>;
}

async function getPipeline(ib: ImagebuilderClient, arn: string) {
  return (await ib.send(new GetImagePipelineCommand({ imagePipelineArn: arn }))).imagePipeline!;
}

const opened: TestKiln[] = [];
const tempDirs: string[] = [];
afterEach(async () => {
  for (const kiln of opened.splice(0)) await kiln.close();
  for (const dir of tempDirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A Kiln on a manual clock set to `start`, with an instance profile, an infrastructure configuration and a recipe. */
async function scheduledKiln(start: string, options: { dataDir?: string; fresh?: boolean } = {}): Promise<Scheduled> {
  const clock = new ManualClock(start);
  const kiln = await startTestKiln({ clock, ...DURATIONS, ...(options.dataDir ? { ephemeral: false, dataDir: options.dataDir } : {}) });
  opened.push(kiln);
  const ib = kiln.imagebuilder;
  let infra = `${IB}:infrastructure-configuration/builders`;
  let recipe = `${IB}:image-recipe/golden/1.0.0`;
  if (options.fresh !== false) {
    await createBuilderProfile(kiln.iam);
    infra = (await ib.send(new CreateInfrastructureConfigurationCommand({ name: 'builders', instanceProfileName: 'BuilderProfile' }))).infrastructureConfigurationArn!;
    recipe = (await ib.send(new CreateImageRecipeCommand({ name: 'golden', semanticVersion: '1.0.0', parentImage: PARENT_IMAGE }))).imageRecipeArn!;
  }
  const scheduled: Scheduled = {
    kiln, ib, clock, infra, recipe,
    async at(iso) {
      assert.ok(new Date(iso) >= clock.now(), `the clock only moves forward (${iso})`);
      clock.set(iso);
      await kiln.runUntilIdle();
    },
    async create(name, schedule, input = {}) {
      return (await ib.send(new CreateImagePipelineCommand({
        name, imageRecipeArn: scheduled.recipe, infrastructureConfigurationArn: scheduled.infra, schedule, ...input,
      }))).imagePipelineArn!;
    },
    async images(pipelineArn) {
      const list = (await ib.send(new ListImagePipelineImagesCommand({ imagePipelineArn: pipelineArn }))).imageSummaryList ?? [];
      return list.sort((a, b) => a.dateCreated!.localeCompare(b.dateCreated!));
    },
    pipeline: (arn) => getPipeline(ib, arn),
  };
  return scheduled;
}

const EVERY_RUN = 'EXPRESSION_MATCH_ONLY' as const;

describe('scheduled pipelines fire', () => {
  it('at the times of a cron(), exactly once each, as SCHEDULED builds of the pipeline, creating the service-linked role', async () => {
    const s = await scheduledKiln('2026-03-07T08:00:00.000Z');
    const arn = await s.create('nightly', { scheduleExpression: 'cron(0 10 * * ? *)', pipelineExecutionStartCondition: EVERY_RUN }, { imageTags: { Built: 'by-schedule' } });
    assert.equal((await s.pipeline(arn)).dateNextRun, '2026-03-07T10:00:00.000Z');
    const listed = (await s.ib.send(new ListImagePipelinesCommand({}))).imagePipelineList!;
    assert.deepEqual(listed.map((p) => p.dateNextRun), ['2026-03-07T10:00:00.000Z']);
    await assert.rejects(s.kiln.iam.send(new GetRoleCommand({ RoleName: 'AWSServiceRoleForImageBuilder' })));

    await s.at('2026-03-07T09:59:59.999Z');
    assert.deepEqual(await s.images(arn), []);
    await s.at('2026-03-07T10:00:00.000Z');
    const [first, ...more] = await s.images(arn);
    assert.deepEqual(more, []);
    assert.deepEqual([first.buildType, first.dateCreated, first.tags, first.state?.status],
      ['SCHEDULED', '2026-03-07T10:00:00.000Z', { Built: 'by-schedule' }, 'PENDING']);
    assert.equal((await s.kiln.iam.send(new GetRoleCommand({ RoleName: 'AWSServiceRoleForImageBuilder' }))).Role?.Path, '/aws-service-role/imagebuilder.amazonaws.com/');
    let pipeline = await s.pipeline(arn);
    assert.deepEqual([pipeline.dateNextRun, pipeline.dateLastRun, pipeline.lastRunStatus], ['2026-03-08T10:00:00.000Z', '2026-03-07T10:00:00.000Z', 'PENDING']);

    // Running again at the same time, or later the same day, starts nothing more.
    await s.kiln.runUntilIdle();
    await s.at('2026-03-08T09:00:00.000Z');
    assert.equal((await s.images(arn)).length, 1);
    pipeline = await s.pipeline(arn);
    assert.deepEqual([pipeline.lastRunStatus, pipeline.consecutiveFailures], ['AVAILABLE', 0]);

    await s.at('2026-03-08T10:00:05.000Z');
    assert.deepEqual((await s.images(arn)).map((i) => [i.buildType, i.dateCreated]),
      [['SCHEDULED', '2026-03-07T10:00:00.000Z'], ['SCHEDULED', '2026-03-08T10:00:05.000Z']]);
    assert.equal((await s.pipeline(arn)).dateNextRun, '2026-03-09T10:00:00.000Z');
  });

  it('at local times of its time zone, across a daylight-saving change', async () => {
    const s = await scheduledKiln('2026-03-27T12:00:00.000Z');
    // 9:00 in Paris: 8:00 UTC until the clocks go forward on Sunday 29 March 2026, 7:00 UTC after.
    const arn = await s.create('paris', { scheduleExpression: 'cron(0 9 * * ? *)', timezone: 'Europe/Paris', pipelineExecutionStartCondition: EVERY_RUN });
    assert.equal((await s.pipeline(arn)).dateNextRun, '2026-03-28T08:00:00.000Z');
    await s.at('2026-03-28T08:00:00.000Z');
    assert.equal((await s.pipeline(arn)).dateNextRun, '2026-03-29T07:00:00.000Z');
    await s.at('2026-03-29T06:59:00.000Z');
    assert.equal((await s.images(arn)).length, 1);
    await s.at('2026-03-29T07:00:00.000Z');
    await s.at('2026-03-30T07:00:00.000Z');
    assert.deepEqual((await s.images(arn)).map((i) => i.dateCreated),
      ['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z']);
  });

  it('every interval of a rate(), counted from when the schedule was set', async () => {
    const s = await scheduledKiln('2026-03-07T08:15:00.000Z');
    const arn = await s.create('rated', { scheduleExpression: 'rate(2 hours)', pipelineExecutionStartCondition: EVERY_RUN });
    assert.equal((await s.pipeline(arn)).dateNextRun, '2026-03-07T10:15:00.000Z');
    await s.at('2026-03-07T10:15:00.000Z');
    await s.at('2026-03-07T12:15:00.000Z');
    assert.deepEqual((await s.images(arn)).map((i) => i.dateCreated), ['2026-03-07T10:15:00.000Z', '2026-03-07T12:15:00.000Z']);
    assert.equal((await s.pipeline(arn)).dateNextRun, '2026-03-07T14:15:00.000Z');
  });

  it('once, not once per missed time, after Kiln was down; then on time again', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kiln-schedules-'));
    tempDirs.push(dataDir);
    const first = await scheduledKiln('2026-03-07T08:30:00.000Z', { dataDir });
    const arn = await first.create('hourly', { scheduleExpression: 'cron(0 * * * ? *)', pipelineExecutionStartCondition: EVERY_RUN });
    assert.equal((await first.pipeline(arn)).dateNextRun, '2026-03-07T09:00:00.000Z');
    await first.kiln.close();
    opened.splice(opened.indexOf(first.kiln), 1);

    // Down from 8:30 to 13:30: the runs of 9:00 to 13:00 were missed.
    const second = await scheduledKiln('2026-03-07T13:30:00.000Z', { dataDir, fresh: false });
    await second.kiln.runUntilIdle();
    assert.deepEqual((await second.images(arn)).map((i) => [i.buildType, i.dateCreated]), [['SCHEDULED', '2026-03-07T13:30:00.000Z']]);
    assert.equal((await second.pipeline(arn)).dateNextRun, '2026-03-07T14:00:00.000Z');
    await second.at('2026-03-07T14:00:00.000Z');
    assert.equal((await second.images(arn)).length, 2);
  });
});

describe('what changes a pipeline\'s firing', () => {
  it('DISABLED never fires; enabling, changing the schedule and deleting the pipeline change or stop it', async () => {
    const s = await scheduledKiln('2026-03-07T08:00:00.000Z');
    const schedule = { scheduleExpression: 'cron(0 10 * * ? *)', pipelineExecutionStartCondition: EVERY_RUN };
    const arn = await s.create('switch', schedule, { status: 'DISABLED' });
    assert.equal((await s.pipeline(arn)).dateNextRun, undefined);
    await s.at('2026-03-09T12:00:00.000Z');
    assert.deepEqual(await s.images(arn), []);

    const update = (input: { status?: 'ENABLED' | 'DISABLED'; schedule?: Schedule }) =>
      s.ib.send(new UpdateImagePipelineCommand({ imagePipelineArn: arn, imageRecipeArn: s.recipe, infrastructureConfigurationArn: s.infra, ...input }));
    await update({ status: 'ENABLED', schedule });
    assert.equal((await s.pipeline(arn)).dateNextRun, '2026-03-10T10:00:00.000Z');
    // A new expression replaces the old time: 10:00 passes without a run, 11:30 runs.
    await update({ schedule: { ...schedule, scheduleExpression: 'cron(30 11 * * ? *)' } });
    assert.equal((await s.pipeline(arn)).dateNextRun, '2026-03-10T11:30:00.000Z');
    await s.at('2026-03-10T11:00:00.000Z');
    assert.deepEqual(await s.images(arn), []);
    await s.at('2026-03-10T11:30:00.000Z');
    assert.equal((await s.images(arn)).length, 1);

    // Setting DISABLED stops it; an update without a schedule too.
    await update({ status: 'DISABLED', schedule });
    assert.equal((await s.pipeline(arn)).dateNextRun, undefined);
    await s.at('2026-03-12T00:00:00.000Z');
    await update({});
    assert.equal((await s.pipeline(arn)).dateNextRun, undefined);
    await s.at('2026-03-13T00:00:00.000Z');
    assert.equal((await s.images(arn)).length, 1);

    // A deleted pipeline's schedule is gone with it, even when a new pipeline takes its name (and
    // so its ARN, which the old image still names).
    await update({ schedule });
    await s.ib.send(new DeleteImagePipelineCommand({ imagePipelineArn: arn }));
    const again = await s.create('switch', undefined);
    assert.equal(again, arn);
    await s.at('2026-03-14T00:00:00.000Z');
    assert.deepEqual((await s.images(again)).map((i) => i.dateCreated), ['2026-03-10T11:30:00.000Z']);
    assert.equal((await s.pipeline(again)).dateNextRun, undefined);
  });
});

describe('start conditions', () => {
  it('EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE (the default) builds first, then only for a newer component or parent image', async () => {
    const s = await scheduledKiln('2026-03-07T08:30:00.000Z');
    const component = (version: string) => s.ib.send(new CreateComponentCommand({ name: 'hello', semanticVersion: version, platform: 'Linux', data: COMPONENT }));
    await component('1.0.0');
    // The parent is an image of this account: its newest build counts.
    const base = (await s.ib.send(new CreateImageCommand({ imageRecipeArn: s.recipe, infrastructureConfigurationArn: s.infra }))).imageBuildVersionArn!;
    await s.at('2026-03-07T08:31:00.000Z');
    s.recipe = (await s.ib.send(new CreateImageRecipeCommand({
      name: 'app', semanticVersion: '1.0.0', parentImage: `${IB}:image/golden/x.x.x`, components: [{ componentArn: `${IB}:component/hello/1.x.x` }],
    }))).imageRecipeArn!;
    const arn = await s.create('on-updates', { scheduleExpression: 'cron(0 * * * ? *)' });
    assert.equal((await s.pipeline(arn)).schedule?.pipelineExecutionStartCondition, 'EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE');
    const count = async () => (await s.images(arn)).length;

    await s.at('2026-03-07T09:00:00.000Z');
    assert.equal(await count(), 1, 'the first run always builds');
    await s.at('2026-03-07T10:00:00.000Z');
    assert.equal(await count(), 1, 'nothing newer: no build');

    await component('1.0.1');
    await s.at('2026-03-07T11:00:00.000Z');
    assert.equal(await count(), 2, 'a newer component version matching 1.x.x');
    await component('2.0.0');
    await s.at('2026-03-07T12:00:00.000Z');
    assert.equal(await count(), 2, '2.0.0 does not match the recipe\'s 1.x.x');

    const newerBase = (await s.ib.send(new CreateImageCommand({ imageRecipeArn: `${IB}:image-recipe/golden/1.0.0`, infrastructureConfigurationArn: s.infra }))).imageBuildVersionArn!;
    assert.notEqual(newerBase, base);
    await s.at('2026-03-07T13:00:00.000Z');
    assert.equal(await count(), 3, 'a newer build of the parent image');
    await s.at('2026-03-07T14:00:00.000Z');
    assert.equal(await count(), 3);
    // A manual run is a build too: the condition compares with the newest successful one.
    await component('1.0.2');
    await s.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: arn }));
    await s.at('2026-03-07T15:00:00.000Z');
    assert.deepEqual((await s.images(arn)).map((i) => i.buildType), ['SCHEDULED', 'SCHEDULED', 'SCHEDULED', 'USER_INITIATED']);
  });

  it('a failed build does not count as the last build: the next due time builds again', async () => {
    const s = await scheduledKiln('2026-03-07T08:30:00.000Z');
    const arn = await s.create('retrying', { scheduleExpression: 'cron(0 * * * ? *)' }, { imageTags: { 'kiln:fail-at-stage': 'BUILDING' } });
    await s.at('2026-03-07T09:00:00.000Z');
    await s.at('2026-03-07T10:00:00.000Z');
    assert.deepEqual((await s.images(arn)).map((i) => i.state?.status), ['FAILED', 'PENDING']);
  });
});

describe('failed scheduled runs', () => {
  it('count in consecutiveFailures, and autoDisablePolicy.failureCount of them disable the pipeline; a success or an update resets the count', async () => {
    const s = await scheduledKiln('2026-03-07T08:30:00.000Z');
    const schedule: Schedule = { scheduleExpression: 'cron(0 * * * ? *)', pipelineExecutionStartCondition: EVERY_RUN, autoDisablePolicy: { failureCount: 2 } };
    const failing = { 'kiln:fail-at-stage': 'BUILDING' };
    const arn = await s.create('flaky', schedule, { imageTags: failing });
    await s.at('2026-03-07T09:00:00.000Z');
    await s.at('2026-03-07T09:30:00.000Z');
    let pipeline = await s.pipeline(arn);
    assert.deepEqual([pipeline.lastRunStatus, pipeline.consecutiveFailures, pipeline.status], ['FAILED', 1, 'ENABLED']);

    // A failed manual run leaves the count as it is.
    await s.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: arn }));
    await s.at('2026-03-07T09:45:00.000Z');
    assert.equal((await s.pipeline(arn)).consecutiveFailures, 1);

    await s.at('2026-03-07T10:00:00.000Z');
    await s.at('2026-03-07T10:30:00.000Z');
    pipeline = await s.pipeline(arn);
    assert.deepEqual([pipeline.consecutiveFailures, pipeline.status, pipeline.dateNextRun], [2, 'DISABLED', undefined]);
    await s.at('2026-03-07T14:00:00.000Z');
    assert.equal((await s.images(arn)).length, 3, 'a DISABLED pipeline runs no more');

    // Enabled again (an update resets the count), a success resets it too.
    const update = (imageTags?: Record<string, string>) => s.ib.send(new UpdateImagePipelineCommand({
      imagePipelineArn: arn, imageRecipeArn: s.recipe, infrastructureConfigurationArn: s.infra, schedule, imageTags,
    }));
    await update(failing);
    assert.deepEqual([(await s.pipeline(arn)).consecutiveFailures, (await s.pipeline(arn)).status], [0, 'ENABLED']);
    await s.at('2026-03-07T15:00:00.000Z');
    await s.at('2026-03-07T15:01:00.000Z');
    assert.equal((await s.pipeline(arn)).consecutiveFailures, 1);
    await update(undefined);
    await s.at('2026-03-07T16:00:00.000Z');
    await s.at('2026-03-07T16:01:00.000Z');
    pipeline = await s.pipeline(arn);
    assert.deepEqual([pipeline.lastRunStatus, pipeline.consecutiveFailures, pipeline.status], ['AVAILABLE', 0, 'ENABLED']);
  });

  it('without an autoDisablePolicy, five of them disable the pipeline', async () => {
    const s = await scheduledKiln('2026-03-07T08:30:00.000Z');
    const arn = await s.create('fragile', { scheduleExpression: 'cron(0 * * * ? *)', pipelineExecutionStartCondition: EVERY_RUN }, { imageTags: { 'kiln:fail-at-stage': 'TESTING' } });
    // Each run fails 7 s after it starts, at the end of TESTING.
    const runAt = async (hour: string) => {
      await s.at(`2026-03-07T${hour}:00:00.000Z`);
      await s.at(`2026-03-07T${hour}:01:00.000Z`);
    };
    for (const hour of ['09', '10', '11', '12']) await runAt(hour);
    assert.deepEqual([(await s.pipeline(arn)).consecutiveFailures, (await s.pipeline(arn)).status], [4, 'ENABLED']);
    await runAt('13');
    assert.deepEqual([(await s.pipeline(arn)).consecutiveFailures, (await s.pipeline(arn)).status], [5, 'DISABLED']);
  });

  it('include a run that cannot start because its recipe is gone', async () => {
    const clock = new ManualClock('2026-03-07T08:30:00.000Z');
    const config = resolveConfig({ port: 0, ephemeral: true, logLevel: 'silent', ...DURATIONS }, {});
    const running = await startServer(config, { clock, log: createLogger('silent') });
    const kiln = { ...running, close: () => running.close() };
    try {
      const { IAMClient } = await import('@aws-sdk/client-iam');
      const { ImagebuilderClient } = await import('@aws-sdk/client-imagebuilder');
      const clientConfig = { endpoint: running.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
      const ib = new ImagebuilderClient(clientConfig);
      const iam = new IAMClient(clientConfig);
      await createBuilderProfile(iam);
      const infra = (await ib.send(new CreateInfrastructureConfigurationCommand({ name: 'builders', instanceProfileName: 'BuilderProfile' }))).infrastructureConfigurationArn!;
      const recipe = (await ib.send(new CreateImageRecipeCommand({ name: 'doomed', semanticVersion: '1.0.0', parentImage: PARENT_IMAGE }))).imageRecipeArn!;
      const arn = (await ib.send(new CreateImagePipelineCommand({
        name: 'orphan', imageRecipeArn: recipe, infrastructureConfigurationArn: infra,
        schedule: { scheduleExpression: 'cron(0 * * * ? *)', autoDisablePolicy: { failureCount: 2 } },
      }))).imagePipelineArn!;
      // DeleteImageRecipe refuses while a pipeline uses the recipe; the store is the only way to lose it.
      await running.store.tx((tx) => tx.delete(IMAGE_RECIPES, `${ACCOUNT}/us-east-1`, `doomed/${versionSortKey('1.0.0')}`));
      for (const time of ['2026-03-07T09:00:00.000Z', '2026-03-07T10:00:00.000Z']) {
        clock.set(time);
        await running.engine.runUntilIdle();
      }
      const pipeline = (await ib.send(new GetImagePipelineCommand({ imagePipelineArn: arn }))).imagePipeline!;
      assert.deepEqual([pipeline.consecutiveFailures, pipeline.status, pipeline.dateNextRun], [2, 'DISABLED', undefined]);
      assert.deepEqual((await ib.send(new ListImagePipelineImagesCommand({ imagePipelineArn: arn }))).imageSummaryList, []);
      ib.destroy();
      iam.destroy();
    } finally {
      await kiln.close();
    }
  });
});

describe('schedule validation', () => {
  const invalid = (detail: string, parameter = 'schedule.scheduleExpression') => ({
    name: 'InvalidParameterValueException', status: 400, message: `The value supplied for parameter '${parameter}' is not valid. ${detail}`,
  });
  const cron = (position: number, detail: string) => invalid(`Invalid schedule expression. Details: Invalid CRON expression: error at position ${position}, details: ${detail}`);

  it('accepts what AWS accepts', async () => {
    const s = await scheduledKiln('2026-03-07T08:00:00.000Z');
    const accepted: Array<[string, string | undefined, string]> = [
      ['cron(0 10 * * ? *)', undefined, '2026-03-07T10:00:00.000Z'],
      ['cron(15 12 ? * MON-FRI *)', undefined, '2026-03-09T12:15:00.000Z'],
      ['cron(0/30 8-17 ? * 2-6 2026)', undefined, '2026-03-09T08:00:00.000Z'],
      ['cron(0 8 1 jan,jul ? *)', undefined, '2026-07-01T08:00:00.000Z'],
      ['cron(0 0 L * ? *)', undefined, '2026-03-31T00:00:00.000Z'],
      ['cron(0 0 15W * ? *)', undefined, '2026-03-16T00:00:00.000Z'],
      ['cron(0 0 ? * fri#2 *)', undefined, '2026-03-13T00:00:00.000Z'],
      ['cron(0 0 ? * 6L *)', undefined, '2026-03-27T00:00:00.000Z'],
      ['cron(0 9 * * ? *)', 'America/Los_Angeles', '2026-03-07T17:00:00.000Z'],
      ['rate(1 day)', undefined, '2026-03-08T08:00:00.000Z'],
      ['rate(30 minutes)', 'Etc/UTC', '2026-03-07T08:30:00.000Z'],
    ];
    for (const [i, [scheduleExpression, timezone, next]] of accepted.entries()) {
      const arn = await s.create(`ok-${i}`, { scheduleExpression, timezone });
      assert.equal((await s.pipeline(arn)).dateNextRun, next, scheduleExpression);
    }
  });

  it('refuses what AWS refuses, with its messages, storing nothing; a failed update changes nothing', async () => {
    const s = await scheduledKiln('2026-03-07T08:00:00.000Z');
    const refused: Array<[Schedule, ReturnType<typeof invalid>]> = [
      // AWS's own answer to the five-field cron its old documentation showed.
      [{ scheduleExpression: 'cron(0 0 * * ?)' }, cron(9, 'Unexpected end of expression.')],
      [{ scheduleExpression: 'cron(0 0 * * SUN)' }, cron(11, 'Unexpected end of expression.')],
      [{ scheduleExpression: 'cron(0 10 * * * *)' }, cron(9, 'Support for specifying both a day-of-week AND a day-of-month parameter is not implemented.')],
      [{ scheduleExpression: 'cron(0 10 ? * ? *)' }, cron(9, "'?' can only be specified for Day-of-Month -OR- Day-of-Week.")],
      [{ scheduleExpression: 'cron(0 25 * * ? *)' }, cron(2, 'Hour values must be between 0 and 23')],
      [{ scheduleExpression: 'cron(0 0 * FOO ? *)' }, cron(6, "Invalid Month value: 'FOO'")],
      [{ scheduleExpression: 'cron(0 0 ? * MON#6 *)' }, cron(11, "A numeric value between 1 and 5 must follow the '#' option")],
      [{ scheduleExpression: 'rate(1 days)' }, invalid("Invalid schedule expression. Details: Invalid RATE expression: Use the singular unit 'day' for the value 1.")],
      [{ scheduleExpression: 'every day' }, invalid('Invalid schedule expression. Details: The expression must be a cron(...) or rate(...) expression.')],
      [{ scheduleExpression: 'cron(0 10 * * ? *)', timezone: 'Mars/Olympus_Mons' },
        invalid("'Mars/Olympus_Mons' is not a valid IANA time zone, e.g. 'Etc/UTC' or 'America/Los_Angeles'.", 'schedule.timezone')],
    ];
    for (const [schedule, error] of refused) await expectError(s.create('refused', schedule), error);
    assert.deepEqual((await s.ib.send(new ListImagePipelinesCommand({}))).imagePipelineList, []);

    const arn = await s.create('kept', { scheduleExpression: 'cron(0 10 * * ? *)' });
    const before = await s.pipeline(arn);
    await expectError(s.ib.send(new UpdateImagePipelineCommand({
      imagePipelineArn: arn, imageRecipeArn: s.recipe, infrastructureConfigurationArn: s.infra, schedule: { scheduleExpression: 'cron(0 10 * * ?)' },
    })), cron(10, 'Unexpected end of expression.'));
    assert.deepEqual(await s.pipeline(arn), before);
    await s.at('2026-03-07T10:00:00.000Z');
    assert.equal((await s.images(arn)).length, 1, 'the refused update did not stop the old schedule');
  });

  it('answers the aws CLI with the same error for a five-field cron', async () => {
    const s = await scheduledKiln(new Date().toISOString());
    const result = await runAws(['imagebuilder', 'create-image-pipeline', '--name', 'cli-five-fields', '--image-recipe-arn', s.recipe,
      '--infrastructure-configuration-arn', s.infra, '--schedule', 'scheduleExpression=cron(0 0 * * SUN)'], s.kiln.env);
    assert.equal(result.code, 255, result.stderr);
    assert.match(result.stderr, /An error occurred \(InvalidParameterValueException\) when calling the CreateImagePipeline operation: The value supplied for parameter 'schedule\.scheduleExpression' is not valid\. Invalid schedule expression\. Details: Invalid CRON expression: error at position 11, details: Unexpected end of expression\./);
  });
});

describe('a scheduled pipeline being fast-forwarded', () => {
  it('with --clock-control: create it with the aws CLI, POST /_kiln/clock, and the SCHEDULED image is there', async () => {
    const kiln = await startTestKiln({ clockControl: true, ...DURATIONS });
    opened.push(kiln);
    await createBuilderProfile(kiln.iam);
    const infra = (await kiln.imagebuilder.send(new CreateInfrastructureConfigurationCommand({ name: 'builders', instanceProfileName: 'BuilderProfile' }))).infrastructureConfigurationArn!;
    const recipe = (await kiln.imagebuilder.send(new CreateImageRecipeCommand({ name: 'golden', semanticVersion: '1.0.0', parentImage: PARENT_IMAGE }))).imageRecipeArn!;
    const aws = async (...args: string[]) => {
      const result = await runAws(['imagebuilder', ...args], kiln.env);
      assert.equal(result.code, 0, result.stderr);
      return JSON.parse(result.stdout);
    };
    const { imagePipelineArn } = await aws('create-image-pipeline', '--name', 'nightly', '--image-recipe-arn', recipe,
      '--infrastructure-configuration-arn', infra, '--schedule', 'scheduleExpression=cron(0 3 * * ? *),pipelineExecutionStartCondition=EXPRESSION_MATCH_ONLY');
    const { imagePipeline } = await aws('get-image-pipeline', '--image-pipeline-arn', imagePipelineArn);
    const nextRun = new Date(imagePipeline.dateNextRun);
    const untilNextRun = nextRun.getTime() - Date.now();
    assert.ok(nextRun.toISOString().endsWith('T03:00:00.000Z') && untilNextRun > 0 && untilNextRun <= 24 * 3600_000, `next run at the next 03:00 UTC: ${imagePipeline.dateNextRun}`);
    assert.deepEqual((await aws('list-image-pipeline-images', '--image-pipeline-arn', imagePipelineArn)).imageSummaryList, []);

    // As the README shows: a day (03:00 comes once: the run starts), then the ten seconds its build
    // takes; the CLI keeps signing with the real time, a day behind Kiln's clock.
    const advance = async (seconds: number) => {
      const response = await fetch(`${kiln.endpoint}/_kiln/clock`, { method: 'POST', body: JSON.stringify({ advanceSeconds: seconds }) });
      assert.equal(response.status, 200);
      await response.arrayBuffer();
    };
    await advance(24 * 60 * 60);
    const started = (await aws('list-image-pipeline-images', '--image-pipeline-arn', imagePipelineArn)).imageSummaryList;
    assert.deepEqual(started.map((i: ImageSummary) => i.buildType), ['SCHEDULED']);
    await advance(11);
    const images = (await aws('list-image-pipeline-images', '--image-pipeline-arn', imagePipelineArn)).imageSummaryList;
    assert.equal(images.length, 1);
    assert.deepEqual([images[0].buildType, images[0].state.status], ['SCHEDULED', 'AVAILABLE']);
  });
});
