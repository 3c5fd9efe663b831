/**
 * Image Builder tells IAM when its service-linked role is in use (registered when the server
 * loads this module): while any image of the account is still being built (PENDING, CREATING,
 * BUILDING, TESTING, DISTRIBUTING, INTEGRATING) or any ENABLED pipeline has a schedule, in any
 * region. DeleteServiceLinkedRole then FAILS, listing each region with those images and
 * pipelines, as the Image Builder User Guide describes.
 */
import { registerServiceLinkedRoleUsage, type RoleUsage } from '../iam/public.js';
import { ACTIVE_BUILDS } from './domain/images.js';
import { IMAGE_PIPELINES, type ImagePipelineRecord } from './domain/records.js';
import { IMAGE_BUILDER_PRINCIPAL } from './domain/service-role.js';

registerServiceLinkedRoleUsage(IMAGE_BUILDER_PRINCIPAL, async ({ tx, partition, account }) => {
  const byRegion = new Map<string, string[]>();
  const add = (scope: string, arn: string) => {
    // Image Builder scopes are `<account>/<region>`; ARNs say the partition.
    const [owner, region] = scope.split('/');
    if (owner !== account || !arn.startsWith(`arn:${partition}:`)) return;
    byRegion.set(region, [...(byRegion.get(region) ?? []), arn]);
  };
  for (const build of await tx.listAllScopes<string>(ACTIVE_BUILDS)) add(build.scope, build.key);
  for (const pipeline of await tx.listAllScopes<ImagePipelineRecord>(IMAGE_PIPELINES)) {
    if (pipeline.value.status !== 'DISABLED' && pipeline.value.schedule?.scheduleExpression) add(pipeline.scope, pipeline.value.arn);
  }
  return [...byRegion.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([Region, Resources]): RoleUsage => ({ Region, Resources }));
});
