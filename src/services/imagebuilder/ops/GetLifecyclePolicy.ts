import type { GetLifecyclePolicyRequest, GetLifecyclePolicyResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { getLifecyclePolicy, toLifecyclePolicy } from '../domain/lifecycle-policies.js';

export async function GetLifecyclePolicy(input: GetLifecyclePolicyRequest, ctx: HandlerContext): Promise<GetLifecyclePolicyResponse> {
  return { lifecyclePolicy: toLifecyclePolicy(await getLifecyclePolicy(ctx, input.lifecyclePolicyArn)) };
}
