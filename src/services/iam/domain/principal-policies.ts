/**
 * Which policies apply to a principal, as the policy engine needs them: identity-based policies
 * (a user's inline and attached policies and those of its groups; a role session's role
 * policies), its permissions boundary, and a session's policies. Documents are the default
 * versions' texts, exactly as stored.
 */
import type { Tag } from '../../../generated/iam.js';
import type { Principal } from '../../../kernel/scope.js';
import type { PolicySource } from '../../../policy/types.js';
import type { HandlerContext } from '../../types.js';
import { GROUPS, POLICIES, USERS, nameKey, type GroupRecord, type UserRecord } from './entities.js';
import { findPolicy } from './policies.js';
import { ROLES, findRole } from './roles.js';
import { iamScope } from './scope.js';

/** A session policy that allows nothing (no action is called kiln:none), so the session is implicitly denied. */
const ALLOWS_NOTHING = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kiln:none', Resource: '*' }] });

/** The collections policiesForPrincipal reads (for caches of its result, src/store/derived-cache.ts). */
export const PRINCIPAL_POLICY_COLLECTIONS = [USERS, GROUPS, POLICIES, ROLES] as const;

export interface PrincipalPolicies {
  identity: PolicySource[];
  boundary?: PolicySource;
  /** Present only for sessions created with session policies. */
  session?: PolicySource[];
  /** The user's or the role's own tags (aws:PrincipalTag), read here so callers need not read the entity again. */
  entityTags: Tag[];
  /** The role's ARN, for a role session. */
  roleArn?: string;
}

async function managedPolicy(ctx: HandlerContext, arn: string): Promise<PolicySource | undefined> {
  const found = await findPolicy(ctx, arn);
  const version = found?.record.Versions.find((v) => v.VersionId === found.record.DefaultVersionId);
  return version ? { id: arn, document: version.Document } : undefined;
}

async function entityPolicies(ctx: HandlerContext, label: string, entity: { InlinePolicies: Record<string, string>; AttachedPolicyArns: string[] }): Promise<PolicySource[]> {
  const out: PolicySource[] = Object.entries(entity.InlinePolicies).map(([name, document]) => ({ id: `${label}/inline/${name}`, document }));
  for (const arn of entity.AttachedPolicyArns) {
    const policy = await managedPolicy(ctx, arn);
    if (policy) out.push(policy);
  }
  return out;
}

/** The policies of a user or a role session; undefined for a principal IAM does not know (any more). */
export async function policiesForPrincipal(ctx: HandlerContext, principal: Principal): Promise<PrincipalPolicies | undefined> {
  if (principal.type === 'user' && principal.name) {
    const user = await ctx.tx.get<UserRecord>(USERS, iamScope(ctx.scope), nameKey(principal.name));
    if (!user) return undefined;
    const identity = await entityPolicies(ctx, `user/${user.UserName}`, user);
    for (const groupName of user.GroupNames) {
      const group = await ctx.tx.get<GroupRecord>(GROUPS, iamScope(ctx.scope), nameKey(groupName));
      if (group) identity.push(...(await entityPolicies(ctx, `group/${group.GroupName}`, group)));
    }
    const boundary = user.PermissionsBoundaryArn ? await managedPolicy(ctx, user.PermissionsBoundaryArn) : undefined;
    return { identity, boundary, entityTags: user.Tags };
  }
  if (principal.type === 'assumed-role' && principal.session) {
    const role = await findRole(ctx, principal.session.roleName);
    if (!role) return undefined;
    const identity = await entityPolicies(ctx, `role/${role.RoleName}`, role);
    const boundary = role.PermissionsBoundaryArn ? await managedPolicy(ctx, role.PermissionsBoundaryArn) : undefined;
    const { policy, policyArns } = principal.session;
    let session: PolicySource[] | undefined;
    if (policy !== undefined || (policyArns && policyArns.length > 0)) {
      session = policy !== undefined ? [{ id: `session/${principal.session.sessionName}/inline`, document: policy }] : [];
      for (const arn of policyArns ?? []) {
        const managed = await managedPolicy(ctx, arn);
        if (managed) session.push(managed);
      }
      // Session policies only ever narrow: if every one of them has since been deleted, the
      // session may do nothing, rather than everything its role may.
      if (session.length === 0) session.push({ id: `session/${principal.session.sessionName}/none`, document: ALLOWS_NOTHING });
    }
    return { identity, boundary, session, entityTags: role.Tags, roleArn: role.Arn };
  }
  return undefined;
}
