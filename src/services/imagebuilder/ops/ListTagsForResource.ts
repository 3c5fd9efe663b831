import type { ListTagsForResourceRequest, ListTagsForResourceResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { findResource } from '../domain/tagged-resources.js';

/** The resource's tags (`{}` when it has none). */
export async function ListTagsForResource(input: ListTagsForResourceRequest, ctx: HandlerContext): Promise<ListTagsForResourceResponse> {
  const { record } = await findResource<{ arn: string; tags?: Record<string, string> }>(ctx, input.resourceArn);
  return { tags: record.tags ?? {} };
}
