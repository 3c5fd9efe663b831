import type { ImageSummary, ListImagePipelineImagesRequest, ListImagePipelineImagesResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { getImagePipeline } from '../domain/configurations.js';
import { matchesFilters } from '../domain/filters.js';
import { pageRecords } from '../domain/paging.js';
import { IMAGES, type ImageRecord } from '../domain/records.js';
import { ibScope } from '../domain/scope.js';

/**
 * The API reference documents the filters `name` and `version`; a version matches as the
 * semantic version (`1.0.0`) or as Image.version reads it (`1.0.0/2`).
 */
const FILTERS = {
  name: (i: ImageRecord) => (i.name === undefined ? [] : [i.name]),
  version: (i: ImageRecord) => [i.semanticVersion, ...(i.version === undefined ? [] : [i.version])],
};

function toImageSummary(image: ImageRecord, owner: string): ImageSummary {
  return {
    arn: image.arn, name: image.name, type: image.type, version: image.version, platform: image.platform, osVersion: image.osVersion,
    state: image.state, owner, dateCreated: image.dateCreated, outputResources: image.outputResources, tags: image.tags,
    buildType: image.buildType, imageSource: image.imageSource,
    // A timestamp member: a record holds it in its JSON (ISO string) form.
    deprecationTime: image.deprecationTime === undefined ? undefined : new Date(image.deprecationTime),
    lifecycleExecutionId: image.lifecycleExecutionId, loggingConfiguration: image.loggingConfiguration,
  };
}

/** The images a pipeline built (its ARN as sourcePipelineArn), in name, version and build order. */
export async function ListImagePipelineImages(input: ListImagePipelineImagesRequest, ctx: HandlerContext): Promise<ListImagePipelineImagesResponse> {
  const pipeline = await getImagePipeline(ctx, input.imagePipelineArn);
  const filters = input.filters ?? [];
  const page = await pageRecords<ImageRecord>(ctx.tx, IMAGES, ibScope(ctx.scope), {
    nextToken: input.nextToken, maxResults: input.maxResults,
    filter: (i) => i.sourcePipelineArn === pipeline.arn && matchesFilters(i, filters, FILTERS),
  });
  return {
    requestId: ctx.scope.requestId,
    imageSummaryList: page.items.map((i) => toImageSummary(i, ctx.scope.account)),
    nextToken: page.nextToken,
  };
}
