import type {
  EntityType, GetAccountAuthorizationDetailsRequest, GetAccountAuthorizationDetailsResponse, GroupDetail, ManagedPolicyDetail, RoleDetail, UserDetail,
} from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import type { GroupRecord, PolicyRecord, UserRecord } from '../domain/entities.js';
import {
  PolicyUsage, SECTIONS, decodeDetailsMarker, encodeDetailsMarker, listSection, toAwsPolicyDetail, toCustomerPolicyDetail,
  toGroupDetail, toRoleDetail, toUserDetail, type Entry,
} from '../domain/authorization-details.js';
import { DEFAULT_MAX_ITEMS } from '../domain/paging.js';
import type { RoleRecord } from '../domain/roles.js';

/**
 * Users, groups, roles and managed policies of the account, optionally only some kinds
 * (Filter), paged with MaxItems/Marker over the kinds in that order: a page may end inside one
 * kind and the next page continues there.
 */
export async function GetAccountAuthorizationDetails(
  input: GetAccountAuthorizationDetailsRequest, ctx: HandlerContext,
): Promise<GetAccountAuthorizationDetailsResponse> {
  const wanted = new Set<EntityType>(input.Filter && input.Filter.length > 0 ? input.Filter : SECTIONS);
  const maxItems = input.MaxItems ?? DEFAULT_MAX_ITEMS;
  const start = input.Marker !== undefined ? decodeDetailsMarker(input.Marker) : undefined;
  const usage = new PolicyUsage(ctx);

  // One entry more than a page tells whether another page follows.
  const entries: Entry[] = [];
  for (let section = start?.section ?? 0; section < SECTIONS.length && entries.length <= maxItems; section++) {
    if (!wanted.has(SECTIONS[section])) continue;
    const after = start && section === start.section ? start.key : undefined;
    entries.push(...(await listSection(ctx, usage, section, after, maxItems + 1 - entries.length)));
  }
  const truncated = entries.length > maxItems;
  const page = entries.slice(0, maxItems);

  const users: UserDetail[] = [];
  const groups: GroupDetail[] = [];
  const roles: RoleDetail[] = [];
  const policies: ManagedPolicyDetail[] = [];
  for (const entry of page) {
    switch (SECTIONS[entry.section]) {
      case 'User':
        users.push(toUserDetail(entry.value as UserRecord));
        break;
      case 'Group':
        groups.push(toGroupDetail(entry.value as GroupRecord));
        break;
      case 'Role':
        roles.push(await toRoleDetail(ctx, entry.value as RoleRecord));
        break;
      case 'LocalManagedPolicy':
        policies.push(await toCustomerPolicyDetail(usage, entry.value as PolicyRecord));
        break;
      case 'AWSManagedPolicy': {
        const detail = await toAwsPolicyDetail(usage, entry.value as string);
        if (detail) policies.push(detail);
        break;
      }
    }
  }
  const last = page[page.length - 1];
  return {
    UserDetailList: users,
    GroupDetailList: groups,
    RoleDetailList: roles,
    Policies: policies,
    IsTruncated: truncated,
    Marker: truncated ? encodeDetailsMarker(last.section, last.key) : undefined,
  };
}
