/**
 * Image Builder's authorization table: the resources each operation acts on and its condition
 * keys (Service Authorization Reference, "Actions defined by Amazon EC2 Image Builder"). One
 * table for the service rather than a declaration beside each handler, so the operation files
 * stay about the operation and the whole authorization surface can be audited here.
 *
 * Creates carry `aws:RequestTag/*`, `aws:TagKeys`, `imagebuilder:CreatedResourceTagKeys` and
 * `imagebuilder:CreatedResourceTag/*` from their `tags`. A component create is evaluated on the
 * ARN of the build it will make (`component/<name>/<version>/<next build>`); list operations on
 * `arn:aws:imagebuilder:<region>:<acct>:component/*`. Operations not listed act on `*`.
 */
import type * as T from '../../generated/imagebuilder.js';
import type { ConditionValues } from '../../policy/types.js';
import { requestTagValues, tagValues, type AuthorizationTable, type OperationAuthorization, type ResourceRef } from '../authorization.js';
import type { HandlerContext } from '../types.js';
import { buildsOf, findComponent } from './domain/components.js';
import { arnName, ibArn } from './domain/scope.js';

/** The tag keys of a create: the request's tags, and the tags of the resource it creates. */
function createdTags(tags: Record<string, string> | undefined): ConditionValues {
  if (tags === undefined) return {};
  return { ...requestTagValues(tags), 'imagebuilder:CreatedResourceTagKeys': Object.keys(tags), ...tagValues('imagebuilder:CreatedResourceTag', tags) };
}

/** A component build or version ARN, with the tags of the build it names when there is one. */
async function componentRef(ctx: HandlerContext, arn: string): Promise<ResourceRef> {
  try {
    const record = await findComponent(ctx, arn);
    return { arn, values: tagValues('aws:ResourceTag', record.tags) };
  } catch {
    // Missing or malformed: the handler answers for it, once the caller may ask.
    return { arn };
  }
}

const allComponents = (_i: unknown, ctx: HandlerContext) => [ibArn(ctx.scope, 'component/*')];
const creates: OperationAuthorization<{ tags?: Record<string, string> }> = { conditions: (i) => createdTags(i.tags) };

export const imagebuilderAuthorization: AuthorizationTable = {
  CreateComponent: {
    resources: async (i: T.CreateComponentRequest, ctx) => {
      const builds = await buildsOf(ctx, i.name, i.semanticVersion);
      const next = builds.length === 0 ? 1 : builds[builds.length - 1].build + 1;
      return [ibArn(ctx.scope, `component/${arnName(i.name)}/${i.semanticVersion}/${next}`)];
    },
    conditions: (i: T.CreateComponentRequest) => createdTags(i.tags),
  },
  GetComponent: { resources: async (i: T.GetComponentRequest, ctx) => [await componentRef(ctx, i.componentBuildVersionArn)] },
  DeleteComponent: { resources: async (i: T.DeleteComponentRequest, ctx) => [await componentRef(ctx, i.componentBuildVersionArn)] },
  ListComponents: { resources: allComponents },
  ListComponentBuildVersions: {
    resources: (i: T.ListComponentBuildVersionsRequest, ctx) => (i.componentVersionArn ? [i.componentVersionArn] : allComponents(i, ctx)),
  },

  // Creates Kiln does not implement yet still carry their tag keys.
  CreateContainerRecipe: creates, CreateDistributionConfiguration: creates, CreateImage: creates, CreateImagePipeline: creates,
  CreateImageRecipe: creates, CreateInfrastructureConfiguration: creates, CreateLifecyclePolicy: creates, CreateWorkflow: creates,

  TagResource: { resources: (i: T.TagResourceRequest) => [i.resourceArn], conditions: (i: T.TagResourceRequest) => requestTagValues(i.tags) },
  UntagResource: { resources: (i: T.UntagResourceRequest) => [i.resourceArn], conditions: (i: T.UntagResourceRequest) => ({ 'aws:TagKeys': i.tagKeys }) },
  ListTagsForResource: { resources: (i: T.ListTagsForResourceRequest) => [i.resourceArn] },
};
