import type { GetPolicyRequest, GetPolicyResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { policyCounts } from '../domain/attachments.js';
import { getPolicyOrThrow, toPolicy } from '../domain/policies.js';

export async function GetPolicy(input: GetPolicyRequest, ctx: HandlerContext): Promise<GetPolicyResponse> {
  const { record } = await getPolicyOrThrow(ctx, input.PolicyArn);
  return { Policy: toPolicy(record, await policyCounts(ctx, record.Arn), 'get') };
}
