/**
 * IAM user access keys.
 *
 * Records: ACCESS_KEYS (IAM scope, key = access key id) holds the key itself; USER_ACCESS_KEYS
 * (IAM scope, key = `<user key>/<access key id>`) lists a user's keys with an indexed prefix
 * scan; ACCESS_KEY_INDEX (scope `global`, key = access key id) tells the server which partition
 * and account a key belongs to before it knows anything else about the request. All three are
 * written and removed together, in the request's transaction.
 */
import { AwsError } from '../../../kernel/errors.js';
import type { Principal } from '../../../kernel/scope.js';
import type { Tx } from '../../../store/types.js';
import type { HandlerContext } from '../../types.js';
import { ACCESS_KEYS, USERS, nameKey, type AccessKeyRecord, type UserRecord } from './entities.js';
import { iamScope } from './scope.js';

/** access key id → where the key lives, in scope GLOBAL_SCOPE. */
export const ACCESS_KEY_INDEX = 'iam.accessKeyIndex';
/** `<user key>/<access key id>` → access key id: the keys of one user. */
export const USER_ACCESS_KEYS = 'iam.userAccessKeys';
export const GLOBAL_SCOPE = 'global';

/** IAM quota AccessKeysPerUser (active and inactive keys both count). */
export const MAX_ACCESS_KEYS_PER_USER = 2;

export interface AccessKeyIndexEntry {
  /** The IAM scope (`<partition>/<account>`) that holds the key. */
  scope: string;
  userName: string;
}

function userKeyPrefix(userName: string): string {
  return `${nameKey(userName)}/`;
}

/** The key record in one IAM scope (`<partition>/<account>`), or undefined. */
export async function findAccessKey(tx: Tx, partitionAccountScope: string, accessKeyId: string): Promise<AccessKeyRecord | undefined> {
  return tx.get<AccessKeyRecord>(ACCESS_KEYS, partitionAccountScope, accessKeyId);
}

/**
 * Finds an IAM access key from its id alone, for request authentication. Returns inactive keys
 * too: the caller must refuse a key whose `key.Status` is `Inactive` (AWS answers such a request
 * with InvalidClientTokenId) rather than treat it as unknown, which open auth mode would map to root.
 */
/** The collections lookupAccessKey reads (for caches of its result, src/store/derived-cache.ts). */
export const ACCESS_KEY_LOOKUP_COLLECTIONS = [ACCESS_KEY_INDEX, ACCESS_KEYS, USERS] as const;

export async function lookupAccessKey(tx: Tx, accessKeyId: string): Promise<{ key: AccessKeyRecord; user: UserRecord; scope: string } | undefined> {
  const entry = await tx.get<AccessKeyIndexEntry>(ACCESS_KEY_INDEX, GLOBAL_SCOPE, accessKeyId);
  if (!entry) return undefined;
  const key = await findAccessKey(tx, entry.scope, accessKeyId);
  if (!key) return undefined;
  const user = await tx.get<UserRecord>(USERS, entry.scope, nameKey(key.UserName));
  if (!user) return undefined;
  return { key, user, scope: entry.scope };
}

/** The principal a request signed with an IAM user's access key acts as. */
export function userPrincipal(user: UserRecord, accessKeyId: string): Principal {
  // The account is the fifth field of the user's ARN: arn:<partition>:iam::<account>:user/...
  return { type: 'user', arn: user.Arn, userId: user.UserId, account: user.Arn.split(':')[4], accessKeyId, name: user.UserName };
}

/** Records a use of a key (for GetAccessKeyLastUsed); a no-op for an unknown key. */
export async function markAccessKeyUsed(tx: Tx, accessKeyId: string, use: { date: Date; serviceName: string; region: string }): Promise<void> {
  const entry = await tx.get<AccessKeyIndexEntry>(ACCESS_KEY_INDEX, GLOBAL_SCOPE, accessKeyId);
  if (!entry) return;
  const key = await findAccessKey(tx, entry.scope, accessKeyId);
  if (!key) return;
  key.LastUsed = { LastUsedDate: use.date.toISOString(), ServiceName: use.serviceName, Region: use.region };
  await tx.put(ACCESS_KEYS, entry.scope, accessKeyId, key);
}

/** Writes a key and both of its index records. */
export async function saveAccessKey(ctx: HandlerContext, key: AccessKeyRecord): Promise<void> {
  const scope = iamScope(ctx.scope);
  await ctx.tx.put(ACCESS_KEYS, scope, key.AccessKeyId, key);
  await ctx.tx.put(USER_ACCESS_KEYS, scope, userKeyPrefix(key.UserName) + key.AccessKeyId, key.AccessKeyId);
  await ctx.tx.put<AccessKeyIndexEntry>(ACCESS_KEY_INDEX, GLOBAL_SCOPE, key.AccessKeyId, { scope, userName: key.UserName });
}

export async function removeAccessKey(ctx: HandlerContext, key: AccessKeyRecord): Promise<void> {
  const scope = iamScope(ctx.scope);
  await ctx.tx.delete(ACCESS_KEYS, scope, key.AccessKeyId);
  await ctx.tx.delete(USER_ACCESS_KEYS, scope, userKeyPrefix(key.UserName) + key.AccessKeyId);
  await ctx.tx.delete(ACCESS_KEY_INDEX, GLOBAL_SCOPE, key.AccessKeyId);
}

export async function countUserAccessKeys(ctx: HandlerContext, userName: string): Promise<number> {
  return ctx.tx.count(USER_ACCESS_KEYS, iamScope(ctx.scope), { prefix: userKeyPrefix(userName) });
}

/** The ids of a user's keys (a user has at most two). */
export async function userAccessKeyIds(ctx: HandlerContext, userName: string): Promise<string[]> {
  const records = await ctx.tx.list<string>(USER_ACCESS_KEYS, iamScope(ctx.scope), { prefix: userKeyPrefix(userName) });
  return records.map((record) => record.value);
}

/** Moves a renamed user's keys (their UserName and every index record) to the new name. */
export async function renameAccessKeyOwner(ctx: HandlerContext, oldName: string, newName: string): Promise<void> {
  for (const id of await userAccessKeyIds(ctx, oldName)) {
    const key = await findAccessKey(ctx.tx, iamScope(ctx.scope), id);
    if (!key) continue;
    await removeAccessKey(ctx, key);
    await saveAccessKey(ctx, { ...key, UserName: newName });
  }
}

export function noSuchAccessKey(accessKeyId: string): AwsError {
  return new AwsError('NoSuchEntity', `The Access Key with id ${accessKeyId} cannot be found.`);
}

/** The key with this id that belongs to this user, or NoSuchEntity. */
export async function getUserAccessKeyOrThrow(ctx: HandlerContext, user: UserRecord, accessKeyId: string): Promise<AccessKeyRecord> {
  const key = await findAccessKey(ctx.tx, iamScope(ctx.scope), accessKeyId);
  if (!key || nameKey(key.UserName) !== nameKey(user.UserName)) throw noSuchAccessKey(accessKeyId);
  return key;
}
