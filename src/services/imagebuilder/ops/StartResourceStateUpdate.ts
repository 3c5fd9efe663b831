import { AwsError } from '../../../kernel/errors.js';
import type { StartResourceStateUpdateRequest, StartResourceStateUpdateResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { idempotent } from '../domain/idempotency.js';
import { findImage, keyOf, saveImage } from '../domain/images.js';
import { associatedResources } from '../domain/lifecycle-associated.js';
import { isTerminal, newestExecution, startExecution } from '../domain/lifecycle-executions.js';
import { checkExecutionRole } from '../domain/lifecycle-policies.js';
import { ACTION_FOR, checkImageForUpdate, checkStateUpdateRequest } from '../domain/state-updates.js';

/**
 * Changes one image build version's state (AVAILABLE, DEPRECATED, DISABLED, DELETED) as a
 * lifecycle execution of its own, with the AMIs, snapshots or containers `includeResources` names
 * and the AMI exclusion rules. A DEPRECATED with `updateAt` sets the image's deprecation time now
 * and waits (PENDING) until then.
 */
export async function StartResourceStateUpdate(input: StartResourceStateUpdateRequest, ctx: HandlerContext): Promise<StartResourceStateUpdateResponse> {
  return idempotent('StartResourceStateUpdate', input, ctx, async () => {
    const target = checkStateUpdateRequest(input, ctx.clock.now());
    const image = await findImage(ctx, input.resourceArn, 'resourceArn');
    checkImageForUpdate(image, target, input);
    const running = await newestExecution(ctx, image.arn);
    if (running && !isTerminal(running)) {
      throw new AwsError('ResourceInUseException', `The image '${image.arn}' is being updated by the lifecycle execution '${running.lifecycleExecutionId}' (${running.status}).`);
    }
    if (input.executionRole !== undefined) await checkExecutionRole(ctx, input.executionRole);
    const action = ACTION_FOR[target];
    if (input.updateAt) await saveImage(ctx, { ...image, deprecationTime: input.updateAt });
    const execution = await startExecution(ctx, {
      executionRole: input.executionRole, updateAt: input.updateAt,
      resources: [{
        imageArn: image.arn, imageKey: keyOf(image), action, actionReason: `StartResourceStateUpdate requested the status ${target}.`,
        status: 'IN_PROGRESS', associated: associatedResources(image, action, input.includeResources, input.exclusionRules?.amis),
      }],
    });
    return { lifecycleExecutionId: execution.lifecycleExecutionId, resourceArn: image.arn };
  });
}
