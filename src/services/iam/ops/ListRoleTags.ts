import type { ListRoleTagsRequest, ListRoleTagsResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { DEFAULT_MAX_ITEMS } from '../domain/paging.js';
import { getRoleOrThrow } from '../domain/roles.js';
import { AwsError } from '../../../kernel/errors.js';

/** A role has at most 50 tags, so the marker is simply the position of the next tag. */
export async function ListRoleTags(input: ListRoleTagsRequest, ctx: HandlerContext): Promise<ListRoleTagsResponse> {
  const role = await getRoleOrThrow(ctx, input.RoleName);
  const start = input.Marker === undefined ? 0 : Number(input.Marker);
  if (!Number.isInteger(start) || start < 0 || start > role.Tags.length) throw new AwsError('InvalidInput', 'Invalid Marker.');
  const end = start + (input.MaxItems ?? DEFAULT_MAX_ITEMS);
  const truncated = end < role.Tags.length;
  return { Tags: role.Tags.slice(start, end), IsTruncated: truncated, Marker: truncated ? String(end) : undefined };
}
