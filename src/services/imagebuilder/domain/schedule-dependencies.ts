/**
 * EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE (the default start condition): a scheduled
 * run builds only when what the recipe resolves to has changed since the pipeline's last
 * successful build: the recipe version (a pipeline may name `1.x.x`), the parent image (an
 * Image Builder image ARN with `x` nodes or without a build number resolves to its newest build)
 * and each component (a version ARN, possibly with `x` nodes, resolves to its newest build).
 * The first run always builds.
 *
 * Kiln has no catalogue of Amazon-managed images and components, nor of AMIs or SSM parameters:
 * those count as unchanged, so a recipe built only on them builds once and then waits for a
 * change of its own components, images or recipe versions.
 */
import { isAwsError } from '../../../kernel/errors.js';
import type { HandlerContext } from '../../types.js';
import type { Recipe } from './build-inputs.js';
import { requireRecipe } from './build-inputs.js';
import { findComponent } from './components.js';
import { findImageOrUndefined } from './images.js';
import { getScheduleRecord, putScheduleRecord, scheduleKey, type PipelineScheduleRecord } from './pipeline-schedules.js';
import type { ImagePipelineRecord, ImageRecord } from './records.js';

const OWN_RESOURCE = /^arn:aws[^:]*:imagebuilder:([^:]+):([0-9]{12}):(image|component)\//;

/** Whether an ARN names an image or component Kiln may hold (this account and region). */
function ownResource(ctx: HandlerContext, arn: string): boolean {
  const m = OWN_RESOURCE.exec(arn);
  return m !== null && m[1] === ctx.scope.region && m[2] === ctx.scope.account;
}

/** What a recipe resolves to now: its ARN, its parent image's newest build, each component's newest build. */
export async function resolveDependencies(ctx: HandlerContext, recipe: Recipe): Promise<string[]> {
  const resolve = async (arn: string, find: (arn: string) => Promise<string | undefined>) => {
    if (!ownResource(ctx, arn)) return arn;
    try {
      return (await find(arn)) ?? arn;
    } catch (error) {
      if (isAwsError(error)) return arn; // gone or malformed: the build itself will say so
      throw error;
    }
  };
  const parent = recipe.record.parentImage ?? '';
  const resolved = [recipe.record.arn, await resolve(parent, async (arn) => (await findImageOrUndefined(ctx, arn, 'parentImage'))?.arn)];
  for (const component of recipe.record.components ?? []) {
    resolved.push(await resolve(component.componentArn, async (arn) => (await findComponent(ctx, arn)).arn));
  }
  return resolved;
}

/** Whether a scheduled run with the default start condition should build now. */
export async function dependencyUpdatesAvailable(ctx: HandlerContext, pipeline: ImagePipelineRecord, record: PipelineScheduleRecord): Promise<boolean> {
  if (!record.builtWith) return true;
  let recipe: Recipe;
  try {
    recipe = await requireRecipe(ctx, pipeline);
  } catch (error) {
    if (isAwsError(error)) return true; // the recipe is gone: the run fails, and counts as a failure
    throw error;
  }
  const now = await resolveDependencies(ctx, recipe);
  return now.length !== record.builtWith.length || now.some((d, i) => d !== record.builtWith![i]);
}

/** Called when a pipeline starts a build (scheduled or manual): remembers what it is made from. */
export async function noteBuildStarted(ctx: HandlerContext, pipeline: ImagePipelineRecord, recipe: Recipe, image: ImageRecord): Promise<void> {
  const key = scheduleKey(pipeline);
  const record = await getScheduleRecord(ctx, key);
  // A pipeline created before Kiln kept schedules has no record: a fresh one has no anchor yet.
  const base: PipelineScheduleRecord = record ?? { anchorMs: ctx.clock.now().getTime() };
  await putScheduleRecord(ctx, key, { ...base, pending: { imageArn: image.arn, dependencies: await resolveDependencies(ctx, recipe) } });
}

/** Called when the pipeline's newest build ends: a success becomes the last build the condition compares with. */
export async function noteBuildEnded(ctx: HandlerContext, pipeline: ImagePipelineRecord, image: ImageRecord): Promise<void> {
  const key = scheduleKey(pipeline);
  const record = await getScheduleRecord(ctx, key);
  if (!record?.pending || record.pending.imageArn !== image.arn) return;
  const builtWith = image.state?.status === 'AVAILABLE' ? record.pending.dependencies : record.builtWith;
  await putScheduleRecord(ctx, key, { ...record, builtWith, pending: undefined });
}
