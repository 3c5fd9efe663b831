import type { GetImagePolicyRequest, GetImagePolicyResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { getResourcePolicy } from '../domain/resource-policies.js';
import { findResource } from '../domain/tagged-resources.js';

export async function GetImagePolicy(input: GetImagePolicyRequest, ctx: HandlerContext): Promise<GetImagePolicyResponse> {
  const { record } = await findResource<{ arn: string }>(ctx, input.imageArn, 'imageArn');
  return { requestId: ctx.scope.requestId, policy: await getResourcePolicy(ctx, record.arn) };
}
