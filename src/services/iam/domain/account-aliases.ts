/**
 * The account alias: at most one per account, and unique across every account of a partition
 * (IAM User Guide, "Your AWS account ID and its alias"). Two collections keep it: the alias of
 * each account, and the owner of each alias per partition, so that the database's primary key
 * makes an alias unique even when two accounts claim it at once.
 */
import type { Scope } from '../../../kernel/scope.js';
import type { HandlerContext } from '../../types.js';
import { iamScope } from './scope.js';

/** Per IAM scope (partition/account): key `alias` → the account's alias. */
export const ACCOUNT_ALIASES = 'iam.accountAliases';
/** Per partition: key = alias → the account that holds it. */
export const ACCOUNT_ALIAS_OWNERS = 'iam.accountAliasOwners';

const ALIAS_KEY = 'alias';

export interface AccountAliasRecord {
  AccountAlias: string;
}

export interface AccountAliasOwnerRecord {
  Account: string;
}

export function aliasOwnersScope(scope: Scope): string {
  return scope.partition;
}

export async function currentAccountAlias(ctx: HandlerContext): Promise<string | undefined> {
  return (await ctx.tx.get<AccountAliasRecord>(ACCOUNT_ALIASES, iamScope(ctx.scope), ALIAS_KEY))?.AccountAlias;
}

export async function setAccountAlias(ctx: HandlerContext, alias: string | undefined): Promise<void> {
  if (alias === undefined) await ctx.tx.delete(ACCOUNT_ALIASES, iamScope(ctx.scope), ALIAS_KEY);
  else await ctx.tx.put<AccountAliasRecord>(ACCOUNT_ALIASES, iamScope(ctx.scope), ALIAS_KEY, { AccountAlias: alias });
}
