/**
 * The resources an image produced (its AMIs with their snapshots, or its container images) as a
 * lifecycle action takes them along (`includeResources`), and the AMI-level exclusion rules
 * (`exclusionRules.amis`), checked in AWS's order: Region, public, tags, shared accounts, last
 * launched. What Kiln knows of an AMI comes from the image's distribution configuration: its
 * Region and account, its tags (`amiTags`), and its launch permission (public when it names the
 * group `all`, shared with its `userIds`). Kiln launches no instances from output AMIs, so no AMI
 * was ever launched and `lastLaunched` never excludes one.
 */
import type {
  Ami, LifecycleExecutionResourceActionName, LifecycleExecutionResourceStatus, LifecyclePolicyDetailExclusionRulesAmis,
} from '../../../generated/imagebuilder.js';
import type { ImageRecord } from './records.js';

export interface IncludeResources {
  amis?: boolean;
  snapshots?: boolean;
  containers?: boolean;
}

/** One AMI or container image of an image, as ListLifecycleExecutionResources shows it under its parent. */
export interface AssociatedResource {
  accountId: string;
  resourceId: string;
  region: string;
  status: LifecycleExecutionResourceStatus;
  reason?: string;
  action: LifecycleExecutionResourceActionName;
  snapshotIds?: string[];
  imageUris?: string[];
}

/** The snapshot behind an AMI (Kiln's AMIs have one root volume; the id shares the AMI's digits). */
export function snapshotIdOf(amiId: string): string {
  return `snap-${amiId.slice('ami-'.length)}`;
}

function amiDistribution(image: ImageRecord, ami: Ami) {
  return image.distributionConfiguration?.distributions?.find((d) => d.region === ami.region)?.amiDistributionConfiguration;
}

/** Why an exclusion rule keeps an AMI from the action, or undefined. */
export function amiExclusion(rules: LifecyclePolicyDetailExclusionRulesAmis | undefined, image: ImageRecord, ami: Ami): string | undefined {
  if (!rules) return undefined;
  const config = amiDistribution(image, ami);
  const permission = config?.launchPermission;
  if (rules.regions?.includes(ami.region!)) return `The AMI is in the excluded Region ${ami.region}.`;
  if (rules.isPublic && permission?.userGroups?.includes('all')) return 'The AMI is public.';
  const tag = Object.entries(rules.tagMap ?? {}).find(([key, value]) => config?.amiTags?.[key] === value);
  if (tag) return `The AMI has the excluded tag ${tag[0]}=${tag[1]}.`;
  const shared = rules.sharedAccounts?.find((account) => permission?.userIds?.includes(account));
  if (shared) return `The AMI is shared with the excluded account ${shared}.`;
  return undefined;
}

/** The AMIs or container images an action on the image takes along, each IN_PROGRESS or SKIPPED by an exclusion rule. */
export function associatedResources(
  image: ImageRecord, action: LifecycleExecutionResourceActionName, include: IncludeResources | undefined,
  rules: LifecyclePolicyDetailExclusionRulesAmis | undefined,
): AssociatedResource[] {
  const out: AssociatedResource[] = [];
  if (include?.amis || include?.snapshots) {
    for (const ami of image.outputResources?.amis ?? []) {
      const excluded = include.amis ? amiExclusion(rules, image, ami) : undefined;
      out.push({
        accountId: ami.accountId!, resourceId: ami.image!, region: ami.region!, action,
        status: excluded ? 'SKIPPED' : 'IN_PROGRESS', reason: excluded,
        snapshotIds: include.snapshots ? [snapshotIdOf(ami.image!)] : undefined,
      });
    }
  }
  if (include?.containers) {
    const account = image.arn.split(':')[4];
    for (const container of image.outputResources?.containers ?? []) {
      const uris = container.imageUris ?? [];
      out.push({ accountId: account, resourceId: uris[0] ?? '', region: container.region!, action, status: 'IN_PROGRESS', imageUris: uris });
    }
  }
  return out;
}
