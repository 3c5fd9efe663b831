import type { ListImagePipelinesRequest, ListImagePipelinesResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { matchesFilters } from '../domain/filters.js';
import { pageRecords } from '../domain/paging.js';
import { IMAGE_PIPELINES, type ImagePipelineRecord } from '../domain/records.js';
import { ibScope } from '../domain/scope.js';

const present = (value: string | undefined) => (value === undefined ? [] : [value]);

/** The filters the API reference documents for ListImagePipelines. */
const FILTERS = {
  description: (p: ImagePipelineRecord) => present(p.description),
  distributionConfigurationArn: (p: ImagePipelineRecord) => present(p.distributionConfigurationArn),
  imageRecipeArn: (p: ImagePipelineRecord) => present(p.imageRecipeArn),
  infrastructureConfigurationArn: (p: ImagePipelineRecord) => present(p.infrastructureConfigurationArn),
  name: (p: ImagePipelineRecord) => [p.name],
  status: (p: ImagePipelineRecord) => present(p.status),
};

export async function ListImagePipelines(input: ListImagePipelinesRequest, ctx: HandlerContext): Promise<ListImagePipelinesResponse> {
  const filters = input.filters ?? [];
  const page = await pageRecords<ImagePipelineRecord>(ctx.tx, IMAGE_PIPELINES, ibScope(ctx.scope), {
    nextToken: input.nextToken, maxResults: input.maxResults, filter: (p) => matchesFilters(p, filters, FILTERS),
  });
  return { requestId: ctx.scope.requestId, imagePipelineList: page.items, nextToken: page.nextToken };
}
