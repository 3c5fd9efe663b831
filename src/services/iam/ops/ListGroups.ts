import type { ListGroupsRequest, ListGroupsResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { GROUPS, type GroupRecord } from '../domain/entities.js';
import { pageCollection } from '../domain/paging.js';
import { iamScope } from '../domain/scope.js';
import { toGroup } from '../domain/users-groups.js';

export async function ListGroups(input: ListGroupsRequest, ctx: HandlerContext): Promise<ListGroupsResponse> {
  const prefix = input.PathPrefix ?? '/';
  const page = await pageCollection<GroupRecord>(ctx.tx, GROUPS, iamScope(ctx.scope), {
    Marker: input.Marker,
    MaxItems: input.MaxItems,
    filter: prefix === '/' ? undefined : (group) => group.Path.startsWith(prefix),
  });
  return { Groups: page.items.map(toGroup), IsTruncated: page.IsTruncated, Marker: page.Marker };
}
