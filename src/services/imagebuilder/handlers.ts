/** Every imagebuilder operation in the model, and the file that implements it (or notImplemented). */
import type { ImageBuilderOperations } from '../../generated/imagebuilder.js';
import { CancelImageCreation } from './ops/CancelImageCreation.js';
import { CreateComponent } from './ops/CreateComponent.js';
import { CreateContainerRecipe } from './ops/CreateContainerRecipe.js';
import { CreateDistributionConfiguration } from './ops/CreateDistributionConfiguration.js';
import { CreateImage } from './ops/CreateImage.js';
import { CreateImagePipeline } from './ops/CreateImagePipeline.js';
import { CreateImageRecipe } from './ops/CreateImageRecipe.js';
import { CreateInfrastructureConfiguration } from './ops/CreateInfrastructureConfiguration.js';
import { DeleteComponent } from './ops/DeleteComponent.js';
import { DeleteContainerRecipe } from './ops/DeleteContainerRecipe.js';
import { DeleteDistributionConfiguration } from './ops/DeleteDistributionConfiguration.js';
import { DeleteImage } from './ops/DeleteImage.js';
import { DeleteImagePipeline } from './ops/DeleteImagePipeline.js';
import { DeleteImageRecipe } from './ops/DeleteImageRecipe.js';
import { DeleteInfrastructureConfiguration } from './ops/DeleteInfrastructureConfiguration.js';
import { GetComponent } from './ops/GetComponent.js';
import { GetComponentPolicy } from './ops/GetComponentPolicy.js';
import { GetContainerRecipe } from './ops/GetContainerRecipe.js';
import { GetContainerRecipePolicy } from './ops/GetContainerRecipePolicy.js';
import { GetDistributionConfiguration } from './ops/GetDistributionConfiguration.js';
import { GetImage } from './ops/GetImage.js';
import { GetImagePipeline } from './ops/GetImagePipeline.js';
import { GetImagePolicy } from './ops/GetImagePolicy.js';
import { GetImageRecipe } from './ops/GetImageRecipe.js';
import { GetImageRecipePolicy } from './ops/GetImageRecipePolicy.js';
import { GetInfrastructureConfiguration } from './ops/GetInfrastructureConfiguration.js';
import { GetWorkflowExecution } from './ops/GetWorkflowExecution.js';
import { GetWorkflowStepExecution } from './ops/GetWorkflowStepExecution.js';
import { ImportComponent } from './ops/ImportComponent.js';
import { ImportDiskImage } from './ops/ImportDiskImage.js';
import { ImportVmImage } from './ops/ImportVmImage.js';
import { ListComponentBuildVersions } from './ops/ListComponentBuildVersions.js';
import { ListComponents } from './ops/ListComponents.js';
import { ListContainerRecipes } from './ops/ListContainerRecipes.js';
import { ListDistributionConfigurations } from './ops/ListDistributionConfigurations.js';
import { ListImageBuildVersions } from './ops/ListImageBuildVersions.js';
import { ListImagePackages } from './ops/ListImagePackages.js';
import { ListImagePipelineImages } from './ops/ListImagePipelineImages.js';
import { ListImagePipelines } from './ops/ListImagePipelines.js';
import { ListImageRecipes } from './ops/ListImageRecipes.js';
import { ListImages } from './ops/ListImages.js';
import { ListInfrastructureConfigurations } from './ops/ListInfrastructureConfigurations.js';
import { ListTagsForResource } from './ops/ListTagsForResource.js';
import { ListWorkflowExecutions } from './ops/ListWorkflowExecutions.js';
import { ListWorkflowStepExecutions } from './ops/ListWorkflowStepExecutions.js';
import { PutComponentPolicy } from './ops/PutComponentPolicy.js';
import { PutContainerRecipePolicy } from './ops/PutContainerRecipePolicy.js';
import { PutImagePolicy } from './ops/PutImagePolicy.js';
import { PutImageRecipePolicy } from './ops/PutImageRecipePolicy.js';
import { StartImagePipelineExecution } from './ops/StartImagePipelineExecution.js';
import { TagResource } from './ops/TagResource.js';
import { UntagResource } from './ops/UntagResource.js';
import { UpdateDistributionConfiguration } from './ops/UpdateDistributionConfiguration.js';
import { UpdateImagePipeline } from './ops/UpdateImagePipeline.js';
import { UpdateInfrastructureConfiguration } from './ops/UpdateInfrastructureConfiguration.js';
import { CancelLifecycleExecution } from './ops/CancelLifecycleExecution.js';
import { CreateLifecyclePolicy } from './ops/CreateLifecyclePolicy.js';
import { DeleteLifecyclePolicy } from './ops/DeleteLifecyclePolicy.js';
import { GetLifecycleExecution } from './ops/GetLifecycleExecution.js';
import { GetLifecyclePolicy } from './ops/GetLifecyclePolicy.js';
import { ListLifecycleExecutionResources } from './ops/ListLifecycleExecutionResources.js';
import { ListLifecycleExecutions } from './ops/ListLifecycleExecutions.js';
import { ListLifecyclePolicies } from './ops/ListLifecyclePolicies.js';
import { StartResourceStateUpdate } from './ops/StartResourceStateUpdate.js';
import { UpdateLifecyclePolicy } from './ops/UpdateLifecyclePolicy.js';
import { notImplemented, type HandlerMap } from '../types.js';

export const imagebuilderHandlers = {
  CancelImageCreation,
  CancelLifecycleExecution,
  CreateComponent,
  CreateContainerRecipe,
  CreateDistributionConfiguration,
  CreateImage,
  CreateImagePipeline,
  CreateImageRecipe,
  CreateInfrastructureConfiguration,
  CreateLifecyclePolicy,
  CreateWorkflow: notImplemented,
  DeleteComponent,
  DeleteContainerRecipe,
  DeleteDistributionConfiguration,
  DeleteImage,
  DeleteImagePipeline,
  DeleteImageRecipe,
  DeleteInfrastructureConfiguration,
  DeleteLifecyclePolicy,
  DeleteWorkflow: notImplemented,
  DistributeImage: notImplemented,
  GetComponent,
  GetComponentPolicy,
  GetContainerRecipe,
  GetContainerRecipePolicy,
  GetDistributionConfiguration,
  GetImage,
  GetImagePipeline,
  GetImagePolicy,
  GetImageRecipe,
  GetImageRecipePolicy,
  GetInfrastructureConfiguration,
  GetLifecycleExecution,
  GetLifecyclePolicy,
  GetMarketplaceResource: notImplemented,
  GetWorkflow: notImplemented,
  GetWorkflowExecution,
  GetWorkflowStepExecution,
  ImportComponent,
  ImportDiskImage,
  ImportVmImage,
  ListComponentBuildVersions,
  ListComponents,
  ListContainerRecipes,
  ListDistributionConfigurations,
  ListImageBuildVersions,
  ListImagePackages,
  ListImagePipelineImages,
  ListImagePipelines,
  ListImageRecipes,
  ListImageScanFindingAggregations: notImplemented,
  ListImageScanFindings: notImplemented,
  ListImages,
  ListInfrastructureConfigurations,
  ListLifecycleExecutionResources,
  ListLifecycleExecutions,
  ListLifecyclePolicies,
  ListTagsForResource,
  ListWaitingWorkflowSteps: notImplemented,
  ListWorkflowBuildVersions: notImplemented,
  ListWorkflowExecutions,
  ListWorkflowStepExecutions,
  ListWorkflows: notImplemented,
  PutComponentPolicy,
  PutContainerRecipePolicy,
  PutImagePolicy,
  PutImageRecipePolicy,
  RetryImage: notImplemented,
  SendWorkflowStepAction: notImplemented,
  StartImagePipelineExecution,
  StartResourceStateUpdate,
  TagResource,
  UntagResource,
  UpdateDistributionConfiguration,
  UpdateImagePipeline,
  UpdateInfrastructureConfiguration,
  UpdateLifecyclePolicy,
} satisfies HandlerMap<ImageBuilderOperations>;
