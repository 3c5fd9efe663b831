/**
 * The reads of IAM state that other services need (STS above all): roles and users in any
 * account, whether a managed policy exists, and the account of an access key.
 */
import type { Tx } from '../../../store/types.js';
import type { HandlerContext } from '../../types.js';
import { ACCESS_KEY_INDEX, GLOBAL_SCOPE as IAM_GLOBAL_SCOPE, type AccessKeyIndexEntry } from './access-keys.js';
import { USERS, nameKey, type UserRecord } from './entities.js';
import { findPolicy } from './policies.js';
import { ROLES, roleKey, type RoleRecord } from './roles.js';

export type { RoleRecord, UserRecord };

function scopeOf(partition: string, account: string): string {
  return `${partition}/${account}`;
}

/** A role by name (any letter case) in an account, or undefined. */
export async function findRoleIn(tx: Tx, partition: string, account: string, roleName: string): Promise<RoleRecord | undefined> {
  return tx.get<RoleRecord>(ROLES, scopeOf(partition, account), roleKey(roleName));
}

export async function findUserIn(tx: Tx, partition: string, account: string, userName: string): Promise<UserRecord | undefined> {
  return tx.get<UserRecord>(USERS, scopeOf(partition, account), nameKey(userName));
}

/** Whether a managed policy ARN names a policy that exists, as seen from an account (its own policies and AWS's). */
export async function managedPolicyExists(ctx: HandlerContext, account: string, arn: string): Promise<boolean> {
  return (await findPolicy(withAccount(ctx, account), arn)) !== undefined;
}

/** The account of an IAM user access key Kiln issued, or undefined. */
export async function accessKeyAccount(tx: Tx, accessKeyId: string): Promise<string | undefined> {
  const entry = await tx.get<AccessKeyIndexEntry>(ACCESS_KEY_INDEX, IAM_GLOBAL_SCOPE, accessKeyId);
  // entry.scope is `<partition>/<account>`.
  return entry ? entry.scope.slice(entry.scope.indexOf('/') + 1) : undefined;
}

/** The same handler context, looking at another account of the same partition. */
function withAccount(ctx: HandlerContext, account: string): HandlerContext {
  return account === ctx.scope.account ? ctx : { ...ctx, scope: { ...ctx.scope, account } };
}
