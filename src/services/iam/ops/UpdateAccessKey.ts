import { AwsError } from '../../../kernel/errors.js';
import type { UpdateAccessKeyRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { getUserAccessKeyOrThrow, noSuchAccessKey, saveAccessKey } from '../domain/access-keys.js';
import { getUserOrThrow } from '../domain/entities.js';
import { callerUserName } from '../domain/users-groups.js';

/** Activates or deactivates a key (an inactive key no longer signs requests). */
export async function UpdateAccessKey(input: UpdateAccessKeyRequest, ctx: HandlerContext): Promise<void> {
  const userName = input.UserName ?? callerUserName(ctx);
  // The root caller without a UserName means a root access key, which Kiln does not model.
  if (userName === undefined) throw noSuchAccessKey(input.AccessKeyId);
  const user = await getUserOrThrow(ctx, userName);
  const key = await getUserAccessKeyOrThrow(ctx, user, input.AccessKeyId);
  if (input.Status === 'Expired') {
    // The model's StatusType also lists Expired (used by other credential kinds); an access key is
    // only ever Active or Inactive. AWS's answer is not documented: Kiln words it as a validation error.
    throw new AwsError('ValidationError', "1 validation error detected: Value 'Expired' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]");
  }
  key.Status = input.Status;
  await saveAccessKey(ctx, key);
}
