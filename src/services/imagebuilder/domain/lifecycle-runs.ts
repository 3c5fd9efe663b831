/**
 * A lifecycle policy's runs. "Image Builder runs enabled lifecycle policies once per day", at a
 * time it chooses, one execution per policy at a time (user guide, "How lifecycle policy execution
 * works"). Kiln runs an ENABLED policy every 24 hours from when it was created or last enabled:
 * a durable engine task per policy, due against Kiln's clock. The task belongs to the policy's
 * current `scheduleId`: disabling or deleting the policy leaves it nothing to do, and enabling
 * the policy again starts a new one.
 */
import type { HandlerContext } from '../../types.js';
import { associatedResources } from './lifecycle-associated.js';
import { isTerminal, newestExecution, startExecution, type ExecutionResource, type LifecycleExecutionRecord } from './lifecycle-executions.js';
import { LIFECYCLE_POLICIES, saveLifecyclePolicy, type LifecyclePolicyRecord } from './lifecycle-policies.js';
import { planRun } from './lifecycle-rules.js';
import { keyOf } from './images.js';
import { IMAGES, type ImageRecord } from './records.js';
import { ibScope } from './scope.js';

export const DAILY_RUN_TASK_KIND = 'imagebuilder.lifecyclePolicyRun';
export const RUN_INTERVAL_MS = 24 * 60 * 60 * 1000;

export interface DailyRunState {
  partition: string;
  account: string;
  region: string;
  policyKey: string;
  scheduleId: string;
}

/**
 * Keeps the policy's daily run in step with its status: an ENABLED policy without a schedule gets
 * one (first run a day from now), a DISABLED one loses it. The caller saves the record.
 */
export async function syncDailyRun(ctx: HandlerContext, policy: LifecyclePolicyRecord, policyKey: string): Promise<void> {
  if (policy.status !== 'ENABLED') {
    delete policy.scheduleId;
    return;
  }
  if (policy.scheduleId) return;
  policy.scheduleId = ctx.ids.uuid();
  const state: DailyRunState = {
    partition: ctx.scope.partition, account: ctx.scope.account, region: ctx.scope.region, policyKey, scheduleId: policy.scheduleId,
  };
  await ctx.schedule(DAILY_RUN_TASK_KIND, ctx.clock.now().getTime() + RUN_INTERVAL_MS, state);
}

/** Runs the policy over the images of its account and region now, unless a run of it is still going. */
export async function runPolicy(ctx: HandlerContext, policy: LifecyclePolicyRecord): Promise<LifecycleExecutionRecord | undefined> {
  const running = await newestExecution(ctx, policy.arn);
  if (running && !isTerminal(running)) return undefined;
  const now = ctx.clock.now();
  const images = (await ctx.tx.list<ImageRecord>(IMAGES, ibScope(ctx.scope))).map((r) => r.value);
  const resources: ExecutionResource[] = planRun(policy, images, now.getTime()).map((p) => ({
    imageArn: p.image.arn, imageKey: keyOf(p.image), action: p.action, actionReason: p.reason,
    status: p.skipReason ? 'SKIPPED' : 'IN_PROGRESS', reason: p.skipReason,
    associated: p.skipReason ? [] : associatedResources(p.image, p.action, p.rule.action.includeResources, p.rule.exclusionRules?.amis),
  }));
  const execution = await startExecution(ctx, { lifecyclePolicyArn: policy.arn, executionRole: policy.executionRole, resources });
  await saveLifecyclePolicy(ctx, { ...policy, dateLastRun: now.toISOString() });
  return execution;
}

/**
 * The daily task's step, due at `due`: runs the policy if it is still ENABLED under this schedule,
 * and returns when the next run is due (the first whole day after now, so a clock that jumped
 * ahead runs the policy once, not once per missed day), or undefined when the schedule is over.
 */
export async function dailyRun(ctx: HandlerContext, state: DailyRunState, due: number): Promise<number | undefined> {
  const policy = await ctx.tx.get<LifecyclePolicyRecord>(LIFECYCLE_POLICIES, ibScope(ctx.scope), state.policyKey);
  if (!policy || policy.status !== 'ENABLED' || policy.scheduleId !== state.scheduleId) return undefined;
  await runPolicy(ctx, policy);
  const now = ctx.clock.now().getTime();
  return due + RUN_INTERVAL_MS * (Math.floor((now - due) / RUN_INTERVAL_MS) + 1);
}
