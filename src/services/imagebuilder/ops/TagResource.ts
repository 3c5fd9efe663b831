import { AwsError } from '../../../kernel/errors.js';
import type { TagResourceRequest, TagResourceResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { ibScope } from '../domain/scope.js';
import { findResource } from '../domain/tagged-resources.js';

/** Tags per resource, as the model's TagMap allows (AWS's tagging limit of 50 user tags). */
export const MAX_TAGS = 50;

/**
 * Adds tags to a resource, replacing the values of keys it has already. The model refuses `aws:`
 * keys and more than 50 tags in one request; a request that would leave the resource with more
 * than 50 is refused here (InvalidParameterException, the tag operations' own parameter error in
 * the model; the wording is Kiln's).
 */
export async function TagResource(input: TagResourceRequest, ctx: HandlerContext): Promise<TagResourceResponse> {
  const { collection, key, record } = await findResource<{ arn: string; tags?: Record<string, string> }>(ctx, input.resourceArn);
  const tags = { ...(record.tags ?? {}), ...input.tags };
  const count = Object.keys(tags).length;
  if (count > MAX_TAGS) {
    throw new AwsError('InvalidParameterException', `The resource '${input.resourceArn}' can have at most ${MAX_TAGS} tags; this request would leave it with ${count}.`);
  }
  await ctx.tx.put(collection, ibScope(ctx.scope), key, { ...record, tags });
  return {};
}
