/**
 * How IAM shows users and groups, who "the calling user" is, and the bookkeeping that renames
 * (UpdateUser, UpdateGroup) carry to every record that names a user or group.
 */
import { AwsError } from '../../../kernel/errors.js';
import type { Group, User } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { POLICY_BOUNDARIES, attachmentKey } from './attachments.js';
import { GROUP_MEMBERS, POLICY_ATTACHMENTS, nameKey, type GroupRecord, type UserRecord } from './entities.js';
import { BOUNDARY_TYPE } from './roles.js';
import { iamScope } from './scope.js';

/** A user may belong to at most 10 groups (IAM quota GroupsPerUser). */
export const MAX_GROUPS_PER_USER = 10;

/** The key of a membership record in GROUP_MEMBERS: `<group key>/<user key>` (names never contain '/'). */
export function memberKey(groupName: string, userName: string): string {
  return `${nameKey(groupName)}/${nameKey(userName)}`;
}

export function groupMembersPrefix(groupName: string): string {
  return `${nameKey(groupName)}/`;
}

/**
 * The User shape. List operations (ListUsers, GetGroup's Users) leave out the permissions
 * boundary and tags, as AWS documents for ListUsers.
 */
export function toUser(user: UserRecord, detail: 'full' | 'list' = 'full'): User {
  const out: User = {
    Path: user.Path,
    UserName: user.UserName,
    UserId: user.UserId,
    Arn: user.Arn,
    CreateDate: new Date(user.CreateDate),
  };
  if (detail === 'full') {
    if (user.PermissionsBoundaryArn) out.PermissionsBoundary = { PermissionsBoundaryType: BOUNDARY_TYPE, PermissionsBoundaryArn: user.PermissionsBoundaryArn };
    if (user.Tags.length > 0) out.Tags = user.Tags;
  }
  return out;
}

export function toGroup(group: GroupRecord): Group {
  return { Path: group.Path, GroupName: group.GroupName, GroupId: group.GroupId, Arn: group.Arn, CreateDate: new Date(group.CreateDate) };
}

export const NON_USER_CREDENTIALS = 'Must specify userName when calling with non-User credentials';

/**
 * The name of the IAM user who signs the request, for operations whose UserName defaults to
 * the caller. Undefined for the account root; a ValidationError for role sessions, as AWS answers.
 */
export function callerUserName(ctx: HandlerContext): string | undefined {
  const principal = ctx.scope.principal;
  if (principal.type === 'root') return undefined;
  if (principal.type !== 'user') throw new AwsError('ValidationError', NON_USER_CREDENTIALS);
  // arn:aws:iam::123456789012:user/some/path/name → name (the last path segment).
  const resource = principal.arn.slice(principal.arn.indexOf(':user/') + 1);
  return resource.slice(resource.lastIndexOf('/') + 1);
}

/**
 * Moves the index records of a renamed user or group that name it (see attachments.ts:
 * `<policy arn>/<kind>/<entity key>` → entity name, for its managed policies and its
 * permissions boundary), so that ListEntitiesForPolicy and the policies' counts keep finding it.
 */
export async function renameAttachments(
  ctx: HandlerContext, kind: 'User' | 'Group',
  record: { AttachedPolicyArns: readonly string[]; PermissionsBoundaryArn?: string }, oldName: string, newName: string,
): Promise<void> {
  const scope = iamScope(ctx.scope);
  const move = async (collection: string, arn: string) => {
    const oldKey = attachmentKey(arn, kind, oldName);
    if ((await ctx.tx.get<unknown>(collection, scope, oldKey)) === undefined) return;
    await ctx.tx.delete(collection, scope, oldKey);
    await ctx.tx.put(collection, scope, attachmentKey(arn, kind, newName), newName);
  };
  for (const arn of record.AttachedPolicyArns) await move(POLICY_ATTACHMENTS, arn);
  if (record.PermissionsBoundaryArn !== undefined) await move(POLICY_BOUNDARIES, record.PermissionsBoundaryArn);
}

/** Rewrites the membership records of a renamed user (the user's GroupNames stay as they are). */
export async function renameUserMemberships(ctx: HandlerContext, groupNames: readonly string[], oldName: string, newName: string): Promise<void> {
  const scope = iamScope(ctx.scope);
  for (const groupName of groupNames) {
    await ctx.tx.delete(GROUP_MEMBERS, scope, memberKey(groupName, oldName));
    await ctx.tx.put(GROUP_MEMBERS, scope, memberKey(groupName, newName), newName);
  }
}

/** Every membership record of a group, in key order. */
export async function listGroupMembers(ctx: HandlerContext, groupName: string): Promise<Array<{ key: string; userName: string }>> {
  const scope = iamScope(ctx.scope);
  const prefix = groupMembersPrefix(groupName);
  const out: Array<{ key: string; userName: string }> = [];
  let after: string | undefined;
  for (;;) {
    const batch = await ctx.tx.list<string>(GROUP_MEMBERS, scope, { prefix, after, limit: 1000 });
    for (const record of batch) out.push({ key: record.key, userName: record.value });
    if (batch.length < 1000) return out;
    after = batch[batch.length - 1].key;
  }
}
