/**
 * STS GetAccessKeyInfo: the account an access key id belongs to. Needs `sts:GetAccessKeyInfo`
 * like any action (enforced before the handler runs).
 *
 * AWS reads the account out of the key id itself, so it answers for any key, even one that was
 * deleted or never belonged to the caller. Kiln's key ids do not encode an account: for keys Kiln
 * issued (IAM user keys `AKIA…`, session keys `ASIA…`) it answers their owner's account, and for
 * any other id the caller's own account — which in Kiln is the default account, where every
 * principal lives — since that is the account an unknown key acts in (`--auth open`).
 */
import type { GetAccessKeyInfoRequest, GetAccessKeyInfoResponse } from '../../../generated/sts.js';
import type { HandlerContext } from '../../types.js';
import { accessKeyAccount } from '../domain/iam-access.js';
import { findSession } from '../domain/sessions.js';

export async function GetAccessKeyInfo(input: GetAccessKeyInfoRequest, ctx: HandlerContext): Promise<GetAccessKeyInfoResponse> {
  const id = input.AccessKeyId;
  const session = await findSession(ctx.tx, id);
  const account = session?.principal.account ?? (await accessKeyAccount(ctx.tx, id)) ?? ctx.scope.account;
  return { Account: account };
}
