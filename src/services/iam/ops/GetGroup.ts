import type { GetGroupRequest, GetGroupResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { GROUP_MEMBERS, USERS, getGroupOrThrow, nameKey, type UserRecord } from '../domain/entities.js';
import { pageCollection } from '../domain/paging.js';
import { iamScope } from '../domain/scope.js';
import { groupMembersPrefix, toGroup, toUser } from '../domain/users-groups.js';

/** The group and a page of its members (in the reduced shape ListUsers uses). */
export async function GetGroup(input: GetGroupRequest, ctx: HandlerContext): Promise<GetGroupResponse> {
  const group = await getGroupOrThrow(ctx, input.GroupName);
  const scope = iamScope(ctx.scope);
  const page = await pageCollection<string>(ctx.tx, GROUP_MEMBERS, scope, {
    Marker: input.Marker, MaxItems: input.MaxItems, prefix: groupMembersPrefix(group.GroupName),
  });
  const users: UserRecord[] = [];
  for (const userName of page.items) {
    const user = await ctx.tx.get<UserRecord>(USERS, scope, nameKey(userName));
    if (user) users.push(user);
  }
  return {
    Group: toGroup(group),
    Users: users.map((user) => toUser(user, 'list')),
    IsTruncated: page.IsTruncated,
    Marker: page.Marker,
  };
}
