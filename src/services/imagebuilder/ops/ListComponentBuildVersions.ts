import { AwsError } from '../../../kernel/errors.js';
import type { ListComponentBuildVersionsRequest, ListComponentBuildVersionsResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { COMPONENTS, componentKey, parseComponentArn, toComponentSummary, type ComponentRecord } from '../domain/components.js';
import { pageRecords } from '../domain/paging.js';
import { ibScope } from '../domain/scope.js';

export async function ListComponentBuildVersions(input: ListComponentBuildVersionsRequest, ctx: HandlerContext): Promise<ListComponentBuildVersionsResponse> {
  // Optional in the model, but there is nothing to list without it.
  if (!input.componentVersionArn) throw new AwsError('InvalidRequestException', "The request is missing the required parameter 'componentVersionArn'.");
  const arn = parseComponentArn(input.componentVersionArn);
  const mine = arn.region === ctx.scope.region && arn.owner === ctx.scope.account;
  const page = mine
    ? await pageRecords<ComponentRecord>(ctx.tx, COMPONENTS, ibScope(ctx.scope), {
      nextToken: input.nextToken, maxResults: input.maxResults, prefix: componentKey(arn.name, arn.version),
    })
    : { items: [] };
  return { requestId: ctx.scope.requestId, componentSummaryList: page.items.map(toComponentSummary), nextToken: page.nextToken };
}
