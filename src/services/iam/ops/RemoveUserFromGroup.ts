import { AwsError } from '../../../kernel/errors.js';
import type { RemoveUserFromGroupRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { GROUP_MEMBERS, USERS, getGroupOrThrow, getUserOrThrow, nameKey, saveRecord } from '../domain/entities.js';
import { iamScope } from '../domain/scope.js';
import { memberKey } from '../domain/users-groups.js';

export async function RemoveUserFromGroup(input: RemoveUserFromGroupRequest, ctx: HandlerContext): Promise<void> {
  const group = await getGroupOrThrow(ctx, input.GroupName);
  const user = await getUserOrThrow(ctx, input.UserName);
  const groupKey = nameKey(group.GroupName);
  if (!user.GroupNames.some((name) => nameKey(name) === groupKey)) {
    // AWS answers NoSuchEntity for a user who is not a member; its exact text is not documented,
    // so Kiln words it like the missing-user case.
    throw new AwsError('NoSuchEntity', `The user with name ${input.UserName} cannot be found.`);
  }
  await ctx.tx.delete(GROUP_MEMBERS, iamScope(ctx.scope), memberKey(group.GroupName, user.UserName));
  user.GroupNames = user.GroupNames.filter((name) => nameKey(name) !== groupKey);
  await saveRecord(ctx, USERS, user.UserName, user);
}
