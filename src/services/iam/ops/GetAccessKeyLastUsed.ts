import type { GetAccessKeyLastUsedRequest, GetAccessKeyLastUsedResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { findAccessKey, noSuchAccessKey } from '../domain/access-keys.js';
import { iamScope } from '../domain/scope.js';

/** When and where a key of this account was last used; `N/A` for service and region until it is used, as AWS answers. */
export async function GetAccessKeyLastUsed(input: GetAccessKeyLastUsedRequest, ctx: HandlerContext): Promise<GetAccessKeyLastUsedResponse> {
  const key = await findAccessKey(ctx.tx, iamScope(ctx.scope), input.AccessKeyId);
  if (!key) throw noSuchAccessKey(input.AccessKeyId);
  return {
    UserName: key.UserName,
    AccessKeyLastUsed: key.LastUsed
      ? { LastUsedDate: new Date(key.LastUsed.LastUsedDate), ServiceName: key.LastUsed.ServiceName, Region: key.LastUsed.Region }
      : { ServiceName: 'N/A', Region: 'N/A' },
  };
}
