/**
 * An image build as a durable state machine, driven by the task engine against the clock:
 *
 *   PENDING → BUILDING → TESTING (skipped when imageTestsEnabled is false) → DISTRIBUTING
 *           → INTEGRATING → AVAILABLE
 *
 * or FAILED with a reason a user can act on, or CANCELLED (CancelImageCreation). Imports
 * (ImportVmImage, ImportDiskImage) go PENDING → CREATING → AVAILABLE. Each in-progress status
 * lasts its configured time (ServiceSettings.imageBuild; CREATING lasts `buildingMs`). The image
 * record holds the status, the engine task (BuildTaskState) only where the image is, so a restart
 * resumes a build where it was.
 *
 * When the build starts (PENDING ends) Image Builder assumes its service-linked role, and checks
 * that what it needs still exists: the recipe, and the infrastructure configuration's instance
 * profile (with a role) in IAM. Kiln's test hook: an image tagged `kiln:fail-at-stage` = BUILDING,
 * TESTING or DISTRIBUTING fails at the end of that stage.
 */
import { isAwsError } from '../../../kernel/errors.js';
import type { BuildType, ImageLoggingConfiguration, ImageScanningConfiguration, ImageStatus, ImageTestsConfiguration, WorkflowConfiguration } from '../../../generated/imagebuilder.js';
import { findInstanceProfile } from '../../iam/public.js';
import type { HandlerContext, ServiceSettings } from '../../types.js';
import { osVersionOf, platformOf, recipeExists, type Recipe } from './build-inputs.js';
import { recordBuild, peekBuildNumber } from './image-versions.js';
import { arnNameOf, keyOf, saveImage } from './images.js';
import { ec2Id, outputResourcesOf } from './output-resources.js';
import { followPipeline } from './pipeline-status.js';
import type { DistributionConfigurationRecord, ImagePipelineRecord, ImageRecord, InfrastructureConfigurationRecord } from './records.js';
import { arnName, ibArn } from './scope.js';
import { assumeServiceRole } from './service-role.js';
import { componentFailure } from './component-steps.js';
import { planWorkflows } from './workflow-configurations.js';
import { finishWorkflow, running, startWorkflow, type BuildFacts, type WorkflowKind } from './workflow-executions.js';
import { holdAtWaitStep, waitStartOf } from './workflow-waits.js';

export const BUILD_TASK_KIND = 'imagebuilder.imageBuild';

/** The tag that makes a build fail at the end of a stage, for tests (Kiln's own; AWS has none). */
export const FAIL_AT_STAGE_TAG = 'kiln:fail-at-stage';

/** What the engine keeps between steps: where the image is, and the ids its build made. */
export interface BuildTaskState extends BuildFacts {
  partition: string;
  account: string;
  region: string;
  imageKey: string;
  /** Where the build starts once PENDING ends, when not at BUILDING (DistributeImage, RetryImage: staged-builds.ts). */
  startAt?: LaterStage;
}

/** The stages a build can start at besides BUILDING. */
export type LaterStage = 'TESTING' | 'DISTRIBUTING' | 'INTEGRATING';

type Durations = ServiceSettings['imageBuild'];

export interface BuildSpec {
  recipe: Recipe;
  infrastructureConfiguration: InfrastructureConfigurationRecord;
  distributionConfiguration?: DistributionConfigurationRecord;
  imageTestsConfiguration?: ImageTestsConfiguration;
  enhancedImageMetadataEnabled?: boolean;
  tags: Record<string, string>;
  buildType: BuildType;
  pipeline?: ImagePipelineRecord;
  workflows?: WorkflowConfiguration[];
  executionRole?: string;
  loggingConfiguration?: ImageLoggingConfiguration;
  imageScanningConfiguration?: ImageScanningConfiguration;
}

/** Creates a PENDING image from a recipe and schedules its build. */
export async function createBuild(ctx: HandlerContext, spec: BuildSpec): Promise<ImageRecord> {
  const recipe = spec.recipe.record;
  const name = arnName(recipe.name);
  const build = await peekBuildNumber(ctx, name, recipe.version);
  const platform = platformOf(spec.recipe);
  const image: ImageRecord = {
    arn: ibArn(ctx.scope, `image/${name}/${recipe.version}/${build}`),
    name: recipe.name,
    type: spec.recipe.kind === 'container' ? 'DOCKER' : 'AMI',
    version: `${recipe.version}/${build}`,
    platform,
    enhancedImageMetadataEnabled: spec.enhancedImageMetadataEnabled ?? true,
    osVersion: osVersionOf(recipe.parentImage, platform),
    state: { status: 'PENDING' },
    imageRecipe: spec.recipe.kind === 'image' ? spec.recipe.record : undefined,
    containerRecipe: spec.recipe.kind === 'container' ? spec.recipe.record : undefined,
    sourcePipelineName: spec.pipeline?.name,
    sourcePipelineArn: spec.pipeline?.arn,
    infrastructureConfiguration: spec.infrastructureConfiguration,
    distributionConfiguration: spec.distributionConfiguration,
    // AWS's defaults: tests on, 720 minutes.
    imageTestsConfiguration: { imageTestsEnabled: spec.imageTestsConfiguration?.imageTestsEnabled ?? true, timeoutMinutes: spec.imageTestsConfiguration?.timeoutMinutes ?? 720 },
    dateCreated: ctx.clock.now().toISOString(),
    tags: spec.tags,
    buildType: spec.buildType,
    imageSource: 'CUSTOM',
    imageScanningConfiguration: spec.imageScanningConfiguration,
    executionRole: spec.executionRole,
    workflows: spec.workflows,
    loggingConfiguration: spec.loggingConfiguration,
    semanticVersion: recipe.version,
    build,
  };
  await planWorkflows(ctx, image);
  return schedule(ctx, image);
}

export interface ImportSpec {
  name: string;
  semanticVersion: string;
  description?: string;
  platform: string;
  osVersion?: string;
  buildType: 'IMPORT' | 'IMPORT_ISO';
  tags: Record<string, string>;
  infrastructureConfiguration?: InfrastructureConfigurationRecord;
  executionRole?: string;
  loggingConfiguration?: ImageLoggingConfiguration;
}

/** Import names are free text (1–1024 characters); the ARN keeps what its pattern allows. */
export function importArnName(name: string): string {
  return arnName(name).replace(/[^a-z0-9-_]/g, '-');
}

/** Creates a PENDING imported image (ImportVmImage, ImportDiskImage) and schedules its import. */
export async function createImport(ctx: HandlerContext, spec: ImportSpec): Promise<ImageRecord> {
  const name = importArnName(spec.name);
  const build = await peekBuildNumber(ctx, name, spec.semanticVersion);
  const platform = spec.platform as ImageRecord['platform'];
  const image: ImageRecord = {
    arn: ibArn(ctx.scope, `image/${name}/${spec.semanticVersion}/${build}`),
    name: spec.name, type: 'AMI', version: `${spec.semanticVersion}/${build}`, platform,
    osVersion: spec.osVersion ?? osVersionOf(undefined, platform!),
    state: { status: 'PENDING' },
    infrastructureConfiguration: spec.infrastructureConfiguration,
    dateCreated: ctx.clock.now().toISOString(),
    tags: spec.tags, buildType: spec.buildType, imageSource: 'IMPORTED',
    executionRole: spec.executionRole, loggingConfiguration: spec.loggingConfiguration,
    semanticVersion: spec.semanticVersion, build,
  };
  return schedule(ctx, image);
}

async function schedule(ctx: HandlerContext, image: ImageRecord, from?: { startAt: LaterStage; amiId?: string }): Promise<ImageRecord> {
  await startTask(ctx, image, from);
  await recordBuild(ctx, arnNameOf(image.arn), image);
  return image;
}

/** Saves the PENDING image with a new engine task that drives it. */
async function startTask(ctx: HandlerContext, image: ImageRecord, from?: { startAt: LaterStage; amiId?: string }): Promise<void> {
  const state: BuildTaskState = {
    partition: ctx.scope.partition, account: ctx.scope.account, region: ctx.scope.region,
    imageKey: keyOf(image),
    instanceId: ec2Id(ctx.ids, 'i'),
    amiId: from?.amiId ?? ec2Id(ctx.ids, 'ami'),
    startAt: from?.startAt,
  };
  image.buildTaskId = await ctx.schedule(BUILD_TASK_KIND, ctx.clock.now().getTime() + ctx.settings.imageBuild.pendingMs, state);
  await saveImage(ctx, image);
}

/** A new PENDING image whose build starts at a later stage (DistributeImage: DISTRIBUTING), with the AMI it already has. */
export function createStagedBuild(ctx: HandlerContext, image: ImageRecord, startAt: LaterStage, amiId?: string): Promise<ImageRecord> {
  image.state = { status: 'PENDING' };
  return schedule(ctx, image, { startAt, amiId });
}

/** Runs a finished build again from `startAt` (RetryImage): PENDING now, then that stage. */
export async function resumeBuild(ctx: HandlerContext, image: ImageRecord, startAt: LaterStage): Promise<void> {
  image.state = { status: 'PENDING' };
  await startTask(ctx, image, { startAt });
  await followPipeline(ctx, image);
}

const STAGE_WORKFLOW: Record<LaterStage, WorkflowKind | undefined> = { TESTING: 'TEST', DISTRIBUTING: 'DISTRIBUTION', INTEGRATING: undefined };

async function setStatus(ctx: HandlerContext, image: ImageRecord, status: ImageStatus, reason?: string): Promise<void> {
  image.state = reason === undefined ? { status } : { status, reason };
  await saveImage(ctx, image);
  await followPipeline(ctx, image);
}

export async function failBuild(ctx: HandlerContext, image: ImageRecord, at: number, reason: string, stepName?: string): Promise<void> {
  await finishWorkflow(ctx, image, at, { status: 'FAILED', stepName: stepName ?? '', message: reason });
  await setStatus(ctx, image, 'FAILED', reason);
}

export async function cancelBuild(ctx: HandlerContext, image: ImageRecord): Promise<void> {
  await finishWorkflow(ctx, image, ctx.clock.now().getTime(), { status: 'CANCELLED' });
  await setStatus(ctx, image, 'CANCELLED', 'The image build was cancelled by CancelImageCreation.');
}

/** Why the build cannot start, in words a user can act on, or undefined when it can. */
async function missingInput(ctx: HandlerContext, image: ImageRecord): Promise<string | undefined> {
  const recipeArn = image.imageRecipe?.arn ?? image.containerRecipe?.arn;
  if (recipeArn && !(await recipeExists(ctx, image.imageRecipe ? { imageRecipeArn: recipeArn } : { containerRecipeArn: recipeArn }))) {
    const kind = image.imageRecipe ? 'image recipe' : 'container recipe';
    return `The ${kind} '${recipeArn}' no longer exists. Create the recipe again, or start a build from a recipe that exists.`;
  }
  const infra = image.infrastructureConfiguration;
  if (!infra?.instanceProfileName) return undefined;
  const found = await findInstanceProfile(ctx, infra.instanceProfileName);
  if (!found) {
    return `The instance profile '${infra.instanceProfileName}' of infrastructure configuration '${infra.arn}' does not exist in IAM. `
      + 'Create the instance profile (with a role that has the EC2InstanceProfileForImageBuilder policy), or update the infrastructure configuration, then start the build again.';
  }
  if (!found.role) {
    return `The instance profile '${infra.instanceProfileName}' of infrastructure configuration '${infra.arn}' has no role. `
      + 'Add a role with the EC2InstanceProfileForImageBuilder policy to it (iam add-role-to-instance-profile), then start the build again.';
  }
  return undefined;
}

function failHookReason(image: ImageRecord, stage: ImageStatus): string | undefined {
  if (image.tags?.[FAIL_AT_STAGE_TAG]?.toUpperCase() !== stage) return undefined;
  return `Kiln test hook: the build failed in the ${stage} stage because the image has the tag ${FAIL_AT_STAGE_TAG}=${stage}. Remove the tag to build normally.`;
}

/** The step each stage fails at when the test hook asks it to. */
const HOOK_STEP: Record<string, string> = { BUILDING: 'ApplyBuildComponents', TESTING: 'ApplyTestComponents', DISTRIBUTING: 'DistributeImage' };

async function enterStage(ctx: HandlerContext, image: ImageRecord, state: BuildTaskState, status: ImageStatus, workflow: WorkflowKind, at: number, ms: number): Promise<number> {
  await setStatus(ctx, image, status);
  const started = await startWorkflow(ctx, image, workflow, at, ms, state);
  // A custom workflow's WaitForAction step pauses the stage where it begins (workflow-waits.ts).
  return waitStartOf(started) ?? at + ms;
}

async function finishAvailable(ctx: HandlerContext, image: ImageRecord, state: BuildTaskState): Promise<undefined> {
  state.amiId ??= ec2Id(ctx.ids, 'ami');
  image.outputResources = outputResourcesOf(image, ctx.ids, state.amiId);
  await setStatus(ctx, image, 'AVAILABLE');
  return undefined;
}

/**
 * Ends the image's current status at `at` and moves it on. Returns when the next status is due
 * to end, or undefined when the build is over.
 */
export async function advanceBuild(ctx: HandlerContext, image: ImageRecord, state: BuildTaskState, at: number, d: Durations): Promise<number | undefined> {
  if (await holdAtWaitStep(ctx, image, state, at)) return undefined;
  const status = image.state?.status;
  if (status !== 'PENDING' && status !== 'CREATING') {
    const reason = failHookReason(image, status!);
    if (reason) {
      await failBuild(ctx, image, at, reason, HOOK_STEP[status!]);
      return undefined;
    }
    const failed = componentFailure((await running(ctx, image))?.record.steps ?? []);
    if (failed) {
      await failBuild(ctx, image, at, failed.reason, failed.stepName);
      return undefined;
    }
  }
  const imported = image.imageSource === 'IMPORTED';
  switch (status) {
    case 'PENDING': {
      // The build starts: from here on Image Builder acts as its service-linked role.
      try {
        await assumeServiceRole(ctx.tx, { partition: ctx.scope.partition, account: ctx.scope.account, region: ctx.scope.region, clock: ctx.clock });
      } catch (error) {
        if (!isAwsError(error)) throw error;
        await setStatus(ctx, image, 'FAILED', `Image Builder could not assume its service-linked role: ${error.message}. Create it with iam create-service-linked-role --aws-service-name imagebuilder.amazonaws.com, then start the build again.`);
        return undefined;
      }
      if (imported) {
        await setStatus(ctx, image, 'CREATING');
        return at + d.buildingMs;
      }
      if (state.startAt === 'INTEGRATING') {
        await setStatus(ctx, image, 'INTEGRATING');
        return at + d.integratingMs;
      }
      if (state.startAt) {
        const ms = state.startAt === 'TESTING' ? d.testingMs : d.distributingMs;
        return enterStage(ctx, image, state, state.startAt, STAGE_WORKFLOW[state.startAt]!, at, ms);
      }
      const next = await enterStage(ctx, image, state, 'BUILDING', 'BUILD', at, d.buildingMs);
      const problem = await missingInput(ctx, image);
      if (problem) {
        await failBuild(ctx, image, at, problem, 'LaunchBuildInstance');
        return undefined;
      }
      return next;
    }
    case 'CREATING':
      return finishAvailable(ctx, image, state);
    case 'BUILDING':
      await finishWorkflow(ctx, image, at, { status: 'COMPLETED' });
      return image.imageTestsConfiguration?.imageTestsEnabled === false
        ? enterStage(ctx, image, state, 'DISTRIBUTING', 'DISTRIBUTION', at, d.distributingMs)
        : enterStage(ctx, image, state, 'TESTING', 'TEST', at, d.testingMs);
    case 'TESTING':
      await finishWorkflow(ctx, image, at, { status: 'COMPLETED' });
      return enterStage(ctx, image, state, 'DISTRIBUTING', 'DISTRIBUTION', at, d.distributingMs);
    case 'DISTRIBUTING':
      await finishWorkflow(ctx, image, at, { status: 'COMPLETED' });
      await setStatus(ctx, image, 'INTEGRATING');
      return at + d.integratingMs;
    case 'INTEGRATING':
      return finishAvailable(ctx, image, state);
    default:
      return undefined;
  }
}
