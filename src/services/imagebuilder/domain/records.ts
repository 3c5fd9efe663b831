/**
 * How Image Builder keeps its resources: each record is the resource's AWS output shape, exactly
 * as Get* answers it, plus the few fields Kiln needs besides (marked below). Collections and keys:
 * every key starts with the ARN-normalised name (arnName), so one name's versions and builds sort
 * together; versions and builds use the fixed-width sort keys of versions.ts.
 *
 * Scope: every record lives in `ibScope(scope)` = `<account>/<region>`.
 */
import type {
  ContainerRecipe, DistributionConfiguration, Image, ImagePipeline, ImageRecipe, InfrastructureConfiguration,
} from '../../../generated/imagebuilder.js';

/** `<name>/<version>`. */
export const IMAGE_RECIPES = 'ib.imageRecipes';
/** `<name>/<version>`. */
export const CONTAINER_RECIPES = 'ib.containerRecipes';
/** `<name>`. */
export const INFRASTRUCTURE_CONFIGURATIONS = 'ib.infrastructureConfigurations';
/** `<name>`. */
export const DISTRIBUTION_CONFIGURATIONS = 'ib.distributionConfigurations';
/** `<name>`. */
export const IMAGE_PIPELINES = 'ib.imagePipelines';
/** `<name>/<version>/<build>` (name and version of the recipe the image was built from). */
export const IMAGES = 'ib.images';
/** Resource policies (Put/Get*Policy), keyed by the resource's ARN. */
export const RESOURCE_POLICIES = 'ib.resourcePolicies';

export type ImageRecipeRecord = ImageRecipe & { arn: string; name: string; version: string };
export type ContainerRecipeRecord = ContainerRecipe & { arn: string; name: string; version: string };
export type InfrastructureConfigurationRecord = InfrastructureConfiguration & { arn: string; name: string };
export type DistributionConfigurationRecord = DistributionConfiguration & { arn: string; name: string };
export type ImagePipelineRecord = ImagePipeline & { arn: string; name: string };

export type ImageRecord = Image & {
  arn: string;
  name: string;
  /** Kiln's own: the semantic version and build number, apart (Image.version reads `1.0.0/2`). */
  semanticVersion: string;
  build: number;
  /** Kiln's own: the id of the engine task that drives the build while it runs. */
  buildTaskId?: string;
};
