import { AwsError } from '../../../kernel/errors.js';
import type { UpdateGroupRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { GROUPS, GROUP_MEMBERS, USERS, getGroupOrThrow, nameKey, type GroupRecord, type UserRecord } from '../domain/entities.js';
import { iamArn, iamScope } from '../domain/scope.js';
import { listGroupMembers, memberKey, renameAttachments } from '../domain/users-groups.js';

/** Renames a group and/or moves it to another path. It keeps its id, members and policies. */
export async function UpdateGroup(input: UpdateGroupRequest, ctx: HandlerContext): Promise<void> {
  const group = await getGroupOrThrow(ctx, input.GroupName);
  const newName = input.NewGroupName ?? group.GroupName;
  const newPath = input.NewPath ?? group.Path;
  if (newName === group.GroupName && newPath === group.Path) return;
  const scope = iamScope(ctx.scope);
  const oldName = group.GroupName;
  const updated: GroupRecord = { ...group, GroupName: newName, Path: newPath, Arn: iamArn(ctx.scope, `group${newPath}${newName}`) };
  if (nameKey(newName) === nameKey(oldName)) {
    await ctx.tx.put(GROUPS, scope, nameKey(newName), updated);
  } else {
    if (!(await ctx.tx.insert(GROUPS, scope, nameKey(newName), updated))) {
      throw new AwsError('EntityAlreadyExists', `Group with name ${newName} already exists.`);
    }
    await ctx.tx.delete(GROUPS, scope, nameKey(oldName));
  }
  if (newName === oldName) return;
  // Memberships, both ways: the GROUP_MEMBERS keys and each member's GroupNames.
  const oldKey = nameKey(oldName);
  for (const member of await listGroupMembers(ctx, oldName)) {
    await ctx.tx.delete(GROUP_MEMBERS, scope, member.key);
    await ctx.tx.put(GROUP_MEMBERS, scope, memberKey(newName, member.userName), member.userName);
    const user = await ctx.tx.get<UserRecord>(USERS, scope, nameKey(member.userName));
    if (!user) continue;
    user.GroupNames = user.GroupNames.map((name) => (nameKey(name) === oldKey ? newName : name));
    await ctx.tx.put(USERS, scope, nameKey(user.UserName), user);
  }
  await renameAttachments(ctx, 'Group', group, oldName, newName);
}
