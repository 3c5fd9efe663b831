import type { GetComponentPolicyRequest, GetComponentPolicyResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { getResourcePolicy } from '../domain/resource-policies.js';
import { findResource } from '../domain/tagged-resources.js';

export async function GetComponentPolicy(input: GetComponentPolicyRequest, ctx: HandlerContext): Promise<GetComponentPolicyResponse> {
  const { record } = await findResource<{ arn: string }>(ctx, input.componentArn, 'componentArn');
  return { requestId: ctx.scope.requestId, policy: await getResourcePolicy(ctx, record.arn) };
}
