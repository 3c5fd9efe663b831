/**
 * Image builds as records: where they live (IMAGES, keyed `<arn name>/<version>/<build>`), how an
 * ARN finds one, and the output shapes (Image, ImageSummary, ImageVersion). Kiln also keeps the
 * builds that are still running in ACTIVE_BUILDS, so the service-linked role's usage check reads
 * only those, never every image.
 */
import { AwsError } from '../../../kernel/errors.js';
import type { Image, ImageStatus, ImageSummary } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { IMAGES, type ImageRecord } from './records.js';
import { ibScope } from './scope.js';
import { newestBuildKey, versionKey } from './image-versions.js';
import { buildSortKey, checkWildcardVersion } from './versions.js';

/** Image ARN (build) → the image's key, for every image whose build has not finished. */
export const ACTIVE_BUILDS = 'ib.activeBuilds';

/** The statuses of a build that is still running (Terraform's waiter uses the same list). */
export const IN_PROGRESS: ReadonlySet<ImageStatus> = new Set(['PENDING', 'CREATING', 'BUILDING', 'TESTING', 'DISTRIBUTING', 'INTEGRATING']);

export function inProgress(record: ImageRecord): boolean {
  return IN_PROGRESS.has(record.state?.status ?? 'PENDING');
}

/** `<arn name>/<version sort key>/<build sort key>`; without a build, the prefix of a version's builds. */
export function imageKey(arnName: string, version: string, build?: number): string {
  const base = `${versionKey(arnName, version)}/`;
  return build === undefined ? base : base + buildSortKey(build);
}

export function keyOf(record: ImageRecord): string {
  return imageKey(arnNameOf(record.arn), record.semanticVersion, record.build);
}

/** The ARN-normalised name inside an image ARN. */
export function arnNameOf(arn: string): string {
  return arn.split(':').slice(5).join(':').split('/')[1];
}

export interface ImageArn {
  region: string;
  owner: string;
  name: string;
  version?: string;
  build?: number;
}

const IMAGE_ARN = /^arn:aws[^:]*:imagebuilder:([^:]+):([^:]+):image\/([a-z0-9-_]+)(?:\/((?:[0-9]+|x)\.(?:[0-9]+|x)\.(?:[0-9]+|x))(?:\/([0-9]+))?)?$/;

export function parseImageArn(arn: string, parameter = 'imageBuildVersionArn'): ImageArn {
  const m = IMAGE_ARN.exec(arn);
  if (!m) throw new AwsError('InvalidParameterValueException', `The value supplied for parameter '${parameter}' is not valid. ${arn} is not an image ARN.`);
  if (m[4]) checkWildcardVersion(m[4], parameter);
  return { region: m[1], owner: m[2], name: m[3], version: m[4], build: m[5] === undefined ? undefined : Number(m[5]) };
}

export function resourceNotFound(arn: string): AwsError {
  // The wording Kiln uses for every missing Image Builder resource; AWS's own text is not documented.
  return new AwsError('ResourceNotFoundException', `The resource ARN '${arn}' does not exist.`);
}

/** The image a build version ARN names, or the newest build of a version ARN (whose nodes may be `x`). */
export async function findImage(ctx: HandlerContext, arn: string, parameter = 'imageBuildVersionArn'): Promise<ImageRecord> {
  const found = await findImageOrUndefined(ctx, arn, parameter);
  if (!found) throw resourceNotFound(arn);
  return found;
}

export async function findImageOrUndefined(ctx: HandlerContext, arn: string, parameter = 'imageBuildVersionArn'): Promise<ImageRecord | undefined> {
  const parsed = parseImageArn(arn, parameter);
  if (parsed.region !== ctx.scope.region || parsed.owner !== ctx.scope.account || !parsed.version) return undefined;
  const key = parsed.build !== undefined ? imageKey(parsed.name, parsed.version, parsed.build) : await newestBuildKey(ctx, parsed.name, parsed.version);
  return key === undefined ? undefined : ctx.tx.get<ImageRecord>(IMAGES, ibScope(ctx.scope), key);
}

/** Saves an image and keeps ACTIVE_BUILDS in step with its status. */
export async function saveImage(ctx: Pick<HandlerContext, 'tx' | 'scope'>, record: ImageRecord): Promise<void> {
  const scope = ibScope(ctx.scope);
  const key = keyOf(record);
  await ctx.tx.put(IMAGES, scope, key, record);
  if (inProgress(record)) await ctx.tx.put(ACTIVE_BUILDS, scope, record.arn, key);
  else await ctx.tx.delete(ACTIVE_BUILDS, scope, record.arn);
}

/** The filters ListImages and ListImageBuildVersions accept. */
export const IMAGE_FILTERS = {
  name: (i: ImageRecord) => [i.name ?? ''],
  osVersion: (i: ImageRecord) => (i.osVersion ? [i.osVersion] : []),
  platform: (i: ImageRecord) => (i.platform ? [i.platform] : []),
  type: (i: ImageRecord) => (i.type ? [i.type] : []),
  version: (i: ImageRecord) => [i.semanticVersion],
};

/** The store keeps timestamps as ISO text; the output shape wants a Date. */
function timestamp(value: Date | string | undefined): Date | undefined {
  return value === undefined ? undefined : new Date(value);
}

export function toImage(record: ImageRecord): Image {
  const { semanticVersion: _v, build: _b, buildTaskId: _t, ...image } = record;
  return { ...image, deprecationTime: timestamp(record.deprecationTime) };
}

export function toImageSummary(record: ImageRecord): ImageSummary {
  return {
    arn: record.arn, name: record.name, type: record.type, version: record.version, platform: record.platform,
    osVersion: record.osVersion, state: record.state, owner: record.arn.split(':')[4], dateCreated: record.dateCreated,
    outputResources: record.outputResources, tags: record.tags, buildType: record.buildType, imageSource: record.imageSource,
    deprecationTime: timestamp(record.deprecationTime), lifecycleExecutionId: record.lifecycleExecutionId, loggingConfiguration: record.loggingConfiguration,
  };
}
