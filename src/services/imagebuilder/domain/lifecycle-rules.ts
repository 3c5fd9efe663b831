/**
 * Which images a lifecycle policy's run acts on, and how (pure: no store, no clock). As the user
 * guide's "How lifecycle policy execution works" and "How lifecycle management rules work"
 * describe it:
 *
 * - Resource selection: images of the policy's type (AMI or container) built from one of its
 *   recipes (name, and a version that may hold `x` nodes), or carrying any of its `tagMap` pairs.
 * - Images with a build in progress are left for a later run.
 * - Images are grouped per recipe version and taken newest first. Rules apply in priority order,
 *   DEPRECATE, DISABLE, DELETE, and one action at most applies to an image per run.
 * - Retention: the newest images fill the rule's slots (COUNT: `value`; AGE: `retainAtLeast`)
 *   and stay. FAILED and CANCELLED images take no slot and always qualify for DELETE; for
 *   DEPRECATE and DISABLE they are never eligible. An image with an exclusion tag takes no slot
 *   either: inside the retention window it simply stays, beyond it it is SKIPPED with a reason.
 * - AGE: an image qualifies once it is older than `value` `unit`s (a month is 30 days and a year
 *   365, as AWS's CDK construct counts them).
 * - DEPRECATE skips images that are not AVAILABLE; DISABLE skips DISABLED ones; DELETE takes any.
 *
 * INFERRED: the guide describes COUNT filters for DELETE rules only; Kiln applies a COUNT to
 * DEPRECATE and DISABLE rules the same way (the newest `value` images stay).
 */
import type {
  LifecycleExecutionResourceActionName, LifecyclePolicyDetail, LifecyclePolicyDetailActionType, LifecyclePolicyResourceSelection,
  LifecyclePolicyResourceType, LifecyclePolicyTimeUnit,
} from '../../../generated/imagebuilder.js';
import { IN_PROGRESS } from './images.js';
import type { ImageRecord } from './records.js';
import { arnName } from './scope.js';
import { matchesWildcard } from './versions.js';

export interface PolicyRules {
  resourceType: LifecyclePolicyResourceType;
  policyDetails: LifecyclePolicyDetail[];
  resourceSelection: LifecyclePolicyResourceSelection;
}

/** What a run does with one image: the action of the rule that chose it and why, and why it is skipped if it is. */
export interface PlannedImage {
  image: ImageRecord;
  action: LifecycleExecutionResourceActionName;
  reason: string;
  rule: LifecyclePolicyDetail;
  skipReason?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const UNIT_MS: Record<LifecyclePolicyTimeUnit, number> = { DAYS: DAY_MS, WEEKS: 7 * DAY_MS, MONTHS: 30 * DAY_MS, YEARS: 365 * DAY_MS };

export function durationMs(value: number, unit: LifecyclePolicyTimeUnit): number {
  return value * UNIT_MS[unit];
}

const PRIORITY: LifecyclePolicyDetailActionType[] = ['DEPRECATE', 'DISABLE', 'DELETE'];
const ACTION_NAMES: Record<LifecyclePolicyDetailActionType, LifecycleExecutionResourceActionName> = {
  DEPRECATE: 'DEPRECATE', DISABLE: 'DISABLE', DELETE: 'DELETE',
};

/** Whether the policy's resource selection takes an image. */
export function selects(policy: PolicyRules, image: ImageRecord): boolean {
  if ((policy.resourceType === 'CONTAINER_IMAGE') !== (image.type === 'DOCKER')) return false;
  const { recipes, tagMap } = policy.resourceSelection;
  if (recipes?.length) {
    const recipe = image.imageRecipe ?? image.containerRecipe;
    return recipe !== undefined && recipes.some((r) => arnName(r.name) === arnName(recipe.name ?? '') && matchesWildcard(image.semanticVersion, r.semanticVersion));
  }
  return Object.entries(tagMap ?? {}).some(([key, value]) => image.tags?.[key] === value);
}

/** The image's tag that a rule's `exclusionRules.tagMap` names, as `key=value`, or undefined. */
function exclusionTag(rule: LifecyclePolicyDetail, image: ImageRecord): string | undefined {
  const hit = Object.entries(rule.exclusionRules?.tagMap ?? {}).find(([key, value]) => image.tags?.[key] === value);
  return hit && `${hit[0]}=${hit[1]}`;
}

function eligible(type: LifecyclePolicyDetailActionType, status: string): boolean {
  if (type === 'DEPRECATE') return status === 'AVAILABLE';
  if (type === 'DISABLE') return status === 'AVAILABLE' || status === 'DEPRECATED';
  return true;
}

function describe(rule: LifecyclePolicyDetail): string {
  const { filter } = rule;
  return filter.type === 'AGE'
    ? `older than ${filter.value} ${filter.unit}${filter.retainAtLeast ? `, beyond the ${filter.retainAtLeast} newest images of its version` : ''}`
    : `beyond the ${filter.value} newest images of its version`;
}

/** One rule over one recipe version's images (newest first); fills `planned` for the images it acts on or skips. */
function applyRule(rule: LifecyclePolicyDetail, images: ImageRecord[], planned: Map<string, PlannedImage>, now: number): void {
  const type = rule.action.type;
  const slots = rule.filter.type === 'COUNT' ? rule.filter.value : (rule.filter.retainAtLeast ?? 0);
  let used = 0;
  for (const image of images) {
    const status = image.state?.status ?? 'AVAILABLE';
    const unsuccessful = status === 'FAILED' || status === 'CANCELLED';
    const tag = exclusionTag(rule, image);
    if (!unsuccessful && !tag && used < slots) {
      used++;
      continue;
    }
    if (!unsuccessful && tag && used < slots) continue;
    if (unsuccessful && type !== 'DELETE') continue;
    if (!eligible(type, status)) continue;
    if (rule.filter.type === 'AGE' && now - Date.parse(image.dateCreated ?? '') < durationMs(rule.filter.value, rule.filter.unit!)) continue;
    const current = planned.get(image.arn);
    if (current && !current.skipReason) continue;
    const reason = `Matched the ${type} rule: ${unsuccessful ? `the image is ${status}` : describe(rule)}.`;
    if (tag) {
      planned.set(image.arn, current ?? { image, action: ACTION_NAMES[type], rule, reason, skipReason: `The image has the exclusion tag ${tag} of the ${type} rule.` });
      continue;
    }
    planned.set(image.arn, { image, action: ACTION_NAMES[type], rule, reason });
  }
}

/** What a run of the policy does with the images of its account and region, newest first. */
export function planRun(policy: PolicyRules, images: ImageRecord[], now: number): PlannedImage[] {
  const versions = new Map<string, ImageRecord[]>();
  for (const image of images) {
    if (IN_PROGRESS.has(image.state?.status ?? 'PENDING') || !selects(policy, image)) continue;
    const key = `${arnName(image.name ?? '')}/${image.semanticVersion}`;
    versions.set(key, [...(versions.get(key) ?? []), image]);
  }
  const planned = new Map<string, PlannedImage>();
  const rules = [...policy.policyDetails].sort((a, b) => PRIORITY.indexOf(a.action.type) - PRIORITY.indexOf(b.action.type));
  for (const group of versions.values()) {
    group.sort((a, b) => Date.parse(b.dateCreated ?? '') - Date.parse(a.dateCreated ?? '') || b.build - a.build);
    for (const rule of rules) applyRule(rule, group, planned, now);
  }
  return [...planned.values()].sort((a, b) => Date.parse(b.image.dateCreated ?? '') - Date.parse(a.image.dateCreated ?? '') || b.image.build - a.image.build);
}
