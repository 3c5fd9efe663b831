import type { DeleteAccessKeyRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { getUserAccessKeyOrThrow, noSuchAccessKey, removeAccessKey } from '../domain/access-keys.js';
import { getUserOrThrow } from '../domain/entities.js';
import { callerUserName } from '../domain/users-groups.js';

export async function DeleteAccessKey(input: DeleteAccessKeyRequest, ctx: HandlerContext): Promise<void> {
  const userName = input.UserName ?? callerUserName(ctx);
  // The root caller without a UserName means a root access key, which Kiln does not model.
  if (userName === undefined) throw noSuchAccessKey(input.AccessKeyId);
  const user = await getUserOrThrow(ctx, userName);
  await removeAccessKey(ctx, await getUserAccessKeyOrThrow(ctx, user, input.AccessKeyId));
}
