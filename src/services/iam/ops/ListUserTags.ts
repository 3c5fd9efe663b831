import { AwsError } from '../../../kernel/errors.js';
import type { ListUserTagsRequest, ListUserTagsResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { getUserOrThrow } from '../domain/entities.js';
import { DEFAULT_MAX_ITEMS } from '../domain/paging.js';

/** A user has at most 50 tags, so the marker is simply the position of the next tag (as ListRoleTags). */
export async function ListUserTags(input: ListUserTagsRequest, ctx: HandlerContext): Promise<ListUserTagsResponse> {
  const user = await getUserOrThrow(ctx, input.UserName);
  const start = input.Marker === undefined ? 0 : Number(input.Marker);
  if (!Number.isInteger(start) || start < 0 || start > user.Tags.length) throw new AwsError('InvalidInput', 'Invalid Marker.');
  const end = start + (input.MaxItems ?? DEFAULT_MAX_ITEMS);
  const truncated = end < user.Tags.length;
  return { Tags: user.Tags.slice(start, end), IsTruncated: truncated, Marker: truncated ? String(end) : undefined };
}
