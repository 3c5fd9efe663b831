import type { ListImageRecipesRequest, ListImageRecipesResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { matchesFilters } from '../domain/filters.js';
import { pageRecords } from '../domain/paging.js';
import { IMAGE_RECIPES } from '../domain/records.js';
import type { StoredImageRecipe } from '../domain/recipes.js';
import { ibScope } from '../domain/scope.js';

/** The filter names AWS documents for ListImageRecipes. */
const FILTERS = {
  name: (r: StoredImageRecipe) => [r.name],
  parentImage: (r: StoredImageRecipe) => (r.parentImage ? [r.parentImage] : []),
  platform: (r: StoredImageRecipe) => (r.platform ? [r.platform] : []),
};

/**
 * Lists the recipe versions the owner filter selects, one entry per version. Only `Self` (the
 * default) holds anything: Kiln has no Amazon-managed, Marketplace or third-party recipes, and
 * no RAM, so nothing is ever `Shared` with an account.
 */
export async function ListImageRecipes(input: ListImageRecipesRequest, ctx: HandlerContext): Promise<ListImageRecipesResponse> {
  const filters = input.filters ?? [];
  const own = (input.owner ?? 'Self') === 'Self';
  const page = own
    ? await pageRecords<StoredImageRecipe>(ctx.tx, IMAGE_RECIPES, ibScope(ctx.scope), {
      nextToken: input.nextToken, maxResults: input.maxResults, filter: (r) => matchesFilters(r, filters, FILTERS),
    })
    : { items: [], nextToken: undefined };
  return {
    requestId: ctx.scope.requestId,
    imageRecipeSummaryList: page.items.map((r) => ({
      arn: r.arn, name: r.name, platform: r.platform, owner: r.owner, parentImage: r.parentImage, dateCreated: r.dateCreated, tags: r.tags,
    })),
    nextToken: page.nextToken,
  };
}
