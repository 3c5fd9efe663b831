/**
 * What a pipeline's schedule task does when it is due (registered in ../tasks.ts): it runs the
 * pipeline once, through the same path as StartImagePipelineExecution with buildType SCHEDULED,
 * when its start condition allows, then becomes due again at the next run time after *now*. So
 * a task that comes late (Kiln was down across several run times) runs once, not once per missed
 * time. A run that cannot start (its recipe or a configuration is gone) counts as a failed
 * scheduled run, towards the pipeline's auto-disable limit.
 */
import type { StepResult, Task } from '../../../engine/tasks.js';
import { isAwsError } from '../../../kernel/errors.js';
import type { HandlerContext } from '../../types.js';
import { countScheduledFailure } from './pipeline-status.js';
import { startPipelineBuild } from './pipeline-runs.js';
import { getScheduleRecord, nextRunOf, putScheduleRecord, type PipelineScheduleRecord, type ScheduleTaskState } from './pipeline-schedules.js';
import { IMAGE_PIPELINES, type ImagePipelineRecord } from './records.js';
import { dependencyUpdatesAvailable } from './schedule-dependencies.js';
import { ibScope } from './scope.js';

/** Runs the pipeline if its start condition allows; a run that cannot start counts as a failure. */
async function runOnce(ctx: HandlerContext, key: string, pipeline: ImagePipelineRecord, record: PipelineScheduleRecord): Promise<void> {
  const onlyExpression = pipeline.schedule?.pipelineExecutionStartCondition === 'EXPRESSION_MATCH_ONLY';
  if (!onlyExpression && !(await dependencyUpdatesAvailable(ctx, pipeline, record))) return;
  try {
    await startPipelineBuild(ctx, pipeline, 'SCHEDULED');
  } catch (error) {
    if (!isAwsError(error)) throw error;
    // Nothing was written before the error (the build's inputs are looked up first).
    ctx.log.warn('a scheduled pipeline run could not start', { pipeline: pipeline.arn, reason: error.message });
    await countScheduledFailure(ctx, pipeline);
    await ctx.tx.put(IMAGE_PIPELINES, ibScope(ctx.scope), key, pipeline);
  }
}

/** The schedule task's step. */
export async function runSchedule(ctx: HandlerContext, job: Task<ScheduleTaskState>): Promise<StepResult<ScheduleTaskState>> {
  const key = job.state.pipelineKey;
  const record = await getScheduleRecord(ctx, key);
  // A task the pipeline no longer counts on (it was updated or deleted meanwhile) does nothing.
  if (record?.task?.id !== job.id) return;
  const pipelines = () => ctx.tx.get<ImagePipelineRecord>(IMAGE_PIPELINES, ibScope(ctx.scope), key);
  const pipeline = await pipelines();
  if (pipeline?.status === 'ENABLED' && pipeline.schedule?.scheduleExpression) await runOnce(ctx, key, pipeline, record);

  // The run may have changed both (dateLastRun, what it builds from, an auto-disable).
  const after = await pipelines();
  const latest = (await getScheduleRecord(ctx, key)) ?? record;
  const next = after ? nextRunOf(after, latest, ctx.clock.now()) : undefined;
  await putScheduleRecord(ctx, key, { ...latest, task: next && { id: job.id, dueAt: next.getTime() } });
  if (after) {
    after.dateNextRun = next?.toISOString();
    await ctx.tx.put(IMAGE_PIPELINES, ibScope(ctx.scope), key, after);
  }
  return next && { again: { dueAt: next.getTime(), state: job.state } };
}
