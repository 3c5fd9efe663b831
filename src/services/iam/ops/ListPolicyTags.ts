import type { ListPolicyTagsRequest, ListPolicyTagsResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { binaryCompare, getPolicyOrThrow, pageList } from '../domain/policies.js';

/** Tags sorted by key (AWS lists `A` before `a`, LS-SNAP); AWS managed policies have none. */
export async function ListPolicyTags(input: ListPolicyTagsRequest, ctx: HandlerContext): Promise<ListPolicyTagsResponse> {
  const { record } = await getPolicyOrThrow(ctx, input.PolicyArn);
  const tags = [...record.Tags].sort((a, b) => binaryCompare(a.Key, b.Key));
  const page = pageList(tags, (tag) => tag.Key, input, binaryCompare);
  return { Tags: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
}
