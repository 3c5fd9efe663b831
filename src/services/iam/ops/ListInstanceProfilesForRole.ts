import type { InstanceProfile, ListInstanceProfilesForRoleRequest, ListInstanceProfilesForRoleResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { pageArray } from '../domain/array-paging.js';
import { nameKey } from '../domain/entities.js';
import { findInstanceProfile, toInstanceProfile } from '../domain/instance-profiles.js';
import { getRoleOrThrow } from '../domain/roles.js';

/** The profiles that hold the role, in name order, without tags (as the other list operations). */
export async function ListInstanceProfilesForRole(input: ListInstanceProfilesForRoleRequest, ctx: HandlerContext): Promise<ListInstanceProfilesForRoleResponse> {
  const role = await getRoleOrThrow(ctx, input.RoleName);
  const page = pageArray(role.InstanceProfileNames, nameKey, { Marker: input.Marker, MaxItems: input.MaxItems });
  const profiles: InstanceProfile[] = [];
  for (const name of page.items) {
    const found = await findInstanceProfile(ctx, name);
    if (found) profiles.push(await toInstanceProfile(ctx, found.profile, 'never'));
  }
  return { InstanceProfiles: profiles, IsTruncated: page.IsTruncated, Marker: page.Marker };
}
