/**
 * The policies SimulatePrincipalPolicy reads from an entity, labelled as the simulator labels
 * them: an inline policy as `<user|group|role>_<entity>_<policy>` (recorded from AWS:
 * `role_<role name>_<policy name>`), a managed policy by its name (recorded: `AdministratorAccess`).
 * A user's policies include those of its groups; a managed policy attached twice counts once.
 */
import { AwsError } from '../../../kernel/errors.js';
import type { PolicySource } from '../../../policy/types.js';
import type { HandlerContext } from '../../types.js';
import { GROUPS, getGroupOrThrow, getUserOrThrow, nameKey, type GroupRecord } from './entities.js';
import { findPolicy, policyNameAndPath } from './policies.js';
import { getRoleOrThrow } from './roles.js';
import { iamScope } from './scope.js';

export type EntityKind = 'user' | 'group' | 'role';

export interface EntityArn {
  kind: EntityKind;
  account: string;
  name: string;
}

/** A caller that is an IAM user, as CallerArn must be (recorded: "Invalid caller - Caller must be an IAM user in this context."). */
export const INVALID_CALLER = 'Invalid caller - Caller must be an IAM user in this context.';

/** `arn:<p>:iam::<account>:<user|group|role>/<path><name>`, or undefined. */
export function parseEntityArn(arn: string): EntityArn | undefined {
  const m = /^arn:[^:]+:iam::(\d{12}):(user|group|role)\/(?:[^/]+\/)*([^/]+)$/.exec(arn);
  return m ? { kind: m[2] as EntityKind, account: m[1], name: m[3] } : undefined;
}

export interface EntityPolicies {
  identity: PolicySource[];
  boundary?: PolicySource;
  /** The entity's ARN as stored (with its path). */
  arn: string;
}

async function managed(ctx: HandlerContext, arn: string): Promise<PolicySource | undefined> {
  const found = await findPolicy(ctx, arn);
  const version = found?.record.Versions.find((v) => v.VersionId === found.record.DefaultVersionId);
  return version ? { id: policyNameAndPath(found!.record.Arn).name, document: version.Document } : undefined;
}

async function collect(
  ctx: HandlerContext, out: PolicySource[], seen: Set<string>, kind: EntityKind, name: string,
  entity: { InlinePolicies: Record<string, string>; AttachedPolicyArns: string[] },
): Promise<void> {
  for (const [policyName, document] of Object.entries(entity.InlinePolicies)) out.push({ id: `${kind}_${name}_${policyName}`, document });
  for (const arn of entity.AttachedPolicyArns) {
    if (seen.has(arn)) continue;
    seen.add(arn);
    const policy = await managed(ctx, arn);
    if (policy) out.push(policy);
  }
}

/** The policies of the user, group or role an ARN names; NoSuchEntity when it does not exist. */
export async function entityPolicies(ctx: HandlerContext, entity: EntityArn): Promise<EntityPolicies> {
  const identity: PolicySource[] = [];
  const seen = new Set<string>();
  switch (entity.kind) {
    case 'user': {
      const user = await getUserOrThrow(ctx, entity.name);
      await collect(ctx, identity, seen, 'user', user.UserName, user);
      for (const groupName of user.GroupNames) {
        const group = await ctx.tx.get<GroupRecord>(GROUPS, iamScope(ctx.scope), nameKey(groupName));
        if (group) await collect(ctx, identity, seen, 'group', group.GroupName, group);
      }
      return { identity, boundary: user.PermissionsBoundaryArn ? await managed(ctx, user.PermissionsBoundaryArn) : undefined, arn: user.Arn };
    }
    case 'group': {
      const group = await getGroupOrThrow(ctx, entity.name);
      await collect(ctx, identity, seen, 'group', group.GroupName, group);
      return { identity, arn: group.Arn };
    }
    case 'role': {
      const role = await getRoleOrThrow(ctx, entity.name);
      await collect(ctx, identity, seen, 'role', role.RoleName, role);
      return { identity, boundary: role.PermissionsBoundaryArn ? await managed(ctx, role.PermissionsBoundaryArn) : undefined, arn: role.Arn };
    }
    default:
      throw new AwsError('InvalidInput', 'Invalid Entity Arn.');
  }
}
