import { AwsError } from '../../../kernel/errors.js';
import type { CreateAccountAliasRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import {
  ACCOUNT_ALIAS_OWNERS, aliasOwnersScope, currentAccountAlias, setAccountAlias, type AccountAliasOwnerRecord,
} from '../domain/account-aliases.js';

/**
 * Sets the account's alias. An account has one alias, and a new one replaces the old ("the new
 * alias overwrites the previous alias", IAM User Guide). An alias that any account holds already,
 * this one included, is refused with the text real AWS sends (GH ekristen/aws-nuke#697).
 */
export async function CreateAccountAlias(input: CreateAccountAliasRequest, ctx: HandlerContext): Promise<void> {
  const alias = input.AccountAlias;
  const claimed = await ctx.tx.insert<AccountAliasOwnerRecord>(ACCOUNT_ALIAS_OWNERS, aliasOwnersScope(ctx.scope), alias, { Account: ctx.scope.account });
  if (!claimed) throw new AwsError('EntityAlreadyExists', `The account alias ${alias} already exists.`);
  const previous = await currentAccountAlias(ctx);
  if (previous !== undefined) await ctx.tx.delete(ACCOUNT_ALIAS_OWNERS, aliasOwnersScope(ctx.scope), previous);
  await setAccountAlias(ctx, alias);
}
