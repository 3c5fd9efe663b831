import { AwsError } from '../../../kernel/errors.js';
import type { UpdateUserRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { renameAccessKeyOwner } from '../domain/access-keys.js';
import { USERS, getUserOrThrow, nameKey, type UserRecord } from '../domain/entities.js';
import { iamArn, iamScope } from '../domain/scope.js';
import { renameAttachments, renameUserMemberships } from '../domain/users-groups.js';

/** Renames a user and/or moves it to another path. The user keeps its id, keys, groups and policies. */
export async function UpdateUser(input: UpdateUserRequest, ctx: HandlerContext): Promise<void> {
  const user = await getUserOrThrow(ctx, input.UserName);
  const newName = input.NewUserName ?? user.UserName;
  const newPath = input.NewPath ?? user.Path;
  if (newName === user.UserName && newPath === user.Path) return;
  const scope = iamScope(ctx.scope);
  const updated: UserRecord = { ...user, UserName: newName, Path: newPath, Arn: iamArn(ctx.scope, `user${newPath}${newName}`) };
  if (nameKey(newName) === nameKey(user.UserName)) {
    await ctx.tx.put(USERS, scope, nameKey(newName), updated);
  } else {
    if (!(await ctx.tx.insert(USERS, scope, nameKey(newName), updated))) {
      throw new AwsError('EntityAlreadyExists', `User with name ${newName} already exists.`);
    }
    await ctx.tx.delete(USERS, scope, nameKey(user.UserName));
  }
  if (newName !== user.UserName) {
    await renameUserMemberships(ctx, user.GroupNames, user.UserName, newName);
    await renameAccessKeyOwner(ctx, user.UserName, newName);
    await renameAttachments(ctx, 'User', user, user.UserName, newName);
  }
}
