/**
 * A pipeline's schedule: the check of `schedule` on Create/UpdateImagePipeline, and the one engine
 * task per ENABLED scheduled pipeline, due at its next run time (so a tick of the engine touches
 * only the pipelines that are due). Kiln keeps, per pipeline (PIPELINE_SCHEDULES, keyed like the
 * pipeline), the task that fires it next, the rate anchor, and what its last builds were made
 * from (schedule-dependencies.ts). `dateNextRun` on the pipeline shows the task's due time.
 */
import { cancelTask } from '../../../engine/tasks.js';
import { isTimeZone, nextRunAfter, parseSchedule, ScheduleSyntaxError } from '../../../engine/cron.js';
import { AwsError } from '../../../kernel/errors.js';
import type { Schedule } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import type { ImagePipelineRecord } from './records.js';
import { arnName, ibScope } from './scope.js';

export const PIPELINE_SCHEDULES = 'ib.pipelineSchedules';
export const SCHEDULE_TASK_KIND = 'imagebuilder.pipelineSchedule';

export interface ScheduleTaskState {
  partition: string;
  account: string;
  region: string;
  /** The pipeline's key in IMAGE_PIPELINES. */
  pipelineKey: string;
}

export interface PipelineScheduleRecord {
  /** The engine task that fires the pipeline next; none while it is DISABLED or has no schedule. */
  task?: { id: string; dueAt: number };
  /** The expression the anchor belongs to: a rate counts its intervals from when it was set. */
  expression?: string;
  anchorMs: number;
  /** The recipe, parent image and component builds of the last successful build (schedule-dependencies.ts). */
  builtWith?: string[];
  /** What the pipeline's newest build was started from, until it ends. */
  pending?: { imageArn: string; dependencies: string[] };
}

/** AWS's prefix for every schedule error. */
function invalid(parameter: string, detail: string): AwsError {
  return new AwsError('InvalidParameterValueException', `The value supplied for parameter '${parameter}' is not valid. ${detail}`);
}

/**
 * The expression must be AWS cron() or rate() syntax, the time zone an IANA name. AWS's text for a
 * bad cron is `... Invalid schedule expression. Details: Invalid CRON expression: error at
 * position 9, details: Unexpected end of expression.`; rate and time-zone details are Kiln's.
 */
export function checkSchedule(input: { schedule?: Schedule }): void {
  if (input.schedule === undefined) return;
  const { scheduleExpression, timezone } = input.schedule;
  try {
    // A schedule without an expression has nothing to run by (AWS's answer is not documented).
    parseSchedule(scheduleExpression ?? '');
  } catch (error) {
    if (!(error instanceof ScheduleSyntaxError)) throw error;
    const detail = error.kind === 'cron' ? `Invalid CRON expression: error at position ${error.position}, details: ${error.detail}`
      : error.kind === 'rate' ? `Invalid RATE expression: ${error.detail}` : error.detail;
    throw invalid('schedule.scheduleExpression', `Invalid schedule expression. Details: ${detail}`);
  }
  if (timezone !== undefined && !isTimeZone(timezone)) {
    throw invalid('schedule.timezone', `'${timezone}' is not a valid IANA time zone, e.g. 'Etc/UTC' or 'America/Los_Angeles'.`);
  }
}

export function scheduleKey(pipeline: ImagePipelineRecord): string {
  return arnName(pipeline.name);
}

export function getScheduleRecord(ctx: HandlerContext, key: string): Promise<PipelineScheduleRecord | undefined> {
  return ctx.tx.get<PipelineScheduleRecord>(PIPELINE_SCHEDULES, ibScope(ctx.scope), key);
}

export function putScheduleRecord(ctx: HandlerContext, key: string, record: PipelineScheduleRecord): Promise<void> {
  return ctx.tx.put(PIPELINE_SCHEDULES, ibScope(ctx.scope), key, record);
}

/** When the pipeline runs next after `after` by its schedule, or undefined (DISABLED, no schedule, no time left). */
export function nextRunOf(pipeline: ImagePipelineRecord, record: PipelineScheduleRecord, after: Date): Date | undefined {
  const expression = pipeline.schedule?.scheduleExpression;
  if (pipeline.status !== 'ENABLED' || !expression) return undefined;
  return nextRunAfter(parseSchedule(expression), after, { timezone: pipeline.schedule?.timezone ?? 'UTC', anchorMs: record.anchorMs });
}

/**
 * Sets the pipeline's firing after Create or Update (or a change of status): the old task goes,
 * a new one is due at the next run time after now, and `pipeline.dateNextRun` says when (the
 * caller saves the pipeline). A rate keeps its anchor while its expression stays the same.
 */
export async function armSchedule(ctx: HandlerContext, pipeline: ImagePipelineRecord): Promise<void> {
  const key = scheduleKey(pipeline);
  const existing = await getScheduleRecord(ctx, key);
  if (existing?.task) await cancelTask(ctx.tx, existing.task.dueAt, existing.task.id);
  const now = ctx.clock.now();
  const expression = pipeline.schedule?.scheduleExpression;
  const record: PipelineScheduleRecord = {
    ...existing, task: undefined, expression,
    anchorMs: existing && existing.expression === expression ? existing.anchorMs : now.getTime(),
  };
  const next = nextRunOf(pipeline, record, now);
  if (next) {
    const state: ScheduleTaskState = { partition: ctx.scope.partition, account: ctx.scope.account, region: ctx.scope.region, pipelineKey: key };
    record.task = { id: await ctx.schedule(SCHEDULE_TASK_KIND, next.getTime(), state), dueAt: next.getTime() };
  }
  pipeline.dateNextRun = next?.toISOString();
  await putScheduleRecord(ctx, key, record);
}

/** Stops the pipeline's firing (auto-disabled): no task, no dateNextRun. The caller saves the pipeline. */
export async function disarmSchedule(ctx: HandlerContext, pipeline: ImagePipelineRecord): Promise<void> {
  const key = scheduleKey(pipeline);
  const existing = await getScheduleRecord(ctx, key);
  if (existing?.task) {
    await cancelTask(ctx.tx, existing.task.dueAt, existing.task.id);
    await putScheduleRecord(ctx, key, { ...existing, task: undefined });
  }
  pipeline.dateNextRun = undefined;
}

/** DeleteImagePipeline: the task and everything Kiln kept about the schedule go. */
export async function forgetSchedule(ctx: HandlerContext, pipeline: ImagePipelineRecord): Promise<void> {
  const key = scheduleKey(pipeline);
  const existing = await getScheduleRecord(ctx, key);
  if (existing?.task) await cancelTask(ctx.tx, existing.task.dueAt, existing.task.id);
  await ctx.tx.delete(PIPELINE_SCHEDULES, ibScope(ctx.scope), key);
}
