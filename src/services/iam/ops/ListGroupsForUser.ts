import type { ListGroupsForUserRequest, ListGroupsForUserResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { pageArray } from '../domain/array-paging.js';
import { GROUPS, getUserOrThrow, nameKey, type GroupRecord } from '../domain/entities.js';
import { iamScope } from '../domain/scope.js';
import { toGroup } from '../domain/users-groups.js';

/** A user's groups (at most 10, kept on the user record), in name order. */
export async function ListGroupsForUser(input: ListGroupsForUserRequest, ctx: HandlerContext): Promise<ListGroupsForUserResponse> {
  const user = await getUserOrThrow(ctx, input.UserName);
  const page = pageArray(user.GroupNames, nameKey, input);
  const groups: GroupRecord[] = [];
  for (const name of page.items) {
    const group = await ctx.tx.get<GroupRecord>(GROUPS, iamScope(ctx.scope), nameKey(name));
    if (group) groups.push(group);
  }
  return { Groups: groups.map(toGroup), IsTruncated: page.IsTruncated, Marker: page.Marker };
}
