/**
 * One record per image semantic version (IMAGE_VERSIONS, keyed `<arn name>/<version sort key>`):
 * the last build number handed out (numbers are never reused) and the ImageVersion summary of the
 * newest build that still exists. Build numbers, ListImages, version ARNs and
 * latestVersionReferences read these, so they cost the same however many builds a version has.
 */
import type { ImageVersion, LatestVersionReferences } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { IMAGES, type ImageRecord } from './records.js';
import { ibScope } from './scope.js';
import { buildSortKey, matchesWildcard, versionSortKey } from './versions.js';

export const IMAGE_VERSIONS = 'ib.imageVersions';

export interface ImageVersionRecord {
  /** The last build number given to this version. */
  lastBuild: number;
  /** The newest build that exists, as ListImages shows it, with its build number and status. */
  latest?: ImageVersion & { build: number; buildArn: string };
}

export function versionKey(arnName: string, version: string): string {
  return `${arnName}/${versionSortKey(version)}`;
}

function buildsPrefix(arnName: string, version: string): string {
  return `${versionKey(arnName, version)}/`;
}

/** The build number the next image of this name and version gets. */
export async function peekBuildNumber(ctx: Pick<HandlerContext, 'tx' | 'scope'>, arnName: string, version: string): Promise<number> {
  const record = await ctx.tx.get<ImageVersionRecord>(IMAGE_VERSIONS, ibScope(ctx.scope), versionKey(arnName, version));
  if (record) return record.lastBuild + 1;
  // No version record: a version whose images were written some other way; their builds count.
  const [last] = (await ctx.tx.list<ImageRecord>(IMAGES, ibScope(ctx.scope), { prefix: buildsPrefix(arnName, version) })).slice(-1);
  return last ? last.value.build + 1 : 1;
}

function summaryOf(image: ImageRecord): NonNullable<ImageVersionRecord['latest']> {
  return {
    arn: image.arn.slice(0, image.arn.lastIndexOf('/')), name: image.name, type: image.type, version: image.semanticVersion,
    platform: image.platform, osVersion: image.osVersion, owner: image.arn.split(':')[4], dateCreated: image.dateCreated,
    buildType: image.buildType, imageSource: image.imageSource, build: image.build, buildArn: image.arn,
  };
}

/** Records a new build as its version's newest. */
export async function recordBuild(ctx: Pick<HandlerContext, 'tx' | 'scope'>, arnName: string, image: ImageRecord): Promise<void> {
  await ctx.tx.put<ImageVersionRecord>(IMAGE_VERSIONS, ibScope(ctx.scope), versionKey(arnName, image.semanticVersion), { lastBuild: image.build, latest: summaryOf(image) });
}

/** After a build is deleted: its version's newest build is the one before it, if any. */
export async function forgetBuild(ctx: HandlerContext, arnName: string, image: ImageRecord): Promise<void> {
  const scope = ibScope(ctx.scope);
  const key = versionKey(arnName, image.semanticVersion);
  const record = await ctx.tx.get<ImageVersionRecord>(IMAGE_VERSIONS, scope, key);
  if (!record || record.latest?.build !== image.build) return;
  const [previous] = (await ctx.tx.list<ImageRecord>(IMAGES, scope, { prefix: buildsPrefix(arnName, image.semanticVersion) }))
    .filter((r) => r.value.build !== image.build).slice(-1);
  await ctx.tx.put<ImageVersionRecord>(IMAGE_VERSIONS, scope, key, { lastBuild: record.lastBuild, latest: previous && summaryOf(previous.value) });
}

/** The versions of a name that have a build, oldest first. */
async function versionsOf(ctx: HandlerContext, arnName: string): Promise<NonNullable<ImageVersionRecord['latest']>[]> {
  const records = await ctx.tx.list<ImageVersionRecord>(IMAGE_VERSIONS, ibScope(ctx.scope), { prefix: `${arnName}/` });
  return records.flatMap((r) => (r.value.latest ? [r.value.latest] : []));
}

/** The key of the newest build of a version (whose nodes may be `x`), or undefined. */
export async function newestBuildKey(ctx: HandlerContext, arnName: string, version: string): Promise<string | undefined> {
  let latest: ImageVersionRecord['latest'];
  if (version.includes('x')) {
    latest = (await versionsOf(ctx, arnName)).filter((v) => matchesWildcard(v.version!, version)).at(-1);
  } else {
    latest = (await ctx.tx.get<ImageVersionRecord>(IMAGE_VERSIONS, ibScope(ctx.scope), versionKey(arnName, version)))?.latest;
  }
  return latest && `${versionKey(arnName, latest.version!)}/${buildSortKey(latest.build)}`;
}

/** The newest version overall, within the major, within the major.minor, and the newest build of the version. */
export async function imageLatestVersionReferences(ctx: HandlerContext, arnName: string, image: ImageRecord): Promise<LatestVersionReferences> {
  const all = await versionsOf(ctx, arnName);
  const [major, minor] = image.semanticVersion.split('.');
  const own = summaryOf(image);
  const newest = (match: (v: { version?: string }) => boolean) => all.filter(match).at(-1) ?? own;
  return {
    latestVersionArn: newest(() => true).arn,
    latestMajorVersionArn: newest((v) => v.version!.split('.')[0] === major).arn,
    latestMinorVersionArn: newest((v) => v.version!.startsWith(`${major}.${minor}.`)).arn,
    latestPatchVersionArn: newest((v) => v.version === image.semanticVersion).buildArn,
  };
}
