import type { ListImageBuildVersionsRequest, ListImageBuildVersionsResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { matchesFilters } from '../domain/filters.js';
import { IMAGE_FILTERS, imageKey, parseImageArn, toImageSummary } from '../domain/images.js';
import { pageRecords } from '../domain/paging.js';
import { IMAGES, type ImageRecord } from '../domain/records.js';
import { ibScope } from '../domain/scope.js';

/** The builds of one image version; without `imageVersionArn` (optional in the model), every build in the region. */
export async function ListImageBuildVersions(input: ListImageBuildVersionsRequest, ctx: HandlerContext): Promise<ListImageBuildVersionsResponse> {
  const arn = input.imageVersionArn ? parseImageArn(input.imageVersionArn, 'imageVersionArn') : undefined;
  const mine = !arn || (arn.region === ctx.scope.region && arn.owner === ctx.scope.account);
  const filters = input.filters ?? [];
  const page = mine
    ? await pageRecords<ImageRecord>(ctx.tx, IMAGES, ibScope(ctx.scope), {
      nextToken: input.nextToken, maxResults: input.maxResults,
      prefix: arn ? imageKey(arn.name, arn.version!) : undefined,
      filter: (i) => matchesFilters(i, filters, IMAGE_FILTERS),
    })
    : { items: [] };
  return { requestId: ctx.scope.requestId, imageSummaryList: page.items.map(toImageSummary), nextToken: page.nextToken };
}
