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
import { findUnversioned, unversionedArn, type UnversionedType } from './domain/configurations.js';
import { findRecipe, recipeArn, type RecipeKind } from './domain/recipes.js';
import { arnName, ibArn, ibScope } from './domain/scope.js';
import { WORKFLOWS, findResource } from './domain/tagged-resources.js';
import { findWorkflow, workflowKey, type WorkflowRecord } from './domain/workflows.js';
import { requireRecipe } from './domain/build-inputs.js';
import { importArnName } from './domain/builds.js';
import { peekBuildNumber } from './domain/image-versions.js';
import { findImageOrUndefined } from './domain/images.js';
import { lifecyclePolicyArn } from './domain/lifecycle-policies.js';

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

/** An infrastructure configuration, distribution configuration or pipeline ARN, with the resource's tags when it exists. */
async function unversionedRef(ctx: HandlerContext, type: UnversionedType, arn: string): Promise<ResourceRef> {
  const record = await findUnversioned<{ tags?: Record<string, string> }>(ctx, type, arn);
  return record ? { arn, values: tagValues('aws:ResourceTag', record.tags ?? {}) } : { arn };
}

/** A recipe ARN, with the tags of the recipe it names when it exists. */
async function recipeRef(ctx: HandlerContext, kind: RecipeKind, arn: string): Promise<ResourceRef> {
  try {
    const { record } = await findRecipe(ctx, kind, arn);
    return { arn, values: tagValues('aws:ResourceTag', record.tags ?? {}) };
  } catch {
    return { arn };
  }
}

/** Any taggable resource ARN (tagged-resources.ts), with the resource's tags when it exists. */
async function taggedRef(ctx: HandlerContext, arn: string): Promise<ResourceRef> {
  try {
    const { record } = await findResource<{ arn: string; tags?: Record<string, string> }>(ctx, arn);
    return { arn, values: tagValues('aws:ResourceTag', record.tags ?? {}) };
  } catch {
    return { arn };
  }
}

/** An image ARN, with the tags of the build it names when there is one. */
async function imageRef(ctx: HandlerContext, arn: string): Promise<ResourceRef> {
  try {
    const record = await findImageOrUndefined(ctx, arn);
    return record ? { arn, values: tagValues('aws:ResourceTag', record.tags ?? {}) } : { arn };
  } catch {
    return { arn };
  }
}

/** The image build a CreateImage will make (`image/<recipe name>/<version>/<next build>`), or `image/*` when the recipe is missing. */
async function nextImageArn(ctx: HandlerContext, i: T.CreateImageRequest): Promise<string> {
  try {
    const { record } = await requireRecipe(ctx, i);
    const name = arnName(record.name!);
    return ibArn(ctx.scope, `image/${name}/${record.version}/${await peekBuildNumber(ctx, name, record.version!)}`);
  } catch {
    return ibArn(ctx.scope, 'image/*');
  }
}

/** The image build an import will make. */
async function nextImportArn(ctx: HandlerContext, i: { name: string; semanticVersion: string }): Promise<string> {
  const name = importArnName(i.name);
  return ibArn(ctx.scope, `image/${name}/${i.semanticVersion}/${await peekBuildNumber(ctx, name, i.semanticVersion)}`);
}

/** A workflow ARN, with the tags of the build it names when there is one. */
async function workflowRef(ctx: HandlerContext, arn: string): Promise<ResourceRef> {
  try {
    const record = await findWorkflow(ctx, arn);
    return { arn, values: tagValues('aws:ResourceTag', record.tags) };
  } catch {
    return { arn };
  }
}

/** The workflow build a CreateWorkflow will make (`workflow/<type>/<name>/<version>/<next build>`). */
async function nextWorkflowArn(ctx: HandlerContext, i: T.CreateWorkflowRequest): Promise<string> {
  const builds = await ctx.tx.list<WorkflowRecord>(WORKFLOWS, ibScope(ctx.scope), { prefix: workflowKey(i.type, i.name, i.semanticVersion) });
  return ibArn(ctx.scope, `workflow/${i.type.toLowerCase()}/${arnName(i.name)}/${i.semanticVersion}/${(builds.at(-1)?.value.build ?? 0) + 1}`);
}

const allComponents = (_i: unknown, ctx: HandlerContext) => [ibArn(ctx.scope, 'component/*')];

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

  // Infrastructure configurations, distribution configurations and image pipelines: creates on
  // the ARN they will make, the others on the resource they name, lists on `<type>/*`.
  CreateInfrastructureConfiguration: {
    resources: (i: T.CreateInfrastructureConfigurationRequest, ctx) => [unversionedArn(ctx, 'infrastructure-configuration', i.name)],
    conditions: (i: T.CreateInfrastructureConfigurationRequest) => createdTags(i.tags),
  },
  UpdateInfrastructureConfiguration: {
    resources: async (i: T.UpdateInfrastructureConfigurationRequest, ctx) => [await unversionedRef(ctx, 'infrastructure-configuration', i.infrastructureConfigurationArn)],
  },
  GetInfrastructureConfiguration: {
    resources: async (i: T.GetInfrastructureConfigurationRequest, ctx) => [await unversionedRef(ctx, 'infrastructure-configuration', i.infrastructureConfigurationArn)],
  },
  DeleteInfrastructureConfiguration: {
    resources: async (i: T.DeleteInfrastructureConfigurationRequest, ctx) => [await unversionedRef(ctx, 'infrastructure-configuration', i.infrastructureConfigurationArn)],
  },
  ListInfrastructureConfigurations: { resources: (_i: unknown, ctx) => [ibArn(ctx.scope, 'infrastructure-configuration/*')] },
  CreateDistributionConfiguration: {
    resources: (i: T.CreateDistributionConfigurationRequest, ctx) => [unversionedArn(ctx, 'distribution-configuration', i.name)],
    conditions: (i: T.CreateDistributionConfigurationRequest) => createdTags(i.tags),
  },
  UpdateDistributionConfiguration: {
    resources: async (i: T.UpdateDistributionConfigurationRequest, ctx) => [await unversionedRef(ctx, 'distribution-configuration', i.distributionConfigurationArn)],
  },
  GetDistributionConfiguration: {
    resources: async (i: T.GetDistributionConfigurationRequest, ctx) => [await unversionedRef(ctx, 'distribution-configuration', i.distributionConfigurationArn)],
  },
  DeleteDistributionConfiguration: {
    resources: async (i: T.DeleteDistributionConfigurationRequest, ctx) => [await unversionedRef(ctx, 'distribution-configuration', i.distributionConfigurationArn)],
  },
  ListDistributionConfigurations: { resources: (_i: unknown, ctx) => [ibArn(ctx.scope, 'distribution-configuration/*')] },
  CreateImagePipeline: {
    resources: (i: T.CreateImagePipelineRequest, ctx) => [unversionedArn(ctx, 'image-pipeline', i.name)],
    conditions: (i: T.CreateImagePipelineRequest) => createdTags(i.tags),
  },
  UpdateImagePipeline: { resources: async (i: T.UpdateImagePipelineRequest, ctx) => [await unversionedRef(ctx, 'image-pipeline', i.imagePipelineArn)] },
  GetImagePipeline: { resources: async (i: T.GetImagePipelineRequest, ctx) => [await unversionedRef(ctx, 'image-pipeline', i.imagePipelineArn)] },
  DeleteImagePipeline: { resources: async (i: T.DeleteImagePipelineRequest, ctx) => [await unversionedRef(ctx, 'image-pipeline', i.imagePipelineArn)] },
  ListImagePipelines: { resources: (_i: unknown, ctx) => [ibArn(ctx.scope, 'image-pipeline/*')] },
  ListImagePipelineImages: {
    resources: async (i: T.ListImagePipelineImagesRequest, ctx) => [await unversionedRef(ctx, 'image-pipeline', i.imagePipelineArn)],
  },

  // Workflows: a create on the build it will make, the others on the workflow they name with its
  // tags (Amazon's managed workflows have none), lists on `workflow/*`; answering a waiting step
  // acts on the image.
  CreateWorkflow: {
    resources: async (i: T.CreateWorkflowRequest, ctx) => [await nextWorkflowArn(ctx, i)],
    conditions: (i: T.CreateWorkflowRequest) => createdTags(i.tags),
  },
  GetWorkflow: { resources: async (i: T.GetWorkflowRequest, ctx) => [await workflowRef(ctx, i.workflowBuildVersionArn)] },
  DeleteWorkflow: { resources: async (i: T.DeleteWorkflowRequest, ctx) => [await workflowRef(ctx, i.workflowBuildVersionArn)] },
  ListWorkflows: { resources: (_i: unknown, ctx) => [ibArn(ctx.scope, 'workflow/*')] },
  ListWorkflowBuildVersions: {
    resources: (i: T.ListWorkflowBuildVersionsRequest, ctx) => [i.workflowVersionArn ?? ibArn(ctx.scope, 'workflow/*')],
  },
  SendWorkflowStepAction: { resources: async (i: T.SendWorkflowStepActionRequest, ctx) => [await imageRef(ctx, i.imageBuildVersionArn)] },

  // Lifecycle policies on the policy (its tags once it exists), StartResourceStateUpdate on the
  // image, executions on `lifecycle-execution/<id>` (the Service Authorization Reference's
  // lifecycleExecution resource), ListLifecycleExecutions on the resource it lists for.
  CreateLifecyclePolicy: {
    resources: (i: T.CreateLifecyclePolicyRequest, ctx) => [lifecyclePolicyArn(ctx, i.name)],
    conditions: (i: T.CreateLifecyclePolicyRequest) => createdTags(i.tags),
  },
  UpdateLifecyclePolicy: { resources: async (i: T.UpdateLifecyclePolicyRequest, ctx) => [await taggedRef(ctx, i.lifecyclePolicyArn)] },
  GetLifecyclePolicy: { resources: async (i: T.GetLifecyclePolicyRequest, ctx) => [await taggedRef(ctx, i.lifecyclePolicyArn)] },
  DeleteLifecyclePolicy: { resources: async (i: T.DeleteLifecyclePolicyRequest, ctx) => [await taggedRef(ctx, i.lifecyclePolicyArn)] },
  ListLifecyclePolicies: { resources: (_i: unknown, ctx) => [ibArn(ctx.scope, 'lifecycle-policy/*')] },
  StartResourceStateUpdate: { resources: async (i: T.StartResourceStateUpdateRequest, ctx) => [await imageRef(ctx, i.resourceArn)] },
  ListLifecycleExecutions: { resources: async (i: T.ListLifecycleExecutionsRequest, ctx) => [await taggedRef(ctx, i.resourceArn)] },
  GetLifecycleExecution: { resources: (i: T.GetLifecycleExecutionRequest, ctx) => [ibArn(ctx.scope, `lifecycle-execution/${i.lifecycleExecutionId}`)] },
  ListLifecycleExecutionResources: {
    resources: (i: T.ListLifecycleExecutionResourcesRequest, ctx) => [ibArn(ctx.scope, `lifecycle-execution/${i.lifecycleExecutionId}`)],
  },
  CancelLifecycleExecution: { resources: (i: T.CancelLifecycleExecutionRequest, ctx) => [ibArn(ctx.scope, `lifecycle-execution/${i.lifecycleExecutionId}`)] },

  // Images and builds: creates on the image build they will make (and the recipe and
  // configurations they read), the others on the image with its tags; workflow executions on
  // `workflow-execution/<id>` and `workflow-step-execution/<id>`, as the Service Authorization
  // Reference names them.
  CreateImage: {
    resources: async (i: T.CreateImageRequest, ctx) => [
      await nextImageArn(ctx, i), await recipeRef(ctx, i.imageRecipeArn ? 'image-recipe' : 'container-recipe', (i.imageRecipeArn ?? i.containerRecipeArn)!),
      await unversionedRef(ctx, 'infrastructure-configuration', i.infrastructureConfigurationArn),
      ...(i.distributionConfigurationArn ? [await unversionedRef(ctx, 'distribution-configuration', i.distributionConfigurationArn)] : []),
    ],
    conditions: (i: T.CreateImageRequest) => createdTags(i.tags),
  },
  GetImage: { resources: async (i: T.GetImageRequest, ctx) => [await imageRef(ctx, i.imageBuildVersionArn)] },
  DeleteImage: { resources: async (i: T.DeleteImageRequest, ctx) => [await imageRef(ctx, i.imageBuildVersionArn)] },
  CancelImageCreation: { resources: async (i: T.CancelImageCreationRequest, ctx) => [await imageRef(ctx, i.imageBuildVersionArn)] },
  ListImagePackages: { resources: async (i: T.ListImagePackagesRequest, ctx) => [await imageRef(ctx, i.imageBuildVersionArn)] },
  ListWorkflowExecutions: { resources: async (i: T.ListWorkflowExecutionsRequest, ctx) => [await imageRef(ctx, i.imageBuildVersionArn)] },
  ListImages: { resources: (_i: unknown, ctx) => [ibArn(ctx.scope, 'image/*')] },
  ListImageBuildVersions: {
    resources: (i: T.ListImageBuildVersionsRequest, ctx) => [i.imageVersionArn ?? ibArn(ctx.scope, 'image/*')],
  },
  ImportVmImage: {
    resources: async (i: T.ImportVmImageRequest, ctx) => [await nextImportArn(ctx, i)],
    conditions: (i: T.ImportVmImageRequest) => createdTags(i.tags),
  },
  ImportDiskImage: {
    resources: async (i: T.ImportDiskImageRequest, ctx) => [
      await nextImportArn(ctx, i),
      await unversionedRef(ctx, 'infrastructure-configuration', i.infrastructureConfigurationArn),
    ],
    conditions: (i: T.ImportDiskImageRequest) => createdTags(i.tags),
  },
  // DistributeImage reads the source image and the distribution configuration it applies (a
  // source given as an AMI id or SSM parameter is no Image Builder resource: `image/*`).
  DistributeImage: {
    resources: async (i: T.DistributeImageRequest, ctx) => [
      i.sourceImage.startsWith('arn:') ? await imageRef(ctx, i.sourceImage) : ibArn(ctx.scope, 'image/*'),
      await unversionedRef(ctx, 'distribution-configuration', i.distributionConfigurationArn),
    ],
    conditions: (i: T.DistributeImageRequest) => createdTags(i.tags),
  },
  RetryImage: { resources: async (i: T.RetryImageRequest, ctx) => [await imageRef(ctx, i.imageBuildVersionArn)] },
  StartImagePipelineExecution: {
    resources: async (i: T.StartImagePipelineExecutionRequest, ctx) => [await unversionedRef(ctx, 'image-pipeline', i.imagePipelineArn)],
    conditions: (i: T.StartImagePipelineExecutionRequest) => createdTags(i.tags),
  },
  GetWorkflowExecution: { resources: (i: T.GetWorkflowExecutionRequest, ctx) => [ibArn(ctx.scope, `workflow-execution/${i.workflowExecutionId}`)] },
  ListWorkflowStepExecutions: {
    resources: (i: T.ListWorkflowStepExecutionsRequest, ctx) => [ibArn(ctx.scope, `workflow-execution/${i.workflowExecutionId}`)],
  },
  GetWorkflowStepExecution: {
    resources: (i: T.GetWorkflowStepExecutionRequest, ctx) => [ibArn(ctx.scope, `workflow-step-execution/${i.stepExecutionId}`)],
  },

  // Recipes, resource policies, tags and ImportComponent: creates on the ARN they will make (an
  // import on its next build, as CreateComponent), the others on the resource they name with its
  // tags, lists on `<type>/*`.
  CreateImageRecipe: {
    resources: (i: T.CreateImageRecipeRequest, ctx) => [recipeArn(ctx.scope, 'image-recipe', i.name, i.semanticVersion)],
    conditions: (i: T.CreateImageRecipeRequest) => createdTags(i.tags),
  },
  GetImageRecipe: { resources: async (i: T.GetImageRecipeRequest, ctx) => [await recipeRef(ctx, 'image-recipe', i.imageRecipeArn)] },
  DeleteImageRecipe: { resources: async (i: T.DeleteImageRecipeRequest, ctx) => [await recipeRef(ctx, 'image-recipe', i.imageRecipeArn)] },
  ListImageRecipes: { resources: (_i: unknown, ctx) => [ibArn(ctx.scope, 'image-recipe/*')] },
  PutImageRecipePolicy: { resources: async (i: T.PutImageRecipePolicyRequest, ctx) => [await recipeRef(ctx, 'image-recipe', i.imageRecipeArn)] },
  GetImageRecipePolicy: { resources: async (i: T.GetImageRecipePolicyRequest, ctx) => [await recipeRef(ctx, 'image-recipe', i.imageRecipeArn)] },
  CreateContainerRecipe: {
    resources: (i: T.CreateContainerRecipeRequest, ctx) => [recipeArn(ctx.scope, 'container-recipe', i.name, i.semanticVersion)],
    conditions: (i: T.CreateContainerRecipeRequest) => createdTags(i.tags),
  },
  GetContainerRecipe: { resources: async (i: T.GetContainerRecipeRequest, ctx) => [await recipeRef(ctx, 'container-recipe', i.containerRecipeArn)] },
  DeleteContainerRecipe: { resources: async (i: T.DeleteContainerRecipeRequest, ctx) => [await recipeRef(ctx, 'container-recipe', i.containerRecipeArn)] },
  ListContainerRecipes: { resources: (_i: unknown, ctx) => [ibArn(ctx.scope, 'container-recipe/*')] },
  PutContainerRecipePolicy: { resources: async (i: T.PutContainerRecipePolicyRequest, ctx) => [await recipeRef(ctx, 'container-recipe', i.containerRecipeArn)] },
  GetContainerRecipePolicy: { resources: async (i: T.GetContainerRecipePolicyRequest, ctx) => [await recipeRef(ctx, 'container-recipe', i.containerRecipeArn)] },
  PutComponentPolicy: { resources: async (i: T.PutComponentPolicyRequest, ctx) => [await componentRef(ctx, i.componentArn)] },
  GetComponentPolicy: { resources: async (i: T.GetComponentPolicyRequest, ctx) => [await componentRef(ctx, i.componentArn)] },
  PutImagePolicy: { resources: async (i: T.PutImagePolicyRequest, ctx) => [await taggedRef(ctx, i.imageArn)] },
  GetImagePolicy: { resources: async (i: T.GetImagePolicyRequest, ctx) => [await taggedRef(ctx, i.imageArn)] },
  ImportComponent: {
    resources: async (i: T.ImportComponentRequest, ctx) => {
      const builds = await buildsOf(ctx, i.name, i.semanticVersion);
      const next = builds.length === 0 ? 1 : builds[builds.length - 1].build + 1;
      return [ibArn(ctx.scope, `component/${arnName(i.name)}/${i.semanticVersion}/${next}`)];
    },
    conditions: (i: T.ImportComponentRequest) => createdTags(i.tags),
  },
  TagResource: {
    resources: async (i: T.TagResourceRequest, ctx) => [await taggedRef(ctx, i.resourceArn)],
    conditions: (i: T.TagResourceRequest) => requestTagValues(i.tags),
  },
  UntagResource: {
    resources: async (i: T.UntagResourceRequest, ctx) => [await taggedRef(ctx, i.resourceArn)],
    conditions: (i: T.UntagResourceRequest) => ({ 'aws:TagKeys': i.tagKeys }),
  },
  ListTagsForResource: { resources: async (i: T.ListTagsForResourceRequest, ctx) => [await taggedRef(ctx, i.resourceArn)] },
};
