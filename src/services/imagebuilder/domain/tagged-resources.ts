/**
 * From a taggable resource's ARN to the record that holds it: its collection and key (records.ts,
 * components.ts). Used by TagResource, UntagResource, ListTagsForResource and the resource-policy
 * operations; every record of these collections keeps its tags in `tags`.
 *
 * Keys follow records.ts: they start with the ARN-normalised name, versions and builds in the
 * fixed-width sort keys of versions.ts. A record found under its expected key is taken; otherwise
 * the name's records are searched for the ARN, so a collection whose owner keys it a little
 * differently is still found.
 */
import { AwsError } from '../../../kernel/errors.js';
import type { HandlerContext } from '../../types.js';
import { COMPONENTS } from './components.js';
import {
  CONTAINER_RECIPES, DISTRIBUTION_CONFIGURATIONS, IMAGES, IMAGE_PIPELINES, IMAGE_RECIPES, INFRASTRUCTURE_CONFIGURATIONS,
} from './records.js';
import { ibScope } from './scope.js';
import { buildSortKey, versionSortKey } from './versions.js';

/**
 * Workflows have no records yet (Kiln does not implement their operations): the name is reserved
 * for them, so their ARNs already answer ResourceNotFoundException. Keys: `<type>/<name>/<version>/<build>`.
 * Lifecycle policies (lifecycle-policies.ts) are keyed `<name>`.
 */
export const WORKFLOWS = 'ib.workflows';
export const LIFECYCLE_POLICIES = 'ib.lifecyclePolicies';

/** What each resource type's ARN carries after the name: nothing, a version, or a version and a build. */
type Shape = 'name' | 'version' | 'build';

const TYPES: Record<string, { collection: string; shape: Shape }> = {
  component: { collection: COMPONENTS, shape: 'build' },
  image: { collection: IMAGES, shape: 'build' },
  'image-recipe': { collection: IMAGE_RECIPES, shape: 'version' },
  'container-recipe': { collection: CONTAINER_RECIPES, shape: 'version' },
  'infrastructure-configuration': { collection: INFRASTRUCTURE_CONFIGURATIONS, shape: 'name' },
  'distribution-configuration': { collection: DISTRIBUTION_CONFIGURATIONS, shape: 'name' },
  'image-pipeline': { collection: IMAGE_PIPELINES, shape: 'name' },
  'lifecycle-policy': { collection: LIFECYCLE_POLICIES, shape: 'name' },
  'workflow/build': { collection: WORKFLOWS, shape: 'build' },
  'workflow/test': { collection: WORKFLOWS, shape: 'build' },
  'workflow/distribution': { collection: WORKFLOWS, shape: 'build' },
};

const ARN = /^arn:aws[^:]*:imagebuilder:([^:]+):([^:]+):(image-recipe|container-recipe|infrastructure-configuration|distribution-configuration|component|image|image-pipeline|lifecycle-policy|workflow\/(?:build|test|distribution))\/([a-z0-9-_]+)(?:\/([0-9]+\.[0-9]+\.[0-9]+)(?:\/([0-9]+))?)?$/;

export interface ResourceLocation {
  collection: string;
  key: string;
  /** The prefix of the name's records (the fallback search). */
  prefix: string;
  region: string;
  owner: string;
}

/**
 * Where the record of a resource ARN lives. An ARN the model accepts that names no single
 * taggable resource (a component or image without its build, a recipe without its version, a
 * wildcard version) is an InvalidParameterValueException (Kiln's wording).
 */
export function locateResource(arn: string, parameter = 'resourceArn'): ResourceLocation {
  const m = ARN.exec(arn);
  const type = m ? TYPES[m[3]] : undefined;
  const shape: Shape | undefined = m ? (m[6] !== undefined ? 'build' : m[5] !== undefined ? 'version' : 'name') : undefined;
  if (!m || !type || shape !== type.shape) {
    throw new AwsError('InvalidParameterValueException', `The value supplied for parameter '${parameter}' is not valid. '${arn}' does not name a single Image Builder resource: ${describe(m?.[3])}.`);
  }
  const [, region, owner, resourceType, name, version, build] = m;
  const workflowType = resourceType.startsWith('workflow/') ? `${resourceType.slice('workflow/'.length)}/` : '';
  // An unversioned key is the name itself; the search filters on the ARN, so `name` matching `name-2` is harmless.
  const prefix = type.shape === 'name' ? `${workflowType}${name}` : `${workflowType}${name}/`;
  let key = `${workflowType}${name}`;
  if (version !== undefined) key += `/${versionSortKey(version)}`;
  if (build !== undefined) key += `/${buildSortKey(Number(build))}`;
  return { collection: type.collection, key, prefix, region, owner };
}

function describe(type: string | undefined): string {
  switch (type ? TYPES[type]?.shape : undefined) {
    case 'build': return `a ${type} ARN needs its semantic version and build number`;
    case 'version': return `a ${type} ARN needs its exact semantic version`;
    case 'name': return `a ${type} ARN has no version`;
    default: return 'not a taggable resource type';
  }
}

export interface FoundResource<T> {
  collection: string;
  key: string;
  record: T;
}

export function resourceNotFound(arn: string): AwsError {
  // Kiln's wording, the same as for components; AWS's text is not documented.
  return new AwsError('ResourceNotFoundException', `The resource ARN '${arn}' does not exist.`);
}

/** The record of a resource ARN in the caller's account and region, or ResourceNotFoundException. */
export async function findResource<T extends { arn: string }>(ctx: HandlerContext, arn: string, parameter = 'resourceArn'): Promise<FoundResource<T>> {
  const where = locateResource(arn, parameter);
  if (where.region !== ctx.scope.region || where.owner !== ctx.scope.account) throw resourceNotFound(arn);
  const scope = ibScope(ctx.scope);
  const direct = await ctx.tx.get<T>(where.collection, scope, where.key);
  if (direct?.arn === arn) return { collection: where.collection, key: where.key, record: direct };
  const named = await ctx.tx.list<T>(where.collection, scope, { prefix: where.prefix });
  const found = named.find((r) => r.value.arn === arn);
  if (!found) throw resourceNotFound(arn);
  return { collection: where.collection, key: found.key, record: found.value };
}
