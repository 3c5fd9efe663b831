import { AwsError } from '../../../kernel/errors.js';
import type {
  ListEntitiesForPolicyRequest, ListEntitiesForPolicyResponse, PolicyGroup, PolicyRole, PolicyUser,
} from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { POLICY_BOUNDARIES, attachmentKey, isEntryOf, type AttachableEntityType } from '../domain/attachments.js';
import { GROUPS, POLICY_ATTACHMENTS, USERS, type GroupRecord, type UserRecord } from '../domain/entities.js';
import { DEFAULT_MAX_ITEMS } from '../domain/paging.js';
import { decodeCursor, encodeCursor, getPolicyOrThrow } from '../domain/policies.js';
import { ROLES, type RoleRecord } from '../domain/roles.js';
import { iamScope } from '../domain/scope.js';

interface Source {
  collection: string;
  type: AttachableEntityType;
  boundary: boolean;
}

const COLLECTION_OF: Record<AttachableEntityType, string> = { Role: ROLES, User: USERS, Group: GROUPS };
const BATCH = 200;

/**
 * Who uses a managed policy, from the attachment and boundary indexes: groups, roles, then users
 * with the policy attached, then roles and users with it as their permissions boundary.
 * EntityFilter picks one entity type (LocalManagedPolicy and AWSManagedPolicy match nothing: a
 * policy is never attached to a policy); PolicyUsageFilter picks one kind of use; PathPrefix is
 * matched against the entity's path. An entity that both has the policy attached and uses it as
 * its boundary is listed once. The marker is an opaque cursor (source and last index key).
 */
export async function ListEntitiesForPolicy(input: ListEntitiesForPolicyRequest, ctx: HandlerContext): Promise<ListEntitiesForPolicyResponse> {
  const { record: policy } = await getPolicyOrThrow(ctx, input.PolicyArn);
  const arn = policy.Arn;
  const scope = iamScope(ctx.scope);
  const maxItems = input.MaxItems ?? DEFAULT_MAX_ITEMS;
  const pathPrefix = input.PathPrefix ?? '/';
  const types: AttachableEntityType[] = (['Group', 'Role', 'User'] as const)
    .filter((type) => input.EntityFilter === undefined || input.EntityFilter === type);
  const sources: Source[] = [];
  if (input.PolicyUsageFilter !== 'PermissionsBoundary') {
    for (const type of types) sources.push({ collection: POLICY_ATTACHMENTS, type, boundary: false });
  }
  if (input.PolicyUsageFilter !== 'PermissionsPolicy') {
    for (const type of types) if (type !== 'Group') sources.push({ collection: POLICY_BOUNDARIES, type, boundary: true });
  }
  const bothUses = input.PolicyUsageFilter === undefined;

  let sourceIndex = 0;
  let after: string | undefined;
  if (input.Marker !== undefined) {
    const cursor = decodeCursor(input.Marker);
    if (!Array.isArray(cursor) || typeof cursor[0] !== 'number' || typeof cursor[1] !== 'string') throw new AwsError('InvalidInput', 'Invalid Marker.');
    [sourceIndex, after] = cursor as [number, string];
  }

  const out = { PolicyGroups: [] as PolicyGroup[], PolicyRoles: [] as PolicyRole[], PolicyUsers: [] as PolicyUser[] };
  let count = 0;
  let last: [number, string] | undefined;
  for (; sourceIndex < sources.length; sourceIndex++, after = undefined) {
    const source = sources[sourceIndex];
    const prefix = `${arn}/${source.type}/`;
    for (;;) {
      const records = await ctx.tx.list<string>(source.collection, scope, { prefix, after: after ?? undefined, limit: BATCH });
      for (const record of records) {
        after = record.key;
        if (!isEntryOf(arn, record.key)) continue;
        const entityName = record.value;
        if (source.boundary && bothUses && (await ctx.tx.get(POLICY_ATTACHMENTS, scope, attachmentKey(arn, source.type, entityName))) !== undefined) continue;
        const entity = await ctx.tx.get<RoleRecord & UserRecord & GroupRecord>(COLLECTION_OF[source.type], scope, record.key.slice(prefix.length));
        if (!entity || !entity.Path.startsWith(pathPrefix)) continue;
        if (count === maxItems) {
          return { ...out, IsTruncated: true, Marker: encodeCursor(last!) };
        }
        if (source.type === 'Group') out.PolicyGroups.push({ GroupName: entity.GroupName, GroupId: entity.GroupId });
        else if (source.type === 'Role') out.PolicyRoles.push({ RoleName: entity.RoleName, RoleId: entity.RoleId });
        else out.PolicyUsers.push({ UserName: entity.UserName, UserId: entity.UserId });
        count++;
        last = [sourceIndex, record.key];
      }
      if (records.length < BATCH) break;
    }
  }
  return { ...out, IsTruncated: false };
}
