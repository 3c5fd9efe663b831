import { AwsError } from '../../../kernel/errors.js';
import type { ListInstanceProfileTagsRequest, ListInstanceProfileTagsResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { getInstanceProfileOrThrow } from '../domain/entities.js';
import { DEFAULT_MAX_ITEMS } from '../domain/paging.js';

/** A profile has at most 50 tags, so the marker is the position of the next tag (as ListRoleTags). */
export async function ListInstanceProfileTags(input: ListInstanceProfileTagsRequest, ctx: HandlerContext): Promise<ListInstanceProfileTagsResponse> {
  const profile = await getInstanceProfileOrThrow(ctx, input.InstanceProfileName);
  const start = input.Marker === undefined ? 0 : Number(input.Marker);
  if (!Number.isInteger(start) || start < 0 || start > profile.Tags.length) throw new AwsError('InvalidInput', 'Invalid Marker.');
  const end = start + (input.MaxItems ?? DEFAULT_MAX_ITEMS);
  const truncated = end < profile.Tags.length;
  return { Tags: profile.Tags.slice(start, end), IsTruncated: truncated, Marker: truncated ? String(end) : undefined };
}
