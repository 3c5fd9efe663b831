import type { ListRolesRequest, ListRolesResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { pageCollection } from '../domain/paging.js';
import { ROLES, toRole, type RoleRecord } from '../domain/roles.js';
import { iamScope } from '../domain/scope.js';

/** A page is up to 1,000 roles (about 0.5 MB of XML): only a few pages are kept. */
const REMEMBERED_PAGES = 32;

/** Pages are remembered until a role changes: tools list every role again on each run. */
export async function ListRoles(input: ListRolesRequest, ctx: HandlerContext): Promise<ListRolesResponse> {
  const prefix = input.PathPrefix ?? '/';
  const scope = iamScope(ctx.scope);
  return ctx.remember([ROLES], JSON.stringify([scope, prefix, input.MaxItems, input.Marker]), async () => {
    const page = await pageCollection<RoleRecord>(ctx.tx, ROLES, scope, {
      Marker: input.Marker,
      MaxItems: input.MaxItems,
      filter: prefix === '/' ? undefined : (role) => role.Path.startsWith(prefix),
    });
    return { Roles: page.items.map((role) => toRole(role, 'list')), IsTruncated: page.IsTruncated, Marker: page.Marker };
  }, { maxEntries: REMEMBERED_PAGES });
}
