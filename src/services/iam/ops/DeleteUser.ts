import { AwsError } from '../../../kernel/errors.js';
import type { DeleteUserRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { countUserAccessKeys } from '../domain/access-keys.js';
import { releaseEntityPolicies } from '../domain/attachments.js';
import { USERS, getUserOrThrow, nameKey } from '../domain/entities.js';
import { iamScope } from '../domain/scope.js';

/**
 * Deletes a user that owns nothing any more. The checks follow the order of the list of things
 * to remove first in the DeleteUser API reference (access keys, inline policies, attached
 * policies, group memberships); Kiln does not model passwords, certificates or MFA devices.
 */
export async function DeleteUser(input: DeleteUserRequest, ctx: HandlerContext): Promise<void> {
  const user = await getUserOrThrow(ctx, input.UserName);
  if ((await countUserAccessKeys(ctx, user.UserName)) > 0) throw new AwsError('DeleteConflict', 'Cannot delete entity, must delete access keys first.');
  if (Object.keys(user.InlinePolicies).length > 0) throw new AwsError('DeleteConflict', 'Cannot delete entity, must delete policies first.');
  if (user.AttachedPolicyArns.length > 0) throw new AwsError('DeleteConflict', 'Cannot delete entity, must detach all policies first.');
  if (user.GroupNames.length > 0) throw new AwsError('DeleteConflict', 'Cannot delete entity, must remove users from group first.');
  await releaseEntityPolicies(ctx, 'User', user.UserName, user);
  await ctx.tx.delete(USERS, iamScope(ctx.scope), nameKey(user.UserName));
}
