import type { ListUsersRequest, ListUsersResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { USERS, type UserRecord } from '../domain/entities.js';
import { pageCollection } from '../domain/paging.js';
import { iamScope } from '../domain/scope.js';
import { toUser } from '../domain/users-groups.js';

export async function ListUsers(input: ListUsersRequest, ctx: HandlerContext): Promise<ListUsersResponse> {
  const prefix = input.PathPrefix ?? '/';
  const page = await pageCollection<UserRecord>(ctx.tx, USERS, iamScope(ctx.scope), {
    Marker: input.Marker,
    MaxItems: input.MaxItems,
    filter: prefix === '/' ? undefined : (user) => user.Path.startsWith(prefix),
  });
  return { Users: page.items.map((user) => toUser(user, 'list')), IsTruncated: page.IsTruncated, Marker: page.Marker };
}
