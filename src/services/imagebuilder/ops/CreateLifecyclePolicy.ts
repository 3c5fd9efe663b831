import { AwsError } from '../../../kernel/errors.js';
import type { CreateLifecyclePolicyRequest, CreateLifecyclePolicyResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { idempotent } from '../domain/idempotency.js';
import {
  checkExecutionRole, checkPolicySettings, findLifecyclePolicy, lifecyclePolicyArn, policySettings, saveLifecyclePolicy, type LifecyclePolicyRecord,
} from '../domain/lifecycle-policies.js';
import { syncDailyRun } from '../domain/lifecycle-runs.js';
import { arnName } from '../domain/scope.js';

/** Creates a lifecycle policy (ENABLED unless told otherwise); an ENABLED policy runs daily. Its execution role must exist and is passed to Image Builder. */
export async function CreateLifecyclePolicy(input: CreateLifecyclePolicyRequest, ctx: HandlerContext): Promise<CreateLifecyclePolicyResponse> {
  return idempotent('CreateLifecyclePolicy', input, ctx, async () => {
    const arn = lifecyclePolicyArn(ctx, input.name);
    if (await findLifecyclePolicy(ctx, arn)) {
      // AWS's wording for the other resources (`The following resource 'ImageRecipe' already exists: '<arn>'.`).
      throw new AwsError('ResourceAlreadyExistsException', `The following resource 'LifecyclePolicy' already exists: '${arn}'.`);
    }
    checkPolicySettings(input);
    await checkExecutionRole(ctx, input.executionRole);
    const record: LifecyclePolicyRecord = {
      arn, name: input.name, ...policySettings(input), dateCreated: ctx.clock.now().toISOString(), tags: input.tags ?? {},
    };
    await syncDailyRun(ctx, record, arnName(input.name));
    await saveLifecyclePolicy(ctx, record);
    return { clientToken: input.clientToken, lifecyclePolicyArn: arn };
  });
}
