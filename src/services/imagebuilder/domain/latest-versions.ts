/**
 * LatestVersionReferences: the newest version ARN of the same name overall, within the same
 * major, within the same major.minor, and the newest build of the same version.
 */
import type { LatestVersionReferences } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { COMPONENTS, versionArn, type ComponentRecord } from './components.js';
import { arnName, ibScope } from './scope.js';

export async function latestVersionReferences(ctx: HandlerContext, record: ComponentRecord): Promise<LatestVersionReferences> {
  const all = (await ctx.tx.list<ComponentRecord>(COMPONENTS, ibScope(ctx.scope), { prefix: `${arnName(record.name)}/` })).map((r) => r.value);
  const [major, minor] = record.version.split('.');
  const newest = (match: (c: ComponentRecord) => boolean) => all.filter(match).at(-1);
  const latest = newest(() => true)!;
  const latestMajor = newest((c) => c.version.split('.')[0] === major)!;
  const latestMinor = newest((c) => c.version.startsWith(`${major}.${minor}.`))!;
  const latestPatch = newest((c) => c.version === record.version)!;
  return {
    latestVersionArn: versionArn(latest),
    latestMajorVersionArn: versionArn(latestMajor),
    latestMinorVersionArn: versionArn(latestMinor),
    latestPatchVersionArn: latestPatch.arn,
  };
}
