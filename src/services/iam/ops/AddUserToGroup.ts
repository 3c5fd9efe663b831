import { AwsError } from '../../../kernel/errors.js';
import type { AddUserToGroupRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { GROUP_MEMBERS, USERS, getGroupOrThrow, getUserOrThrow, nameKey, saveRecord } from '../domain/entities.js';
import { iamScope } from '../domain/scope.js';
import { MAX_GROUPS_PER_USER, memberKey } from '../domain/users-groups.js';

/** Adds a user to a group; adding a member again changes nothing and succeeds, as in AWS. */
export async function AddUserToGroup(input: AddUserToGroupRequest, ctx: HandlerContext): Promise<void> {
  const group = await getGroupOrThrow(ctx, input.GroupName);
  const user = await getUserOrThrow(ctx, input.UserName);
  if (user.GroupNames.some((name) => nameKey(name) === nameKey(group.GroupName))) return;
  if (user.GroupNames.length >= MAX_GROUPS_PER_USER) {
    // AWS's wording for its other per-user quotas ("Cannot exceed quota for AccessKeysPerUser: 2").
    throw new AwsError('LimitExceeded', `Cannot exceed quota for GroupsPerUser: ${MAX_GROUPS_PER_USER}`);
  }
  await ctx.tx.put(GROUP_MEMBERS, iamScope(ctx.scope), memberKey(group.GroupName, user.UserName), user.UserName);
  user.GroupNames.push(group.GroupName);
  await saveRecord(ctx, USERS, user.UserName, user);
}
