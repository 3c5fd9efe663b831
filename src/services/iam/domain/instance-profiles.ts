/**
 * Instance profiles: a named container for at most one role, which EC2 (and Image Builder) hand
 * to an instance. The profile keeps the names of its roles and each role the names of its
 * profiles (RoleRecord.InstanceProfileNames); the operations that change one change the other in
 * the same transaction.
 */
import { AwsError } from '../../../kernel/errors.js';
import type { InstanceProfile, Role, Tag } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { INSTANCE_PROFILES, nameKey, saveRecord, type InstanceProfileRecord } from './entities.js';
import { findRole, type RoleRecord } from './roles.js';
import { iamScope } from './scope.js';
import { MAX_TAGS, checkNoDuplicateKeys } from './tags.js';

export { INSTANCE_PROFILES, type InstanceProfileRecord } from './entities.js';

/** AWS allows one role per instance profile and says so with this quota name. */
export const MAX_ROLES_PER_INSTANCE_PROFILE = 1;

/**
 * The profile of this name (any letter case) and the role it holds, if any. Image Builder calls
 * this, through IAM's public API, to resolve an infrastructure configuration's instance profile.
 */
export async function findInstanceProfile(
  ctx: HandlerContext, name: string,
): Promise<{ profile: InstanceProfileRecord; role?: RoleRecord } | undefined> {
  const profile = await ctx.tx.get<InstanceProfileRecord>(INSTANCE_PROFILES, iamScope(ctx.scope), nameKey(name));
  if (!profile) return undefined;
  const role = profile.RoleNames.length > 0 ? await findRole(ctx, profile.RoleNames[0]) : undefined;
  return role ? { profile, role } : { profile };
}

export function saveInstanceProfile(ctx: HandlerContext, profile: InstanceProfileRecord): Promise<void> {
  return saveRecord(ctx, INSTANCE_PROFILES, profile.InstanceProfileName, profile);
}

export async function deleteInstanceProfileRecord(ctx: HandlerContext, profile: InstanceProfileRecord): Promise<void> {
  await ctx.tx.delete(INSTANCE_PROFILES, iamScope(ctx.scope), nameKey(profile.InstanceProfileName));
}

export function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * A role as it appears inside an instance profile. Real responses (GetInstanceProfile,
 * ListInstanceProfiles, ListInstanceProfilesForRole, the InstanceProfileList of
 * GetAccountAuthorizationDetails) carry only these six members: no Description,
 * MaxSessionDuration, PermissionsBoundary, Tags or RoleLastUsed, even when the role has them
 * (LocalStack's snapshots recorded against AWS in 2026; CLI examples).
 */
export function toProfileRole(role: RoleRecord): Role {
  return {
    Path: role.Path,
    RoleName: role.RoleName,
    RoleId: role.RoleId,
    Arn: role.Arn,
    CreateDate: new Date(role.CreateDate),
    AssumeRolePolicyDocument: role.AssumeRolePolicyDocument,
  };
}

/**
 * The InstanceProfile shape. Tags: GetInstanceProfile always sends them (an empty list when
 * there are none); CreateInstanceProfile only when some were given; the list operations never.
 */
export async function toInstanceProfile(
  ctx: HandlerContext, profile: InstanceProfileRecord, tags: 'always' | 'ifAny' | 'never',
): Promise<InstanceProfile> {
  const roles: Role[] = [];
  for (const roleName of profile.RoleNames) {
    const role = await findRole(ctx, roleName);
    if (role) roles.push(toProfileRole(role));
  }
  const out: InstanceProfile = {
    Path: profile.Path,
    InstanceProfileName: profile.InstanceProfileName,
    InstanceProfileId: profile.InstanceProfileId,
    Arn: profile.Arn,
    CreateDate: new Date(profile.CreateDate),
    Roles: roles,
  };
  if (tags === 'always' || (tags === 'ifAny' && profile.Tags.length > 0)) out.Tags = profile.Tags;
  return out;
}

