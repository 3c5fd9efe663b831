import type { PutImagePolicyRequest, PutImagePolicyResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { checkResourcePolicy, putResourcePolicy } from '../domain/resource-policies.js';
import { findResource } from '../domain/tagged-resources.js';

/** Sets (replaces) the policy of an image build version that exists in the caller's account and region. */
export async function PutImagePolicy(input: PutImagePolicyRequest, ctx: HandlerContext): Promise<PutImagePolicyResponse> {
  checkResourcePolicy(input.policy);
  const { record } = await findResource<{ arn: string }>(ctx, input.imageArn, 'imageArn');
  await putResourcePolicy(ctx, record.arn, input.policy);
  return { requestId: ctx.scope.requestId, imageArn: record.arn };
}
