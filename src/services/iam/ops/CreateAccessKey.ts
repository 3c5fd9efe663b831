import { AwsError } from '../../../kernel/errors.js';
import type { CreateAccessKeyRequest, CreateAccessKeyResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { MAX_ACCESS_KEYS_PER_USER, countUserAccessKeys, saveAccessKey } from '../domain/access-keys.js';
import { getUserOrThrow, type AccessKeyRecord } from '../domain/entities.js';
import { callerUserName } from '../domain/users-groups.js';

/** Issues a new access key (AKIA id, 40-character secret) for a user; the only time the secret is shown. */
export async function CreateAccessKey(input: CreateAccessKeyRequest, ctx: HandlerContext): Promise<CreateAccessKeyResponse> {
  const userName = input.UserName ?? callerUserName(ctx);
  if (userName === undefined) {
    // Called by the account root without a UserName, AWS creates an access key for the root user.
    // Kiln does not model root access keys (its root key comes from configuration), so it says so.
    throw new AwsError('NotImplemented', 'Kiln does not model access keys of the root user: pass UserName to create an access key for an IAM user.', 501);
  }
  const user = await getUserOrThrow(ctx, userName);
  if ((await countUserAccessKeys(ctx, user.UserName)) >= MAX_ACCESS_KEYS_PER_USER) {
    throw new AwsError('LimitExceeded', `Cannot exceed quota for AccessKeysPerUser: ${MAX_ACCESS_KEYS_PER_USER}`);
  }
  const key: AccessKeyRecord = {
    AccessKeyId: ctx.ids.accessKeyId('AKIA'),
    SecretAccessKey: ctx.ids.secretAccessKey(),
    UserName: user.UserName,
    Status: 'Active',
    CreateDate: ctx.clock.now().toISOString(),
  };
  await saveAccessKey(ctx, key);
  return {
    AccessKey: { UserName: key.UserName, AccessKeyId: key.AccessKeyId, Status: key.Status, SecretAccessKey: key.SecretAccessKey, CreateDate: new Date(key.CreateDate) },
  };
}
