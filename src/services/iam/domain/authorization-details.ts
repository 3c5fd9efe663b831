/**
 * GetAccountAuthorizationDetails: the account's users, groups, roles and managed policies with
 * their relationships, paged as one list (users, then groups, roles, customer managed policies,
 * AWS managed policies), each kind in its store key order.
 *
 * Shapes follow responses recorded against AWS (LocalStack's GetAccountAuthorizationDetails
 * snapshots, February 2026): all four lists are always present, empty when filtered out; a user
 * shows UserPolicyList only when it has inline policies, while GroupPolicyList, RolePolicyList,
 * AttachedManagedPolicies, GroupList, InstanceProfileList and Tags come as empty lists; a role
 * always has RoleLastUsed ({} when unused). AWS managed policies appear only when something in the
 * account uses them.
 */
import { AwsError } from '../../../kernel/errors.js';
import type {
  AttachedPolicy, EntityType, GroupDetail, ManagedPolicyDetail, PolicyDetail, PolicyVersion, RoleDetail, UserDetail,
} from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { findAwsManagedPolicy } from './aws-managed-policies.js';
import { GROUPS, POLICIES, POLICY_ATTACHMENTS, USERS, type GroupRecord, type PolicyRecord, type UserRecord } from './entities.js';
import { findInstanceProfile, toInstanceProfile } from './instance-profiles.js';
import { ROLES, type RoleRecord, BOUNDARY_TYPE } from './roles.js';
import { iamScope } from './scope.js';

export const SECTIONS: readonly EntityType[] = ['User', 'Group', 'Role', 'LocalManagedPolicy', 'AWSManagedPolicy'];

type SectionValue = UserRecord | GroupRecord | RoleRecord | PolicyRecord | string;

export interface Entry {
  section: number;
  key: string;
  value: SectionValue;
}

// The marker is opaque to callers: base64url of [section index, last key of the page].
export function encodeDetailsMarker(section: number, key: string): string {
  return Buffer.from(JSON.stringify([section, key]), 'utf8').toString('base64url');
}

export function decodeDetailsMarker(marker: string): { section: number; key: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(marker, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) && parsed.length === 2 && Number.isInteger(parsed[0]) && parsed[0] >= 0 && parsed[0] < SECTIONS.length
      && typeof parsed[1] === 'string' && encodeDetailsMarker(parsed[0], parsed[1]) === marker
    ) {
      return { section: parsed[0], key: parsed[1] };
    }
  } catch {
    // falls through to the error below
  }
  throw new AwsError('InvalidInput', 'Invalid Marker.');
}

export function isAwsManagedArn(arn: string): boolean {
  return /^arn:[^:]+:iam::aws:policy\//.test(arn);
}

/** An attachment key is `<policy arn>/<Role|User|Group>/<entity key>`; the ARN may itself contain '/'. */
function attachmentArn(key: string): string | undefined {
  const end = key.lastIndexOf('/');
  const mid = end > 0 ? key.lastIndexOf('/', end - 1) : -1;
  if (mid <= 0) return undefined;
  const kind = key.slice(mid + 1, end);
  return kind === 'Role' || kind === 'User' || kind === 'Group' ? key.slice(0, mid) : undefined;
}

/** Attachment and boundary counts of every managed policy in use, computed once per call when a policy is shown. */
export class PolicyUsage {
  private attachments?: Map<string, number>;
  private boundaries?: Map<string, number>;

  constructor(private readonly ctx: HandlerContext) {}

  private async load(): Promise<void> {
    if (this.attachments && this.boundaries) return;
    const scope = iamScope(this.ctx.scope);
    const attachments = new Map<string, number>();
    for (const record of await this.ctx.tx.list<unknown>(POLICY_ATTACHMENTS, scope)) {
      const arn = attachmentArn(record.key);
      if (arn) attachments.set(arn, (attachments.get(arn) ?? 0) + 1);
    }
    const boundaries = new Map<string, number>();
    const users = await this.ctx.tx.list<UserRecord>(USERS, scope);
    const roles = await this.ctx.tx.list<RoleRecord>(ROLES, scope);
    for (const { value } of [...users, ...roles]) {
      const arn = value.PermissionsBoundaryArn;
      if (arn) boundaries.set(arn, (boundaries.get(arn) ?? 0) + 1);
    }
    this.attachments = attachments;
    this.boundaries = boundaries;
  }

  async attachmentCount(arn: string): Promise<number> {
    await this.load();
    return this.attachments!.get(arn) ?? 0;
  }

  async boundaryCount(arn: string): Promise<number> {
    await this.load();
    return this.boundaries!.get(arn) ?? 0;
  }

  /** The AWS managed policies the account uses (attached, or set as a permissions boundary), by ARN. */
  async awsManagedInUse(): Promise<string[]> {
    await this.load();
    const arns = new Set([...this.attachments!.keys(), ...this.boundaries!.keys()].filter(isAwsManagedArn));
    return [...arns].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }
}

/** Up to `limit` entries of one section whose keys sort after `after`. */
export async function listSection(ctx: HandlerContext, usage: PolicyUsage, section: number, after: string | undefined, limit: number): Promise<Entry[]> {
  const scope = iamScope(ctx.scope);
  const collection = [USERS, GROUPS, ROLES, POLICIES][section];
  if (collection !== undefined) {
    const records = await ctx.tx.list<SectionValue>(collection, scope, { after, limit });
    return records.map((record) => ({ section, key: record.key, value: record.value }));
  }
  const arns = (await usage.awsManagedInUse()).filter((arn) => after === undefined || arn > after);
  return arns.slice(0, limit).map((arn) => ({ section, key: arn, value: arn }));
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function inlinePolicies(policies: Record<string, string>): PolicyDetail[] {
  return Object.keys(policies).sort(byName).map((name) => ({ PolicyName: name, PolicyDocument: policies[name] }));
}

function attachedPolicies(arns: readonly string[]): AttachedPolicy[] {
  return arns.map((arn) => ({ PolicyName: arn.slice(arn.lastIndexOf('/') + 1), PolicyArn: arn }));
}

function boundary(arn: string | undefined): UserDetail['PermissionsBoundary'] {
  return arn ? { PermissionsBoundaryType: BOUNDARY_TYPE, PermissionsBoundaryArn: arn } : undefined;
}

export function toUserDetail(user: UserRecord): UserDetail {
  const out: UserDetail = {
    Path: user.Path,
    UserName: user.UserName,
    UserId: user.UserId,
    Arn: user.Arn,
    CreateDate: new Date(user.CreateDate),
  };
  const inline = inlinePolicies(user.InlinePolicies ?? {});
  if (inline.length > 0) out.UserPolicyList = inline;
  out.GroupList = [...(user.GroupNames ?? [])];
  out.AttachedManagedPolicies = attachedPolicies(user.AttachedPolicyArns ?? []);
  const pb = boundary(user.PermissionsBoundaryArn);
  if (pb) out.PermissionsBoundary = pb;
  out.Tags = user.Tags ?? [];
  return out;
}

export function toGroupDetail(group: GroupRecord): GroupDetail {
  return {
    Path: group.Path,
    GroupName: group.GroupName,
    GroupId: group.GroupId,
    Arn: group.Arn,
    CreateDate: new Date(group.CreateDate),
    GroupPolicyList: inlinePolicies(group.InlinePolicies ?? {}),
    AttachedManagedPolicies: attachedPolicies(group.AttachedPolicyArns ?? []),
  };
}

export async function toRoleDetail(ctx: HandlerContext, role: RoleRecord): Promise<RoleDetail> {
  const profiles = [];
  for (const name of [...role.InstanceProfileNames].sort((a, b) => byName(a.toLowerCase(), b.toLowerCase()))) {
    const found = await findInstanceProfile(ctx, name);
    if (found) profiles.push(await toInstanceProfile(ctx, found.profile, 'never'));
  }
  const out: RoleDetail = {
    Path: role.Path,
    RoleName: role.RoleName,
    RoleId: role.RoleId,
    Arn: role.Arn,
    CreateDate: new Date(role.CreateDate),
    AssumeRolePolicyDocument: role.AssumeRolePolicyDocument,
    InstanceProfileList: profiles,
    RolePolicyList: inlinePolicies(role.InlinePolicies),
    AttachedManagedPolicies: attachedPolicies(role.AttachedPolicyArns),
  };
  const pb = boundary(role.PermissionsBoundaryArn);
  if (pb) out.PermissionsBoundary = pb;
  out.Tags = role.Tags;
  out.RoleLastUsed = role.RoleLastUsed ? { LastUsedDate: new Date(role.RoleLastUsed.LastUsedDate), Region: role.RoleLastUsed.Region } : {};
  return out;
}

/** Newest version first, as AWS lists them. */
function versionNumber(versionId: string): number {
  return Number(versionId.replace(/^v/, '')) || 0;
}

export async function toCustomerPolicyDetail(usage: PolicyUsage, policy: PolicyRecord): Promise<ManagedPolicyDetail> {
  const versions: PolicyVersion[] = [...policy.Versions]
    .sort((a, b) => versionNumber(b.VersionId) - versionNumber(a.VersionId))
    .map((version) => ({
      Document: version.Document,
      VersionId: version.VersionId,
      IsDefaultVersion: version.VersionId === policy.DefaultVersionId,
      CreateDate: new Date(version.CreateDate),
    }));
  const out: ManagedPolicyDetail = {
    PolicyName: policy.PolicyName,
    PolicyId: policy.PolicyId,
    Arn: policy.Arn,
    Path: policy.Path,
    DefaultVersionId: policy.DefaultVersionId,
    AttachmentCount: await usage.attachmentCount(policy.Arn),
    PermissionsBoundaryUsageCount: await usage.boundaryCount(policy.Arn),
    IsAttachable: true,
  };
  if (policy.Description !== undefined) out.Description = policy.Description;
  out.CreateDate = new Date(policy.CreateDate);
  out.UpdateDate = new Date(policy.UpdateDate);
  out.PolicyVersionList = versions;
  return out;
}

/**
 * An AWS managed policy in use. Kiln's data holds only each policy's default version, so that is
 * the one version listed (AWS lists every version it keeps).
 */
export async function toAwsPolicyDetail(usage: PolicyUsage, arn: string): Promise<ManagedPolicyDetail | undefined> {
  const policy = findAwsManagedPolicy(arn);
  if (!policy) return undefined;
  const out: ManagedPolicyDetail = {
    PolicyName: policy.PolicyName,
    PolicyId: policy.PolicyId,
    Arn: arn,
    Path: policy.Path,
    DefaultVersionId: policy.DefaultVersionId,
    AttachmentCount: await usage.attachmentCount(arn),
    PermissionsBoundaryUsageCount: await usage.boundaryCount(arn),
    IsAttachable: true,
  };
  if (policy.Description !== undefined) out.Description = policy.Description;
  out.CreateDate = new Date(policy.CreateDate);
  out.UpdateDate = new Date(policy.UpdateDate);
  out.PolicyVersionList = [{
    Document: policy.Document,
    VersionId: policy.DefaultVersionId,
    IsDefaultVersion: true,
    CreateDate: new Date(policy.UpdateDate),
  }];
  return out;
}
