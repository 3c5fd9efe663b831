/**
 * A pipeline's `lastRunStatus` follows the image of its latest run. The latest run is the one
 * whose `dateCreated` the pipeline recorded as `dateLastRun` when it started, so an older build
 * that finishes late does not overwrite a newer one's status. `consecutiveFailures` counts failed
 * scheduled runs (a success resets it; a failed manual run leaves it), and a scheduled pipeline
 * is DISABLED once the count reaches its `autoDisablePolicy.failureCount` (5 without a policy).
 */
import type { HandlerContext } from '../../types.js';
import { disarmSchedule } from './pipeline-schedules.js';
import { noteBuildEnded } from './schedule-dependencies.js';
import { IMAGE_PIPELINES, type ImagePipelineRecord, type ImageRecord } from './records.js';
import { ibScope } from './scope.js';

function pipelineKey(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/** Records that `image` is the pipeline's newest run. */
export async function recordPipelineRun(ctx: HandlerContext, pipeline: ImagePipelineRecord, image: ImageRecord): Promise<void> {
  const updated: ImagePipelineRecord = { ...pipeline, dateLastRun: image.dateCreated, lastRunStatus: image.state?.status };
  await ctx.tx.put(IMAGE_PIPELINES, ibScope(ctx.scope), pipelineKey(pipeline.arn), updated);
}

/** Called whenever a build's status changes. */
export async function followPipeline(ctx: HandlerContext, image: ImageRecord): Promise<void> {
  if (!image.sourcePipelineArn) return;
  const scope = ibScope(ctx.scope);
  const key = pipelineKey(image.sourcePipelineArn);
  const pipeline = await ctx.tx.get<ImagePipelineRecord>(IMAGE_PIPELINES, scope, key);
  if (!pipeline || pipeline.arn !== image.sourcePipelineArn || pipeline.dateLastRun !== image.dateCreated) return;
  const status = image.state?.status;
  pipeline.lastRunStatus = status;
  if (status === 'AVAILABLE') pipeline.consecutiveFailures = 0;
  if (status === 'FAILED' && image.buildType === 'SCHEDULED') await countScheduledFailure(ctx, pipeline);
  if (status === 'AVAILABLE' || status === 'FAILED' || status === 'CANCELLED') await noteBuildEnded(ctx, pipeline, image);
  await ctx.tx.put(IMAGE_PIPELINES, scope, key, pipeline);
}

/**
 * Default when the schedule has no autoDisablePolicy: "By default, if the schedule doesn't include
 * an auto-disable policy, Image Builder disables the pipeline after 5 consecutive failed scheduled
 * builds" (API reference, AutoDisablePolicy).
 */
const DEFAULT_FAILURE_COUNT = 5;

/** One more failed scheduled run; the pipeline is DISABLED (and stops firing) at the limit. The caller saves it. */
export async function countScheduledFailure(ctx: HandlerContext, pipeline: ImagePipelineRecord): Promise<void> {
  pipeline.consecutiveFailures = (pipeline.consecutiveFailures ?? 0) + 1;
  const limit = pipeline.schedule?.autoDisablePolicy?.failureCount ?? DEFAULT_FAILURE_COUNT;
  if (pipeline.consecutiveFailures >= limit && pipeline.status !== 'DISABLED') {
    pipeline.status = 'DISABLED';
    await disarmSchedule(ctx, pipeline);
  }
}
