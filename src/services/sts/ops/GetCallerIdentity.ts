import type { GetCallerIdentityResponse } from '../../../generated/sts.js';
import type { HandlerContext } from '../../types.js';

/** Needs no permission; even an explicit Deny does not block it. */
export async function GetCallerIdentity(_input: unknown, ctx: HandlerContext): Promise<GetCallerIdentityResponse> {
  const { principal } = ctx.scope;
  return { UserId: principal.userId, Account: principal.account, Arn: principal.arn };
}
