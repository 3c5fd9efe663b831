/**
 * The IAM entities besides roles: users, groups, managed policies and instance profiles, and the
 * index records that link them. Every record lives in the IAM scope (partition and account);
 * names are unique regardless of case, so keys are lower-cased names.
 */
import { AwsError } from '../../../kernel/errors.js';
import type { Tag } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { iamScope } from './scope.js';

export const USERS = 'iam.users';
export const GROUPS = 'iam.groups';
/** `<group key>/<user key>` → user name: the members of a group. */
export const GROUP_MEMBERS = 'iam.groupMembers';
/** Customer managed policies, keyed by lower-cased name (unique in an account whatever the path). */
export const POLICIES = 'iam.policies';
/** `<policy arn>/<Role|User|Group>/<entity key>` → entity name: who a policy is attached to. */
export const POLICY_ATTACHMENTS = 'iam.policyAttachments';
export const INSTANCE_PROFILES = 'iam.instanceProfiles';
export const ACCESS_KEYS = 'iam.accessKeys';

export function nameKey(name: string): string {
  return name.toLowerCase();
}

export interface UserRecord {
  UserName: string;
  UserId: string;
  Path: string;
  Arn: string;
  CreateDate: string;
  Tags: Tag[];
  PermissionsBoundaryArn?: string;
  InlinePolicies: Record<string, string>;
  AttachedPolicyArns: string[];
  /** Names of the groups the user belongs to. */
  GroupNames: string[];
}

export interface GroupRecord {
  GroupName: string;
  GroupId: string;
  Path: string;
  Arn: string;
  CreateDate: string;
  InlinePolicies: Record<string, string>;
  AttachedPolicyArns: string[];
}

export interface PolicyVersionRecord {
  VersionId: string;
  Document: string;
  CreateDate: string;
}

/** A customer managed policy (AWS managed policies are data, see data/aws-managed-policies). */
export interface PolicyRecord {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  Description?: string;
  CreateDate: string;
  UpdateDate: string;
  DefaultVersionId: string;
  Versions: PolicyVersionRecord[];
  /** The next version number to hand out (v1, v2, ...; numbers are never reused). */
  NextVersion: number;
  Tags: Tag[];
}

export interface InstanceProfileRecord {
  InstanceProfileName: string;
  InstanceProfileId: string;
  Path: string;
  Arn: string;
  CreateDate: string;
  /** Role names (an instance profile holds at most one role). */
  RoleNames: string[];
  Tags: Tag[];
}

export interface AccessKeyRecord {
  AccessKeyId: string;
  SecretAccessKey: string;
  UserName: string;
  Status: 'Active' | 'Inactive';
  CreateDate: string;
  LastUsed?: { LastUsedDate: string; ServiceName: string; Region: string };
}

async function getOrThrow<T>(ctx: HandlerContext, collection: string, name: string, message: string): Promise<T> {
  const record = await ctx.tx.get<T>(collection, iamScope(ctx.scope), nameKey(name));
  if (!record) throw new AwsError('NoSuchEntity', message);
  return record;
}

export function getUserOrThrow(ctx: HandlerContext, userName: string): Promise<UserRecord> {
  return getOrThrow(ctx, USERS, userName, `The user with name ${userName} cannot be found.`);
}

export function getGroupOrThrow(ctx: HandlerContext, groupName: string): Promise<GroupRecord> {
  return getOrThrow(ctx, GROUPS, groupName, `The group with name ${groupName} cannot be found.`);
}

export function getInstanceProfileOrThrow(ctx: HandlerContext, name: string): Promise<InstanceProfileRecord> {
  return getOrThrow(ctx, INSTANCE_PROFILES, name, `Instance Profile ${name} cannot be found.`);
}

export async function saveRecord<T>(ctx: HandlerContext, collection: string, name: string, record: T): Promise<void> {
  await ctx.tx.put(collection, iamScope(ctx.scope), nameKey(name), record);
}
