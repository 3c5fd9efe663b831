import type { ListInstanceProfilesRequest, ListInstanceProfilesResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { INSTANCE_PROFILES, type InstanceProfileRecord } from '../domain/entities.js';
import { toInstanceProfile } from '../domain/instance-profiles.js';
import { pageCollection } from '../domain/paging.js';
import { iamScope } from '../domain/scope.js';

/** Lists profiles in name order; like every IAM list operation it leaves out tags. */
export async function ListInstanceProfiles(input: ListInstanceProfilesRequest, ctx: HandlerContext): Promise<ListInstanceProfilesResponse> {
  const prefix = input.PathPrefix ?? '/';
  const page = await pageCollection<InstanceProfileRecord>(ctx.tx, INSTANCE_PROFILES, iamScope(ctx.scope), {
    Marker: input.Marker,
    MaxItems: input.MaxItems,
    filter: prefix === '/' ? undefined : (profile) => profile.Path.startsWith(prefix),
  });
  const profiles = [];
  for (const profile of page.items) profiles.push(await toInstanceProfile(ctx, profile, 'never'));
  return { InstanceProfiles: profiles, IsTruncated: page.IsTruncated, Marker: page.Marker };
}
