import type { AccessKeyMetadata, ListAccessKeysRequest, ListAccessKeysResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { USER_ACCESS_KEYS, findAccessKey } from '../domain/access-keys.js';
import { getUserOrThrow, nameKey } from '../domain/entities.js';
import { pageCollection } from '../domain/paging.js';
import { iamScope } from '../domain/scope.js';
import { callerUserName } from '../domain/users-groups.js';

/** A user's keys without their secrets. */
export async function ListAccessKeys(input: ListAccessKeysRequest, ctx: HandlerContext): Promise<ListAccessKeysResponse> {
  const userName = input.UserName ?? callerUserName(ctx);
  // The root caller without a UserName asks for the root user's keys, which Kiln does not model.
  if (userName === undefined) return { AccessKeyMetadata: [], IsTruncated: false };
  const user = await getUserOrThrow(ctx, userName);
  const scope = iamScope(ctx.scope);
  const page = await pageCollection<string>(ctx.tx, USER_ACCESS_KEYS, scope, {
    Marker: input.Marker, MaxItems: input.MaxItems, prefix: `${nameKey(user.UserName)}/`,
  });
  const metadata: AccessKeyMetadata[] = [];
  for (const id of page.items) {
    const key = await findAccessKey(ctx.tx, scope, id);
    if (key) metadata.push({ UserName: key.UserName, AccessKeyId: key.AccessKeyId, Status: key.Status, CreateDate: new Date(key.CreateDate) });
  }
  return { AccessKeyMetadata: metadata, IsTruncated: page.IsTruncated, Marker: page.Marker };
}
