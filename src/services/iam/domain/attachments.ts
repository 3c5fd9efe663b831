/**
 * The one place that attaches and detaches managed policies, sets permissions boundaries, and
 * counts both. Every change updates the entity record and the index records in the caller's
 * transaction:
 *
 *  - POLICY_ATTACHMENTS: `<policy arn>/<Role|User|Group>/<entity key>` → entity name
 *  - POLICY_BOUNDARIES:  `<policy arn>/<Role|User>/<entity key>` → entity name
 *
 * Entity keys are lower-cased names, and names never contain `/`, so the entries of one policy
 * are exactly the keys under `<arn>/` with two more segments (a policy whose ARN extends another
 * one's, e.g. policy `/A/Role/x` next to policy `A`, is told apart by that rule). Indexes always
 * use the policy's canonical ARN (as stored), whatever letter case a request spelt it in.
 */
import { AwsError } from '../../../kernel/errors.js';
import type { AttachedPolicy } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { GROUPS, POLICY_ATTACHMENTS, USERS, getGroupOrThrow, getUserOrThrow, nameKey, saveRecord } from './entities.js';
import {
  SERVICE_ROLE_POLICY_PATH, assertArnSyntax, findPolicy, invalidArn, pageList, parsePolicyArn, policyNameAndPath, policyNotFound,
  type FoundPolicy,
} from './policies.js';
import { assertModifiable, getRoleOrThrow, isServiceLinked, saveRole } from './roles.js';
import { iamScope } from './scope.js';

export type AttachableEntityType = 'Role' | 'User' | 'Group';
export type BoundedEntityType = 'Role' | 'User';

/** `<policy arn>/<Role|User>/<entity key>` → entity name: which entities use a policy as their permissions boundary. */
export const POLICY_BOUNDARIES = 'iam.policyBoundaries';

/** Managed policies per role, user or group (IAM's default quota). */
export const MAX_ATTACHED_POLICIES = 10;

export interface AttachOptions {
  /**
   * The change is a customer's API call (Attach*Policy, Detach*Policy): a service-linked role is
   * protected (UnmodifiableEntity) and a service-role policy attaches to nothing
   * (PolicyNotAttachable). Without it the change is AWS's own, e.g. a service creating or
   * deleting its service-linked role, and those two rules do not apply.
   */
  asCustomer?: boolean;
}

/** What attach/detach needs to know about a role, user or group. */
interface EntityHandle {
  type: AttachableEntityType;
  name: string;
  id: string;
  path: string;
  record: { AttachedPolicyArns: string[]; PermissionsBoundaryArn?: string };
  serviceLinked: boolean;
  /** Throws UnmodifiableEntity for a service-linked role. */
  assertModifiable(): void;
  save(): Promise<void>;
}

async function loadEntity(ctx: HandlerContext, type: AttachableEntityType, name: string): Promise<EntityHandle> {
  switch (type) {
    case 'Role': {
      const role = await getRoleOrThrow(ctx, name);
      return {
        type, name: role.RoleName, id: role.RoleId, path: role.Path, record: role, serviceLinked: isServiceLinked(role),
        assertModifiable: () => assertModifiable(role), save: () => saveRole(ctx, role),
      };
    }
    case 'User': {
      const user = await getUserOrThrow(ctx, name);
      return {
        type, name: user.UserName, id: user.UserId, path: user.Path, record: user, serviceLinked: false,
        assertModifiable: () => undefined, save: () => saveRecord(ctx, USERS, user.UserName, user),
      };
    }
    case 'Group': {
      const group = await getGroupOrThrow(ctx, name);
      return {
        type, name: group.GroupName, id: group.GroupId, path: group.Path, record: group, serviceLinked: false,
        assertModifiable: () => undefined, save: () => saveRecord(ctx, GROUPS, group.GroupName, group),
      };
    }
  }
}

export function attachmentKey(policyArn: string, type: AttachableEntityType, entityName: string): string {
  return `${policyArn}/${type}/${nameKey(entityName)}`;
}

/** Splits an index key into the policy ARN, entity type and entity key. */
export function parseUsageKey(key: string): { policyArn: string; type: AttachableEntityType; entityKey: string } | undefined {
  const match = /^(.*)\/(Role|User|Group)\/([^/]+)$/.exec(key);
  return match ? { policyArn: match[1], type: match[2] as AttachableEntityType, entityKey: match[3] } : undefined;
}

/** Whether an index key under `<arn>/` belongs to exactly that policy (see the module note). */
export function isEntryOf(policyArn: string, key: string): boolean {
  return key.startsWith(`${policyArn}/`) && /^(Role|User|Group)\/[^/]+$/.test(key.slice(policyArn.length + 1));
}

/** `Policy <arn> does not exist or is not attachable.` (404), the answer to attaching a policy that is not there. */
export function policyNotAttachableOrMissing(arn: string): AwsError {
  return new AwsError('NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`);
}

/**
 * The customer or AWS managed policy an ARN names, for attaching. A text that is no ARN at all
 * is a ValidationError (`ARN x is not valid.`, as AWS answers AttachRolePolicy); an ARN of
 * nothing attachable is NoSuchEntity.
 */
export async function resolvePolicy(ctx: HandlerContext, arn: string): Promise<FoundPolicy> {
  assertArnSyntax(arn);
  const found = await findPolicy(ctx, arn);
  if (!found) throw policyNotAttachableOrMissing(arn);
  return found;
}

/** AWS managed policies under /aws-service-role/ belong to service-linked roles only. */
export function isServiceRolePolicy(policy: FoundPolicy): boolean {
  return policy.awsManaged && policy.record.Path.startsWith(SERVICE_ROLE_POLICY_PATH);
}

/**
 * PolicyNotAttachable (400). For roles the text is AWS's own (GH aws/aws-cdk#6131); for users
 * and groups AWS's wording is unknown and this follows the role message (INFERRED).
 */
export function serviceRolePolicyNotAttachable(type: AttachableEntityType): AwsError {
  return new AwsError('PolicyNotAttachable', `Cannot attach a Service Role Policy to a Customer ${type}.`);
}

/**
 * Attaches a managed policy to a role, user or group. Checks, in order: the ARN's syntax, the
 * entity, that a role is not service-linked, the policy, the service-role-policy rule, then the
 * quota. Attaching a policy that is already attached changes nothing.
 */
export async function attachPolicy(
  ctx: HandlerContext, entityType: AttachableEntityType, entityName: string, policyArn: string, options: AttachOptions = {},
): Promise<void> {
  assertArnSyntax(policyArn);
  const entity = await loadEntity(ctx, entityType, entityName);
  if (options.asCustomer) entity.assertModifiable();
  const policy = await resolvePolicy(ctx, policyArn);
  if (options.asCustomer && isServiceRolePolicy(policy)) throw serviceRolePolicyNotAttachable(entityType);
  const arn = policy.record.Arn;
  if (entity.record.AttachedPolicyArns.includes(arn)) return;
  if (entity.record.AttachedPolicyArns.length >= MAX_ATTACHED_POLICIES) {
    throw new AwsError('LimitExceeded', `Cannot exceed quota for PoliciesPer${entityType}: ${MAX_ATTACHED_POLICIES}`);
  }
  entity.record.AttachedPolicyArns.push(arn);
  await entity.save();
  await indexAttachment(ctx, arn, entityType, entity.name);
}

/** Adds an attachment to the policy's index (the entity's own AttachedPolicyArns are the caller's to save). */
export async function indexAttachment(ctx: HandlerContext, policyArn: string, entityType: AttachableEntityType, entityName: string): Promise<void> {
  await ctx.tx.put(POLICY_ATTACHMENTS, iamScope(ctx.scope), attachmentKey(policyArn, entityType, entityName), entityName);
}

/** The attached ARN a request's ARN means: the same text, or the same policy spelt in another letter case. */
async function attachedArnFor(ctx: HandlerContext, attached: string[], policyArn: string): Promise<string | undefined> {
  if (attached.includes(policyArn)) return policyArn;
  const found = await findPolicy(ctx, policyArn);
  return found && attached.includes(found.record.Arn) ? found.record.Arn : undefined;
}

/**
 * Detaches a managed policy. A policy that is not attached (whether or not it exists) is
 * NoSuchEntity `Policy <arn> was not found.` (LS-SNAP).
 */
export async function detachPolicy(
  ctx: HandlerContext, entityType: AttachableEntityType, entityName: string, policyArn: string, options: AttachOptions = {},
): Promise<void> {
  assertArnSyntax(policyArn);
  const entity = await loadEntity(ctx, entityType, entityName);
  if (options.asCustomer) entity.assertModifiable();
  const arn = await attachedArnFor(ctx, entity.record.AttachedPolicyArns, policyArn);
  if (arn === undefined) throw policyNotFound(policyArn);
  entity.record.AttachedPolicyArns = entity.record.AttachedPolicyArns.filter((attached) => attached !== arn);
  await entity.save();
  await ctx.tx.delete(POLICY_ATTACHMENTS, iamScope(ctx.scope), attachmentKey(arn, entityType, entity.name));
}

async function countEntries(ctx: HandlerContext, collection: string, policyArn: string): Promise<number> {
  const records = await ctx.tx.list<string>(collection, iamScope(ctx.scope), { prefix: `${policyArn}/` });
  return records.filter((record) => isEntryOf(policyArn, record.key)).length;
}

/** How many roles, users and groups a policy (by its canonical ARN) is attached to. */
export function attachmentCount(ctx: HandlerContext, policyArn: string): Promise<number> {
  return countEntries(ctx, POLICY_ATTACHMENTS, policyArn);
}

/** How many roles and users use a policy (by its canonical ARN) as their permissions boundary. */
export function boundaryUsageCount(ctx: HandlerContext, policyArn: string): Promise<number> {
  return countEntries(ctx, POLICY_BOUNDARIES, policyArn);
}

export async function policyCounts(ctx: HandlerContext, policyArn: string): Promise<{ AttachmentCount: number; PermissionsBoundaryUsageCount: number }> {
  return { AttachmentCount: await attachmentCount(ctx, policyArn), PermissionsBoundaryUsageCount: await boundaryUsageCount(ctx, policyArn) };
}

/** Both counts for every policy in use in the account, from one scan of each index. */
export async function allPolicyCounts(ctx: HandlerContext): Promise<Map<string, { AttachmentCount: number; PermissionsBoundaryUsageCount: number }>> {
  const counts = new Map<string, { AttachmentCount: number; PermissionsBoundaryUsageCount: number }>();
  const entry = (arn: string) => {
    let value = counts.get(arn);
    if (!value) counts.set(arn, (value = { AttachmentCount: 0, PermissionsBoundaryUsageCount: 0 }));
    return value;
  };
  for (const record of await ctx.tx.list<string>(POLICY_ATTACHMENTS, iamScope(ctx.scope))) {
    const parsed = parseUsageKey(record.key);
    if (parsed) entry(parsed.policyArn).AttachmentCount++;
  }
  for (const record of await ctx.tx.list<string>(POLICY_BOUNDARIES, iamScope(ctx.scope))) {
    const parsed = parseUsageKey(record.key);
    if (parsed) entry(parsed.policyArn).PermissionsBoundaryUsageCount++;
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Permissions boundaries

/**
 * Checks a permissions boundary ARN and returns the policy. For CreateRole/CreateUser and the
 * Put*PermissionsBoundary operations:
 *  - not a managed policy ARN → InvalidInput `ARN <arn> is not valid.` (LS-SNAP)
 *  - no such policy → NoSuchEntity `Scope ARN: <arn> does not exist or is not attachable.` (LS-SNAP; GH rosa)
 *  - a service-role policy → PolicyNotAttachable (BC-IAM error lists; text as for attaching, INFERRED)
 */
export async function checkPermissionsBoundary(ctx: HandlerContext, entityType: BoundedEntityType, arn: string): Promise<FoundPolicy> {
  if (!parsePolicyArn(arn)) throw invalidArn(arn, 'InvalidInput');
  const found = await findPolicy(ctx, arn);
  if (!found) throw new AwsError('NoSuchEntity', `Scope ARN: ${arn} does not exist or is not attachable.`);
  if (isServiceRolePolicy(found)) throw serviceRolePolicyNotAttachable(entityType);
  return found;
}

/**
 * For CreateRole and CreateUser: checks `arn` (when given), sets the record's
 * PermissionsBoundaryArn to the policy's canonical ARN and writes the boundary index entry. Call
 * it before inserting the new record, in the same transaction; a failed insert rolls it back.
 */
export async function applyPermissionsBoundary(
  ctx: HandlerContext, entityType: BoundedEntityType, entityName: string,
  record: { PermissionsBoundaryArn?: string }, arn: string | undefined,
): Promise<void> {
  if (arn === undefined) return;
  const policy = await checkPermissionsBoundary(ctx, entityType, arn);
  record.PermissionsBoundaryArn = policy.record.Arn;
  await ctx.tx.put(POLICY_BOUNDARIES, iamScope(ctx.scope), attachmentKey(policy.record.Arn, entityType, entityName), entityName);
}

/** Put{Role,User}PermissionsBoundary: sets or replaces the boundary. */
export async function putPermissionsBoundary(ctx: HandlerContext, entityType: BoundedEntityType, entityName: string, arn: string): Promise<void> {
  if (!parsePolicyArn(arn)) throw invalidArn(arn, 'InvalidInput');
  const entity = await loadEntity(ctx, entityType, entityName);
  entity.assertModifiable();
  const policy = await checkPermissionsBoundary(ctx, entityType, arn);
  const scope = iamScope(ctx.scope);
  const previous = entity.record.PermissionsBoundaryArn;
  if (previous !== undefined) await ctx.tx.delete(POLICY_BOUNDARIES, scope, attachmentKey(previous, entityType, entity.name));
  entity.record.PermissionsBoundaryArn = policy.record.Arn;
  await entity.save();
  await ctx.tx.put(POLICY_BOUNDARIES, scope, attachmentKey(policy.record.Arn, entityType, entity.name), entity.name);
}

/**
 * Delete{Role,User}PermissionsBoundary: removes the boundary. Without one it succeeds and
 * changes nothing (AWS's answer for that case is unknown; this matches LocalStack's rewrite).
 */
export async function deletePermissionsBoundary(ctx: HandlerContext, entityType: BoundedEntityType, entityName: string): Promise<void> {
  const entity = await loadEntity(ctx, entityType, entityName);
  entity.assertModifiable();
  const previous = entity.record.PermissionsBoundaryArn;
  if (previous === undefined) return;
  delete entity.record.PermissionsBoundaryArn;
  await entity.save();
  await ctx.tx.delete(POLICY_BOUNDARIES, iamScope(ctx.scope), attachmentKey(previous, entityType, entity.name));
}

/**
 * For DeleteRole, DeleteUser, DeleteGroup and DeleteServiceLinkedRole: removes the index entries
 * of an entity that is going away (its boundary, and any attachments still recorded), so that the
 * policies' counts stay right. Call it in the same transaction as the delete.
 */
export async function releaseEntityPolicies(
  ctx: HandlerContext, entityType: AttachableEntityType, entityName: string,
  record: { AttachedPolicyArns: string[]; PermissionsBoundaryArn?: string },
): Promise<void> {
  const scope = iamScope(ctx.scope);
  for (const arn of record.AttachedPolicyArns) await ctx.tx.delete(POLICY_ATTACHMENTS, scope, attachmentKey(arn, entityType, entityName));
  if (record.PermissionsBoundaryArn !== undefined && entityType !== 'Group') {
    await ctx.tx.delete(POLICY_BOUNDARIES, scope, attachmentKey(record.PermissionsBoundaryArn, entityType, entityName));
  }
}

export { loadEntity as loadAttachableEntity };
export type { EntityHandle };

/**
 * ListAttached{Role,User,Group}Policies: the entity's managed policies in attachment order, with
 * PathPrefix matched against each policy's path.
 */
export async function listAttachedPolicies(
  ctx: HandlerContext, entityType: AttachableEntityType, entityName: string,
  options: { PathPrefix?: string; Marker?: string; MaxItems?: number },
): Promise<{ AttachedPolicies: AttachedPolicy[]; IsTruncated: boolean; Marker?: string }> {
  const entity = await loadEntity(ctx, entityType, entityName);
  const prefix = options.PathPrefix ?? '/';
  const policies = entity.record.AttachedPolicyArns
    .map((arn) => ({ arn, ...policyNameAndPath(arn) }))
    .filter((policy) => policy.path.startsWith(prefix));
  const page = pageList(policies, (policy) => policy.arn, options);
  return {
    AttachedPolicies: page.items.map((policy) => ({ PolicyName: policy.name, PolicyArn: policy.arn })),
    IsTruncated: page.IsTruncated,
    Marker: page.Marker,
  };
}
