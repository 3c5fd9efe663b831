/** Every imagebuilder operation in the model, and the file that implements it. */
import type { ImageBuilderOperations } from '../../generated/imagebuilder.js';
import { CancelImageCreation } from './ops/CancelImageCreation.js';
import { CreateComponent } from './ops/CreateComponent.js';
import { CreateContainerRecipe } from './ops/CreateContainerRecipe.js';
import { CreateDistributionConfiguration } from './ops/CreateDistributionConfiguration.js';
import { CreateImage } from './ops/CreateImage.js';
import { CreateImagePipeline } from './ops/CreateImagePipeline.js';
import { CreateImageRecipe } from './ops/CreateImageRecipe.js';
import { CreateInfrastructureConfiguration } from './ops/CreateInfrastructureConfiguration.js';
import { CreateWorkflow } from './ops/CreateWorkflow.js';
import { DeleteComponent } from './ops/DeleteComponent.js';
import { DeleteContainerRecipe } from './ops/DeleteContainerRecipe.js';
import { DeleteDistributionConfiguration } from './ops/DeleteDistributionConfiguration.js';
import { DeleteImage } from './ops/DeleteImage.js';
import { DeleteImagePipeline } from './ops/DeleteImagePipeline.js';
import { DeleteImageRecipe } from './ops/DeleteImageRecipe.js';
import { DeleteInfrastructureConfiguration } from './ops/DeleteInfrastructureConfiguration.js';
import { DeleteWorkflow } from './ops/DeleteWorkflow.js';
import { DistributeImage } from './ops/DistributeImage.js';
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
import { GetMarketplaceResource } from './ops/GetMarketplaceResource.js';
import { GetWorkflow } from './ops/GetWorkflow.js';
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
import { ListImageScanFindingAggregations } from './ops/ListImageScanFindingAggregations.js';
import { ListImageScanFindings } from './ops/ListImageScanFindings.js';
import { ListImages } from './ops/ListImages.js';
import { ListInfrastructureConfigurations } from './ops/ListInfrastructureConfigurations.js';
import { ListTagsForResource } from './ops/ListTagsForResource.js';
import { ListWaitingWorkflowSteps } from './ops/ListWaitingWorkflowSteps.js';
import { ListWorkflowBuildVersions } from './ops/ListWorkflowBuildVersions.js';
import { ListWorkflowExecutions } from './ops/ListWorkflowExecutions.js';
import { ListWorkflowStepExecutions } from './ops/ListWorkflowStepExecutions.js';
import { ListWorkflows } from './ops/ListWorkflows.js';
import { PutComponentPolicy } from './ops/PutComponentPolicy.js';
import { PutContainerRecipePolicy } from './ops/PutContainerRecipePolicy.js';
import { PutImagePolicy } from './ops/PutImagePolicy.js';
import { PutImageRecipePolicy } from './ops/PutImageRecipePolicy.js';
import { RetryImage } from './ops/RetryImage.js';
import { SendWorkflowStepAction } from './ops/SendWorkflowStepAction.js';
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
import type { HandlerMap } from '../types.js';

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
  CreateWorkflow,
  DeleteComponent,
  DeleteContainerRecipe,
  DeleteDistributionConfiguration,
  DeleteImage,
  DeleteImagePipeline,
  DeleteImageRecipe,
  DeleteInfrastructureConfiguration,
  DeleteLifecyclePolicy,
  DeleteWorkflow,
  DistributeImage,
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
  GetMarketplaceResource,
  GetWorkflow,
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
  ListImageScanFindingAggregations,
  ListImageScanFindings,
  ListImages,
  ListInfrastructureConfigurations,
  ListLifecycleExecutionResources,
  ListLifecycleExecutions,
  ListLifecyclePolicies,
  ListTagsForResource,
  ListWaitingWorkflowSteps,
  ListWorkflowBuildVersions,
  ListWorkflowExecutions,
  ListWorkflowStepExecutions,
  ListWorkflows,
  PutComponentPolicy,
  PutContainerRecipePolicy,
  PutImagePolicy,
  PutImageRecipePolicy,
  RetryImage,
  SendWorkflowStepAction,
  StartImagePipelineExecution,
  StartResourceStateUpdate,
  TagResource,
  UntagResource,
  UpdateDistributionConfiguration,
  UpdateImagePipeline,
  UpdateInfrastructureConfiguration,
  UpdateLifecyclePolicy,
} satisfies HandlerMap<ImageBuilderOperations>;
