/**
 * What a recipe's create checks about what it builds from: its components (each resolved to a
 * build), its parent image, and the platform that follows from both. Also the index of which
 * recipes use which component build, for DeleteComponent's ResourceDependencyException.
 */
import { AwsError } from '../../../kernel/errors.js';
import type { ComponentConfiguration, Platform } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { findComponent, notFound, parseComponentArn, type ComponentRecord } from './components.js';
import { readComponentDocument } from './documents.js';
import { IMAGES, type ImageRecord } from './records.js';
import { arnName, ibScope } from './scope.js';
import { checkWildcardVersion } from './versions.js';

/** `<component build ARN>#<recipe ARN>` → the recipe ARN: who uses a build. */
const COMPONENT_DEPENDENTS = 'ib.componentDependents';

export interface ResolvedComponents {
  /** The builds the own-account components resolved to. */
  builds: string[];
  /** The platforms of the resolved builds. */
  platforms: Set<string>;
}

const ACCOUNT = /^[0-9]{12}$/;

/**
 * Resolves each component ARN (build, version, or `x` wildcards) to the newest matching build, and
 * checks that the caller may read it (`imagebuilder:GetComponent` is a dependent action of the
 * recipe creates in the Service Authorization Reference).
 *
 * - Own components must exist: ResourceNotFoundException otherwise (the exception AWS documents
 *   as "at least one of the resources referenced by your request does not exist"; AWS's exact
 *   message for a recipe is not known, the wording is the one Kiln's GetComponent uses).
 * - Components owned by Amazon, AWS Marketplace or third parties (`aws`, `aws-marketplace`,
 *   `third-party`, ...) are accepted as given: Kiln has no catalogue of them, and recipes built on
 *   `update-linux/x.x.x` and the like are the common case.
 * - Another account's components are not found: Kiln has no RAM, so nothing is shared.
 */
export async function resolveRecipeComponents(ctx: HandlerContext, components: ComponentConfiguration[] | undefined): Promise<ResolvedComponents> {
  const resolved: ResolvedComponents = { builds: [], platforms: new Set() };
  for (const [i, component] of (components ?? []).entries()) {
    const parameter = `components[${i}].componentArn`;
    const arn = component.componentArn;
    const parsed = parseComponentArn(arn);
    checkWildcardVersion(parsed.version, parameter);
    await ctx.authorize('imagebuilder:GetComponent', arn);
    if (parsed.region !== ctx.scope.region) throw notFound(arn);
    if (parsed.owner !== ctx.scope.account) {
      if (ACCOUNT.test(parsed.owner)) throw notFound(arn);
      continue;
    }
    const build = await findComponent(ctx, arn);
    await checkParameters(build, component, i);
    resolved.builds.push(build.arn);
    resolved.platforms.add(build.platform);
  }
  return resolved;
}

/**
 * Parameters passed to a component must be defined by its document. AWS's text, seen in a real
 * CloudTrail record (aws-ia/terraform-aws-ec2-image-builder#106):
 * `The value supplied for parameter 'components[0].parameters' is not valid. The following
 * parameters are not defined in the provided component: S3BucketName` (InvalidParameterCombinationException).
 */
async function checkParameters(build: ComponentRecord, component: ComponentConfiguration, index: number): Promise<void> {
  const given = (component.parameters ?? []).map((p) => p.name);
  if (given.length === 0) return;
  if (build.data === undefined) return; // a document in S3: Kiln cannot read it, so cannot check
  const defined = await definedParameters(build);
  const undefinedNames = given.filter((name) => !defined.has(name));
  if (undefinedNames.length > 0) {
    throw new AwsError('InvalidParameterCombinationException', `The value supplied for parameter 'components[${index}].parameters' is not valid. The following parameters are not defined in the provided component: ${undefinedNames.join(', ')}`);
  }
}

/** The names in a component document's `parameters` list (none for a document Kiln cannot read). */
async function definedParameters(build: ComponentRecord): Promise<Set<string>> {
  const document = await readComponentDocument(build.data!, build.platform).catch(() => undefined);
  return new Set(document?.parameters ?? []);
}

const IMAGE_ARN = /^arn:aws[^:]*:imagebuilder:([^:]+):([^:]+):image\/([a-z0-9-_]+)(?:\/((?:[0-9]+|x)\.(?:[0-9]+|x)\.(?:[0-9]+|x))(?:\/([0-9]+))?)?$/;

/**
 * The platform a parent image implies, when it can be told: an own Image Builder image Kiln holds
 * answers its platform; otherwise the name of an Amazon image, SSM parameter or container image
 * (`windows-server-2022-...`, `amazon-linux-2023-x86`, `amazonlinux:latest`). An AMI id tells nothing.
 * An Image Builder image ARN also needs `imagebuilder:GetImage` (a dependent action of the creates).
 */
export async function parentImagePlatform(ctx: HandlerContext, parentImage: string): Promise<Platform | undefined> {
  const image = IMAGE_ARN.exec(parentImage);
  if (image) {
    await ctx.authorize('imagebuilder:GetImage', parentImage);
    const [, region, owner, name, version] = image;
    if (region === ctx.scope.region && owner === ctx.scope.account) {
      const images = (await ctx.tx.list<ImageRecord>(IMAGES, ibScope(ctx.scope), { prefix: `${arnName(name)}/` })).map((r) => r.value);
      const match = images.find((i) => i.arn === parentImage) ?? images.filter((i) => !version || version.split('.').every((n, k) => n === 'x' || n === i.semanticVersion?.split('.')[k])).at(-1);
      return match?.platform;
    }
  }
  if (/^ami-[0-9a-f]+$/.test(parentImage)) return undefined;
  if (/windows/i.test(parentImage)) return 'Windows';
  if (/mac-?os/i.test(parentImage)) return 'macOS';
  if (/linux|ubuntu|rhel|red-?hat|centos|debian|suse|fedora|rocky|alma/i.test(parentImage)) return 'Linux';
  return undefined;
}

/**
 * The recipe's platform: its components' (which must agree with each other and with what the
 * parent image implies), else the parent image's, else Linux. AWS refuses mixed platforms; the
 * exception and wording here are Kiln's choice (InvalidParameterCombinationException, as AWS
 * answers other conflicts between a recipe's components and the rest of the request).
 */
export function recipePlatform(components: ResolvedComponents, parent: Platform | undefined, override?: Platform): Platform {
  const platforms = [...components.platforms] as Platform[];
  if (platforms.length > 1) {
    throw new AwsError('InvalidParameterCombinationException', `The components of a recipe must all be for the same platform; these are for ${platforms.sort().join(' and ')}.`);
  }
  const fromComponents = platforms[0];
  const base = override ?? parent;
  if (fromComponents !== undefined && base !== undefined && fromComponents !== base) {
    throw new AwsError('InvalidParameterCombinationException', `The components are for the ${fromComponents} platform, but the recipe is for ${base}.`);
  }
  return fromComponents ?? base ?? 'Linux';
}

export async function recordDependents(ctx: HandlerContext, recipeArn: string, builds: string[]): Promise<void> {
  for (const build of new Set(builds)) await ctx.tx.put(COMPONENT_DEPENDENTS, ibScope(ctx.scope), `${build}#${recipeArn}`, { recipeArn });
}

export async function forgetDependents(ctx: HandlerContext, recipeArn: string, builds: string[]): Promise<void> {
  for (const build of new Set(builds)) await ctx.tx.delete(COMPONENT_DEPENDENTS, ibScope(ctx.scope), `${build}#${recipeArn}`);
}

/** Whether any recipe uses this component build. */
export async function componentInUse(ctx: HandlerContext, buildArn: string): Promise<boolean> {
  return (await ctx.tx.count(COMPONENT_DEPENDENTS, ibScope(ctx.scope), { prefix: `${buildArn}#` })) > 0;
}
