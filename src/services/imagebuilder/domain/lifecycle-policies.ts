/**
 * Lifecycle policies as records (LIFECYCLE_POLICIES, keyed by the ARN-normalised name, as the
 * other unversioned resources): their ARNs, lookups, the checks Create and Update share (the
 * execution role, the rules, the resource selection) and the output shapes. Timestamps are kept
 * as ISO strings and answered as timestamps.
 *
 * The checks beyond the model's constraints follow the AWS user guide and the validations of
 * AWS's own CDK construct (aws-imagebuilder-alpha `lifecycle-policy.ts`); their wording is Kiln's,
 * in AWS's parameter-validation form.
 */
import { AwsError } from '../../../kernel/errors.js';
import type {
  LifecyclePolicy, LifecyclePolicyDetail, LifecyclePolicyResourceSelection, LifecyclePolicyResourceType, LifecyclePolicyStatus,
  LifecyclePolicySummary,
} from '../../../generated/imagebuilder.js';
import { findRoleIn, type RoleRecord } from '../../iam/public.js';
import type { HandlerContext } from '../../types.js';
import { passExecutionRole } from './execution-role.js';
import { arnName, ibArn, ibScope } from './scope.js';
import { LIFECYCLE_POLICIES } from './tagged-resources.js';
import { checkWildcardVersion } from './versions.js';

export { LIFECYCLE_POLICIES };

export interface LifecyclePolicyRecord {
  arn: string;
  name: string;
  description?: string;
  status: LifecyclePolicyStatus;
  executionRole: string;
  resourceType: LifecyclePolicyResourceType;
  policyDetails: LifecyclePolicyDetail[];
  resourceSelection: LifecyclePolicyResourceSelection;
  dateCreated: string;
  dateUpdated?: string;
  dateLastRun?: string;
  tags: Record<string, string>;
  /** Kiln's own: the daily run that belongs to the policy as it is now (lifecycle-schedule.ts). */
  scheduleId?: string;
}

/** The settings Create and Update share. */
export interface LifecyclePolicySettings {
  description?: string;
  status?: LifecyclePolicyStatus;
  executionRole: string;
  resourceType: LifecyclePolicyResourceType;
  policyDetails: LifecyclePolicyDetail[];
  resourceSelection: LifecyclePolicyResourceSelection;
}

const POLICY_ARN = /^arn:([^:]+):imagebuilder:([^:]+):([^:]+):lifecycle-policy\/([a-z0-9-_]+)$/;

export function lifecyclePolicyArn(ctx: HandlerContext, name: string): string {
  return ibArn(ctx.scope, `lifecycle-policy/${arnName(name)}`);
}

export function lifecyclePolicyNotFound(arn: string): AwsError {
  // Kiln's wording, as for the other resources: AWS's text is not documented.
  return new AwsError('ResourceNotFoundException', `The resource ARN '${arn}' does not exist.`);
}

/** The store key of the policy an ARN names in the caller's account and region, or undefined. */
export function lifecyclePolicyKey(ctx: Pick<HandlerContext, 'scope'>, arn: string): string | undefined {
  const m = POLICY_ARN.exec(arn);
  if (!m || m[1] !== ctx.scope.partition || m[2] !== ctx.scope.region || m[3] !== ctx.scope.account) return undefined;
  return m[4];
}

export async function findLifecyclePolicy(ctx: Pick<HandlerContext, 'scope' | 'tx'>, arn: string): Promise<LifecyclePolicyRecord | undefined> {
  const key = lifecyclePolicyKey(ctx, arn);
  return key === undefined ? undefined : ctx.tx.get<LifecyclePolicyRecord>(LIFECYCLE_POLICIES, ibScope(ctx.scope), key);
}

export async function getLifecyclePolicy(ctx: HandlerContext, arn: string): Promise<LifecyclePolicyRecord> {
  const record = await findLifecyclePolicy(ctx, arn);
  if (!record) throw lifecyclePolicyNotFound(arn);
  return record;
}

export async function saveLifecyclePolicy(ctx: Pick<HandlerContext, 'scope' | 'tx'>, record: LifecyclePolicyRecord): Promise<void> {
  await ctx.tx.put(LIFECYCLE_POLICIES, ibScope(ctx.scope), lifecyclePolicyKey(ctx, record.arn)!, record);
}

function invalid(parameter: string, detail: string): AwsError {
  return new AwsError('InvalidParameterValueException', `The value supplied for parameter '${parameter}' is not valid. ${detail}`);
}

/** The role a name or ARN names: an ARN's own account, or the caller's; the name is the part after the last `/` (a path may come first). */
export async function findExecutionRole(ctx: Pick<HandlerContext, 'scope' | 'tx'>, nameOrArn: string): Promise<RoleRecord | undefined> {
  const arn = /^arn:([^:]+):iam::([0-9]{12}):role\/(.+)$/.exec(nameOrArn);
  const account = arn ? arn[2] : ctx.scope.account;
  const name = (arn ? arn[3] : nameOrArn).split('/').pop()!;
  if (arn && arn[1] !== ctx.scope.partition) return undefined;
  return findRoleIn(ctx.tx, ctx.scope.partition, account, name);
}

/**
 * The execution role must exist, and passing it to Image Builder needs `iam:PassRole` on it (as
 * the instance profile's role of an infrastructure configuration). AWS's text for a missing role
 * is not documented; this is the wording AWS uses for a missing instance profile.
 */
export async function checkExecutionRole(ctx: HandlerContext, nameOrArn: string, parameter = 'executionRole'): Promise<RoleRecord> {
  const role = await findExecutionRole(ctx, nameOrArn);
  if (!role) throw invalid(parameter, 'The provided execution role does not exist. Please specify a different execution role and try again.');
  await passExecutionRole(ctx, role.Arn);
  return role;
}

/** The rules and the resource selection, as AWS's console and CDK construct require them. */
export function checkPolicySettings(input: LifecyclePolicySettings): void {
  const selection = input.resourceSelection;
  const hasRecipes = (selection.recipes?.length ?? 0) > 0;
  const hasTags = Object.keys(selection.tagMap ?? {}).length > 0;
  if (hasRecipes === hasTags) {
    throw invalid('resourceSelection', 'Specify either recipes or tagMap to select the resources the policy applies to, but not both.');
  }
  selection.recipes?.forEach((r, i) => checkWildcardVersion(r.semanticVersion, `resourceSelection.recipes[${i}].semanticVersion`));
  const seen = new Set<string>();
  input.policyDetails.forEach((detail, i) => {
    const at = `policyDetails[${i}]`;
    if (seen.has(detail.action.type)) throw invalid(`${at}.action.type`, `A lifecycle policy can have only one ${detail.action.type} rule.`);
    seen.add(detail.action.type);
    const { filter } = detail;
    // A COUNT filter's `unit` and `retainAtLeast` are documented for AGE filters only: ignored, not refused.
    if (filter.type === 'AGE' && !filter.unit) throw invalid(`${at}.filter.unit`, 'An AGE filter needs a unit (DAYS, WEEKS, MONTHS or YEARS).');
    const include = detail.action.includeResources;
    if (input.resourceType === 'CONTAINER_IMAGE') {
      if (detail.action.type !== 'DELETE') throw invalid(`${at}.action.type`, 'Container image policies support only DELETE rules.');
      if (include?.amis || include?.snapshots) throw invalid(`${at}.action.includeResources`, 'Container image policies cannot include AMIs or snapshots.');
      if (detail.exclusionRules?.amis) throw invalid(`${at}.exclusionRules.amis`, 'Container image policies cannot exclude AMIs.');
    } else if (include?.containers) {
      throw invalid(`${at}.action.includeResources.containers`, 'AMI image policies cannot include containers.');
    }
    if (include?.snapshots && detail.action.type !== 'DELETE') {
      throw invalid(`${at}.action.includeResources.snapshots`, 'Snapshots can be included only in DELETE rules.');
    }
  });
}

/** The record's settings, as Create and Update store them (status defaults to ENABLED). */
export function policySettings(input: LifecyclePolicySettings): Omit<LifecyclePolicyRecord, 'arn' | 'name' | 'dateCreated' | 'tags'> {
  return {
    description: input.description, status: input.status ?? 'ENABLED', executionRole: input.executionRole,
    resourceType: input.resourceType, policyDetails: input.policyDetails, resourceSelection: input.resourceSelection,
  };
}

const date = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso));

export function toLifecyclePolicy(r: LifecyclePolicyRecord): LifecyclePolicy {
  return {
    arn: r.arn, name: r.name, description: r.description, status: r.status, executionRole: r.executionRole,
    resourceType: r.resourceType, policyDetails: r.policyDetails, resourceSelection: r.resourceSelection,
    dateCreated: date(r.dateCreated), dateUpdated: date(r.dateUpdated), dateLastRun: date(r.dateLastRun), tags: r.tags,
  };
}

export function toLifecyclePolicySummary(r: LifecyclePolicyRecord): LifecyclePolicySummary {
  return {
    arn: r.arn, name: r.name, description: r.description, status: r.status, executionRole: r.executionRole,
    resourceType: r.resourceType, dateCreated: date(r.dateCreated), dateUpdated: date(r.dateUpdated),
    dateLastRun: date(r.dateLastRun), tags: r.tags,
  };
}
