import type { PutComponentPolicyRequest, PutComponentPolicyResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { checkResourcePolicy, putResourcePolicy } from '../domain/resource-policies.js';
import { findResource } from '../domain/tagged-resources.js';

/** Sets (replaces) the policy of a component build that exists in the caller's account and region. */
export async function PutComponentPolicy(input: PutComponentPolicyRequest, ctx: HandlerContext): Promise<PutComponentPolicyResponse> {
  checkResourcePolicy(input.policy);
  const { record } = await findResource<{ arn: string }>(ctx, input.componentArn, 'componentArn');
  await putResourcePolicy(ctx, record.arn, input.policy);
  return { requestId: ctx.scope.requestId, componentArn: record.arn };
}
