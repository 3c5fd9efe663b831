import type { UntagResourceRequest, UntagResourceResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { ibScope } from '../domain/scope.js';
import { findResource } from '../domain/tagged-resources.js';

/** Removes tags by key; keys the resource does not have are ignored, as AWS's tagging APIs do. */
export async function UntagResource(input: UntagResourceRequest, ctx: HandlerContext): Promise<UntagResourceResponse> {
  const { collection, key, record } = await findResource<{ arn: string; tags?: Record<string, string> }>(ctx, input.resourceArn);
  const remove = new Set(input.tagKeys);
  const tags = Object.fromEntries(Object.entries(record.tags ?? {}).filter(([k]) => !remove.has(k)));
  await ctx.tx.put(collection, ibScope(ctx.scope), key, { ...record, tags });
  return {};
}
