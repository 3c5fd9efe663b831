import { AwsError } from '../../../kernel/errors.js';
import type { DeleteAccountAliasRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { ACCOUNT_ALIAS_OWNERS, aliasOwnersScope, currentAccountAlias, setAccountAlias } from '../domain/account-aliases.js';

export async function DeleteAccountAlias(input: DeleteAccountAliasRequest, ctx: HandlerContext): Promise<void> {
  const current = await currentAccountAlias(ctx);
  if (current !== input.AccountAlias) {
    // NoSuchEntity is in the model's error list; AWS's wording is not recorded anywhere we could
    // find, so this follows IAM's usual "... cannot be found." form.
    throw new AwsError('NoSuchEntity', `The account alias ${input.AccountAlias} cannot be found.`);
  }
  await ctx.tx.delete(ACCOUNT_ALIAS_OWNERS, aliasOwnersScope(ctx.scope), current);
  await setAccountAlias(ctx, undefined);
}
