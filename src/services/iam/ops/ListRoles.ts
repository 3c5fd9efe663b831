import type { ListRolesRequest, ListRolesResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { pageCollection } from '../domain/paging.js';
import { ROLES, toRole, type RoleRecord } from '../domain/roles.js';
import { iamScope } from '../domain/scope.js';

export async function ListRoles(input: ListRolesRequest, ctx: HandlerContext): Promise<ListRolesResponse> {
  const prefix = input.PathPrefix ?? '/';
  const page = await pageCollection<RoleRecord>(ctx.tx, ROLES, iamScope(ctx.scope), {
    Marker: input.Marker,
    MaxItems: input.MaxItems,
    filter: prefix === '/' ? undefined : (role) => role.Path.startsWith(prefix),
  });
  return { Roles: page.items.map((role) => toRole(role, 'list')), IsTruncated: page.IsTruncated, Marker: page.Marker };
}
