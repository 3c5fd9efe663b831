/**
 * Image recipes and container recipes: what the two kinds share. Both are versioned
 * `<kind>/<arn name>/<x.y.z>` without a build number, kept in IMAGE_RECIPES / CONTAINER_RECIPES
 * under `<arn name>/<version sort key>` (records.ts), and answered by Get* without Kiln's own
 * fields (marked below).
 */
import { AwsError } from '../../../kernel/errors.js';
import type { Scope } from '../../../kernel/scope.js';
import type { ContainerRecipe, ImageRecipe, LatestVersionReferences } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { notFound } from './components.js';
import {
  CONTAINER_RECIPES, IMAGE_PIPELINES, IMAGE_RECIPES,
  type ContainerRecipeRecord, type ImagePipelineRecord, type ImageRecipeRecord,
} from './records.js';
import { arnName, ibArn, ibScope } from './scope.js';
import { checkWildcardVersion, matchesWildcard, parseSemanticVersion, versionSortKey } from './versions.js';

export type RecipeKind = 'image-recipe' | 'container-recipe';

/** Kiln's own fields of a stored recipe, besides the AWS shape. */
export interface RecipeExtras {
  /** The component builds the recipe's component ARNs resolved to when it was created (DeleteComponent's dependency check). */
  componentBuildArns: string[];
}

export type StoredImageRecipe = ImageRecipeRecord & RecipeExtras;
export type StoredContainerRecipe = ContainerRecipeRecord & RecipeExtras & {
  /** Kiln's own: the template's S3 location when it was given by URI (Kiln cannot read S3, so no dockerfileTemplateData then). */
  dockerfileTemplateUri?: string;
  /** Kiln's own: CreateContainerRecipe's `imageOsVersionOverride`, which the ContainerRecipe shape does not carry. */
  imageOsVersionOverride?: string;
};
export type StoredRecipe = StoredImageRecipe | StoredContainerRecipe;

interface KindInfo {
  collection: string;
  /** How AWS names the resource type in ResourceAlreadyExistsException. */
  resourceType: string;
  /** The request parameter that carries the recipe's ARN (Get/Delete/Put*Policy). */
  parameter: string;
}

export const RECIPE_KINDS: Record<RecipeKind, KindInfo> = {
  'image-recipe': { collection: IMAGE_RECIPES, resourceType: 'ImageRecipe', parameter: 'imageRecipeArn' },
  'container-recipe': { collection: CONTAINER_RECIPES, resourceType: 'ContainerRecipe', parameter: 'containerRecipeArn' },
};

export function recipeKey(name: string, version: string): string {
  return `${arnName(name)}/${versionSortKey(version)}`;
}

export function recipeArn(scope: Scope, kind: RecipeKind, name: string, version: string): string {
  return ibArn(scope, `${kind}/${arnName(name)}/${version}`);
}

export interface RecipeArn {
  region: string;
  owner: string;
  kind: RecipeKind;
  name: string;
  version: string;
}

const RECIPE_ARN = /^arn:aws[^:]*:imagebuilder:([^:]+):([^:]+):(image-recipe|container-recipe)\/([a-z0-9-_]+)\/((?:[0-9]+|x)\.(?:[0-9]+|x)\.(?:[0-9]+|x))$/;

export function parseRecipeArn(arn: string): RecipeArn | undefined {
  const m = RECIPE_ARN.exec(arn);
  return m ? { region: m[1], owner: m[2], kind: m[3] as RecipeKind, name: m[4], version: m[5] } : undefined;
}

/**
 * A recipe's semantic version at create time. The model's WildcardVersionNumber admits `x`, but a
 * new recipe needs a version of its own: Kiln refuses `x` with InvalidVersionNumberException (in
 * the operations' error lists; the wording is Kiln's, AWS's is not documented).
 */
export function checkCreateVersion(version: string): void {
  if (version.includes('x')) {
    throw new AwsError('InvalidVersionNumberException', `The semantic version '${version}' is not valid for a new resource. Assign a number to each of the major, minor and patch nodes; the wildcard 'x' only selects existing versions.`);
  }
  parseSemanticVersion(version);
}

/**
 * The recipe an ARN names: that version, or for `x` nodes the newest matching version. Another
 * account's or region's recipe is not found (Kiln has no RAM: nothing is ever shared with it).
 */
export async function findRecipe<T extends StoredRecipe>(ctx: HandlerContext, kind: RecipeKind, arn: string): Promise<{ key: string; record: T }> {
  const info = RECIPE_KINDS[kind];
  const parsed = parseRecipeArn(arn);
  if (!parsed || parsed.kind !== kind) {
    throw new AwsError('InvalidParameterValueException', `The value supplied for parameter '${info.parameter}' is not valid. '${arn}' is not a ${kind} ARN.`);
  }
  checkWildcardVersion(parsed.version, info.parameter);
  if (parsed.region !== ctx.scope.region || parsed.owner !== ctx.scope.account) throw notFound(arn);
  const scope = ibScope(ctx.scope);
  if (!parsed.version.includes('x')) {
    const key = `${parsed.name}/${versionSortKey(parsed.version)}`;
    const record = await ctx.tx.get<T>(info.collection, scope, key);
    if (!record) throw notFound(arn);
    return { key, record };
  }
  const matches = (await ctx.tx.list<T>(info.collection, scope, { prefix: `${parsed.name}/` })).filter((r) => matchesWildcard(r.value.version, parsed.version));
  if (matches.length === 0) throw notFound(arn);
  const last = matches[matches.length - 1];
  return { key: last.key, record: last.value };
}

/** Like findRecipe, for operations that act on one exact version (Delete*): `x` nodes are refused. */
export async function findExactRecipe<T extends StoredRecipe>(ctx: HandlerContext, kind: RecipeKind, arn: string): Promise<{ key: string; record: T }> {
  const parsed = parseRecipeArn(arn);
  if (parsed?.version.includes('x')) {
    // Kiln's choice: deleting "the newest matching version" by wildcard is never what a caller means.
    throw new AwsError('InvalidParameterValueException', `The value supplied for parameter '${RECIPE_KINDS[kind].parameter}' is not valid. Specify the exact version to delete; '${parsed.version}' contains wildcards.`);
  }
  return findRecipe<T>(ctx, kind, arn);
}

/** The newest version of the same name overall, within the major, within the major.minor, and of this very version. */
export async function recipeLatestVersionReferences(ctx: HandlerContext, kind: RecipeKind, record: StoredRecipe): Promise<LatestVersionReferences> {
  const all = (await ctx.tx.list<StoredRecipe>(RECIPE_KINDS[kind].collection, ibScope(ctx.scope), { prefix: `${arnName(record.name)}/` })).map((r) => r.value);
  const [major, minor] = record.version.split('.');
  const newest = (match: (r: StoredRecipe) => boolean) => all.filter(match).at(-1)?.arn ?? record.arn;
  return {
    latestVersionArn: newest(() => true),
    latestMajorVersionArn: newest((r) => r.version.split('.')[0] === major),
    latestMinorVersionArn: newest((r) => r.version.startsWith(`${major}.${minor}.`)),
    latestPatchVersionArn: record.arn,
  };
}

/**
 * DeleteImageRecipe / DeleteContainerRecipe: a pipeline that builds from the recipe (by its version
 * ARN, or a wildcard ARN the version matches) holds it. AWS's text, from Terraform reports
 * (terraform-provider-aws#40128, #40037).
 */
export async function checkNoPipelineUses(ctx: HandlerContext, kind: RecipeKind, record: StoredRecipe): Promise<void> {
  const field = kind === 'image-recipe' ? 'imageRecipeArn' : 'containerRecipeArn';
  const own = parseRecipeArn(record.arn)!;
  const pipelines = await ctx.tx.list<ImagePipelineRecord>(IMAGE_PIPELINES, ibScope(ctx.scope));
  const used = pipelines.some(({ value }) => {
    const ref = typeof value[field] === 'string' ? parseRecipeArn(value[field]!) : undefined;
    return ref !== undefined && ref.kind === kind && ref.name === own.name && ref.region === own.region && ref.owner === own.owner
      && matchesWildcard(record.version, ref.version);
  });
  if (used) throw dependencyError(record.arn);
}

export function dependencyError(arn: string): AwsError {
  return new AwsError('ResourceDependencyException', `Resource dependency error: The resource ARN '${arn}' has other resources depended on it.`);
}

export function alreadyExists(kind: RecipeKind, arn: string): AwsError {
  // Real AWS text (terraform-provider-aws users, e.g. ministryofjustice/modernisation-platform-ami-builds#549).
  return new AwsError('ResourceAlreadyExistsException', `The following resource '${RECIPE_KINDS[kind].resourceType}' already exists: '${arn}'.`);
}

export function toImageRecipe(record: StoredImageRecipe): ImageRecipe {
  return {
    arn: record.arn, type: record.type, name: record.name, description: record.description, platform: record.platform,
    owner: record.owner, version: record.version, components: record.components, parentImage: record.parentImage,
    blockDeviceMappings: record.blockDeviceMappings, dateCreated: record.dateCreated, tags: record.tags,
    workingDirectory: record.workingDirectory, additionalInstanceConfiguration: record.additionalInstanceConfiguration,
    amiTags: record.amiTags,
  };
}

export function toContainerRecipe(record: StoredContainerRecipe): ContainerRecipe {
  return {
    arn: record.arn, containerType: record.containerType, name: record.name, description: record.description,
    platform: record.platform, owner: record.owner, version: record.version, components: record.components,
    instanceConfiguration: record.instanceConfiguration, dockerfileTemplateData: record.dockerfileTemplateData,
    kmsKeyId: record.kmsKeyId, encrypted: record.encrypted, parentImage: record.parentImage,
    dateCreated: record.dateCreated, tags: record.tags, workingDirectory: record.workingDirectory,
    targetRepository: record.targetRepository,
  };
}
