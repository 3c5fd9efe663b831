import type { ListAccountAliasesRequest, ListAccountAliasesResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { pageArray } from '../domain/array-paging.js';
import { currentAccountAlias } from '../domain/account-aliases.js';

/** At most one alias, so one page always holds it; Marker and MaxItems still behave as elsewhere. */
export async function ListAccountAliases(input: ListAccountAliasesRequest, ctx: HandlerContext): Promise<ListAccountAliasesResponse> {
  const alias = await currentAccountAlias(ctx);
  const page = pageArray(alias === undefined ? [] : [alias], (a) => a, { Marker: input.Marker, MaxItems: input.MaxItems });
  return { AccountAliases: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
}
