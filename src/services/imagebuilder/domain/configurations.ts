/**
 * The unversioned Image Builder resources — infrastructure configurations, distribution
 * configurations and image pipelines: their ARNs (`<type>/<arnName>`), lookups by ARN, the
 * errors AWS answers about them, and the checks that keep a configuration from being deleted
 * while a pipeline uses it. Records and collections are those of records.ts, keyed by arnName.
 */
import { AwsError } from '../../../kernel/errors.js';
import type {
  CreateInfrastructureConfigurationRequest, Distribution, DistributionConfigurationSummary, InfrastructureConfiguration,
  InfrastructureConfigurationSummary, UpdateInfrastructureConfigurationRequest,
} from '../../../generated/imagebuilder.js';
import { findInstanceProfile } from '../../iam/public.js';
import type { HandlerContext } from '../../types.js';
import {
  DISTRIBUTION_CONFIGURATIONS, IMAGE_PIPELINES, INFRASTRUCTURE_CONFIGURATIONS,
  type DistributionConfigurationRecord, type ImagePipelineRecord, type InfrastructureConfigurationRecord,
} from './records.js';
import { IMAGE_BUILDER_REGIONS } from './regions.js';
import { arnName, ibArn, ibScope } from './scope.js';

export type UnversionedType = 'infrastructure-configuration' | 'distribution-configuration' | 'image-pipeline';

/** How AWS names each type in its ResourceAlreadyExistsException text. */
const TYPE_NAMES: Record<UnversionedType, string> = {
  'infrastructure-configuration': 'InfrastructureConfiguration',
  'distribution-configuration': 'DistributionConfiguration',
  'image-pipeline': 'ImagePipeline',
};

const COLLECTIONS: Record<UnversionedType, string> = {
  'infrastructure-configuration': INFRASTRUCTURE_CONFIGURATIONS,
  'distribution-configuration': DISTRIBUTION_CONFIGURATIONS,
  'image-pipeline': IMAGE_PIPELINES,
};

const UNVERSIONED_ARN = /^arn:([^:]+):imagebuilder:([^:]+):([^:]+):(infrastructure-configuration|distribution-configuration|image-pipeline)\/([a-z0-9-_]+)$/;

/** The ARN a resource of this type and name gets in the caller's account and region. */
export function unversionedArn(ctx: HandlerContext, type: UnversionedType, name: string): string {
  return ibArn(ctx.scope, `${type}/${arnName(name)}`);
}

/** The store key of a resource: its ARN-normalised name. */
export function unversionedKey(name: string): string {
  return arnName(name);
}

/**
 * The store key an ARN of this type names in the caller's account and region, or undefined when
 * it names another type, partition, account or region (which Kiln never holds: not found).
 */
function keyOfArn(ctx: HandlerContext, type: UnversionedType, arn: string): string | undefined {
  const m = UNVERSIONED_ARN.exec(arn);
  if (!m || m[4] !== type) return undefined;
  if (m[1] !== ctx.scope.partition || m[2] !== ctx.scope.region || m[3] !== ctx.scope.account) return undefined;
  return m[5];
}

export function resourceNotFound(arn: string): AwsError {
  // Kiln's wording, as for components: AWS's text for a missing resource is not documented.
  return new AwsError('ResourceNotFoundException', `The resource ARN '${arn}' does not exist.`, 404);
}

/** AWS's text, as seen for image recipes (`The following resource 'ImageRecipe' already exists: '<arn>'.`). */
export function alreadyExists(type: UnversionedType, arn: string): AwsError {
  return new AwsError('ResourceAlreadyExistsException', `The following resource '${TYPE_NAMES[type]}' already exists: '${arn}'.`);
}

/** AWS's text (DeleteImageRecipe and DeleteInfrastructureConfiguration while a pipeline uses them). */
export function dependencyError(arn: string): AwsError {
  return new AwsError('ResourceDependencyException', `Resource dependency error: The resource ARN '${arn}' has other resources depended on it.`);
}

/** The record an ARN names, or undefined. */
export async function findUnversioned<T>(ctx: HandlerContext, type: UnversionedType, arn: string): Promise<T | undefined> {
  const key = keyOfArn(ctx, type, arn);
  return key === undefined ? undefined : ctx.tx.get<T>(COLLECTIONS[type], ibScope(ctx.scope), key);
}

/** The record an ARN names; ResourceNotFoundException when there is none. */
export async function getUnversioned<T>(ctx: HandlerContext, type: UnversionedType, arn: string): Promise<T> {
  const record = await findUnversioned<T>(ctx, type, arn);
  if (!record) throw resourceNotFound(arn);
  return record;
}

export const findInfrastructureConfiguration = (ctx: HandlerContext, arn: string) =>
  findUnversioned<InfrastructureConfigurationRecord>(ctx, 'infrastructure-configuration', arn);
export const getInfrastructureConfiguration = (ctx: HandlerContext, arn: string) =>
  getUnversioned<InfrastructureConfigurationRecord>(ctx, 'infrastructure-configuration', arn);
export const findDistributionConfiguration = (ctx: HandlerContext, arn: string) =>
  findUnversioned<DistributionConfigurationRecord>(ctx, 'distribution-configuration', arn);
export const getDistributionConfiguration = (ctx: HandlerContext, arn: string) =>
  getUnversioned<DistributionConfigurationRecord>(ctx, 'distribution-configuration', arn);
export const findImagePipeline = (ctx: HandlerContext, arn: string) =>
  findUnversioned<ImagePipelineRecord>(ctx, 'image-pipeline', arn);
export const getImagePipeline = (ctx: HandlerContext, arn: string) =>
  getUnversioned<ImagePipelineRecord>(ctx, 'image-pipeline', arn);

/** Whether any pipeline of the caller's account and region refers to `arn` in `field`. */
export async function usedByPipeline(
  ctx: HandlerContext, field: 'infrastructureConfigurationArn' | 'distributionConfigurationArn' | 'imageRecipeArn' | 'containerRecipeArn', arn: string,
): Promise<boolean> {
  const pipelines = await ctx.tx.list<ImagePipelineRecord>(IMAGE_PIPELINES, ibScope(ctx.scope));
  return pipelines.some((p) => p.value[field] === arn);
}

/**
 * The instance profile an infrastructure configuration names must exist (AWS's text, seen from
 * the real service), and its role is passed to EC2: the caller needs `iam:PassRole` on it.
 */
export async function checkInstanceProfile(ctx: HandlerContext, instanceProfileName: string): Promise<void> {
  const found = await findInstanceProfile(ctx, instanceProfileName);
  if (!found) {
    throw new AwsError('InvalidParameterValueException', "The value supplied for parameter 'instanceProfileName' is not valid. The provided instance profile does not exist. Please specify a different instance profile and try again.");
  }
  // A profile without a role passes nothing; EC2 would launch the instance without credentials.
  if (found.role) await ctx.authorize('iam:PassRole', found.role.Arn, { 'iam:PassedToService': 'ec2.amazonaws.com' });
}

/** The settings Create and Update store, with AWS's default for terminateInstanceOnFailure (true). */
export function infrastructureSettings(input: CreateInfrastructureConfigurationRequest | UpdateInfrastructureConfigurationRequest): InfrastructureConfiguration {
  return {
    description: input.description, instanceTypes: input.instanceTypes, instanceProfileName: input.instanceProfileName,
    securityGroupIds: input.securityGroupIds, subnetId: input.subnetId, logging: input.logging, keyPair: input.keyPair,
    terminateInstanceOnFailure: input.terminateInstanceOnFailure ?? true, snsTopicArn: input.snsTopicArn,
    resourceTags: input.resourceTags, instanceMetadataOptions: input.instanceMetadataOptions, placement: input.placement,
  };
}

export function toInfrastructureConfigurationSummary(r: InfrastructureConfigurationRecord): InfrastructureConfigurationSummary {
  return {
    arn: r.arn, name: r.name, description: r.description, dateCreated: r.dateCreated, dateUpdated: r.dateUpdated,
    resourceTags: r.resourceTags, tags: r.tags, instanceTypes: r.instanceTypes, instanceProfileName: r.instanceProfileName,
    placement: r.placement,
  };
}

export function toDistributionConfigurationSummary(r: DistributionConfigurationRecord): DistributionConfigurationSummary {
  return {
    arn: r.arn, name: r.name, description: r.description, dateCreated: r.dateCreated, dateUpdated: r.dateUpdated,
    tags: r.tags, regions: (r.distributions ?? []).map((d) => d.region),
  };
}

/**
 * DistributionConfiguration.timeoutMinutes is required in the output and has no input: the
 * service sets it. Kiln reports 720 minutes (12 hours), the model's maximum; AWS does not
 * document the value it sets.
 */
export const DEFAULT_DISTRIBUTION_TIMEOUT_MINUTES = 720;

/** The members of a Distribution that are outputs (what the region receives). */
const OUTPUTS: Array<keyof Distribution> = [
  'amiDistributionConfiguration', 'containerDistributionConfiguration', 'licenseConfigurationArns',
  'launchTemplateConfigurations', 's3ExportConfiguration', 'fastLaunchConfigurations', 'ssmParameterConfigurations',
];

/**
 * A distribution configuration's `distributions`: each an Image Builder region, named once, with
 * at least one output. The empty-region text is AWS's (seen from the real service, 2021); the
 * wording for an unknown or repeated region is Kiln's, in AWS's parameter-validation form.
 */
export function checkDistributions(distributions: Distribution[]): void {
  if (distributions.length === 0) {
    // The model sets no minimum; a configuration that distributes nowhere is meaningless.
    throw new AwsError('InvalidParameterValueException', "The value supplied for parameter 'distributions' is not valid. At least one distribution must be provided.");
  }
  const seen = new Set<string>();
  distributions.forEach((d, i) => {
    if (!IMAGE_BUILDER_REGIONS.has(d.region)) {
      throw new AwsError('InvalidParameterValueException', `The value supplied for parameter 'distributions[${i}].region' is not valid. The region '${d.region}' is not supported by EC2 Image Builder.`);
    }
    if (seen.has(d.region)) {
      throw new AwsError('InvalidParameterValueException', `The value supplied for parameter 'distributions[${i}].region' is not valid. The region '${d.region}' is specified more than once.`);
    }
    seen.add(d.region);
    if (!OUTPUTS.some((o) => d[o] !== undefined && d[o] !== null)) {
      throw new AwsError('InvalidParameterValueException', `The value supplied for parameter 'distributions[${i}]' is not valid. One or more outputs should be provided for each region in a distribution configuration.`);
    }
  });
}
