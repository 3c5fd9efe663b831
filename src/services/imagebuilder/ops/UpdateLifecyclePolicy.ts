import type { UpdateLifecyclePolicyRequest, UpdateLifecyclePolicyResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { idempotent } from '../domain/idempotency.js';
import {
  checkExecutionRole, checkPolicySettings, getLifecyclePolicy, lifecyclePolicyKey, policySettings, saveLifecyclePolicy,
} from '../domain/lifecycle-policies.js';
import { syncDailyRun } from '../domain/lifecycle-runs.js';

/**
 * Replaces a lifecycle policy's settings (every required one is sent again, as for the other
 * Update operations); a status left out keeps the current one. Enabling a policy starts its daily
 * runs again, disabling it stops them.
 */
export async function UpdateLifecyclePolicy(input: UpdateLifecyclePolicyRequest, ctx: HandlerContext): Promise<UpdateLifecyclePolicyResponse> {
  return idempotent('UpdateLifecyclePolicy', input, ctx, async () => {
    const current = await getLifecyclePolicy(ctx, input.lifecyclePolicyArn);
    checkPolicySettings(input);
    await checkExecutionRole(ctx, input.executionRole);
    const updated = { ...current, ...policySettings({ ...input, status: input.status ?? current.status }), dateUpdated: ctx.clock.now().toISOString() };
    await syncDailyRun(ctx, updated, lifecyclePolicyKey(ctx, current.arn)!);
    await saveLifecyclePolicy(ctx, updated);
    return { lifecyclePolicyArn: current.arn };
  });
}
