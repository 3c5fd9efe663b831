import type { ListContainerRecipesRequest, ListContainerRecipesResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { matchesFilters } from '../domain/filters.js';
import { pageRecords } from '../domain/paging.js';
import { CONTAINER_RECIPES } from '../domain/records.js';
import type { StoredContainerRecipe } from '../domain/recipes.js';
import { ibScope } from '../domain/scope.js';

/** The filter names AWS documents for ListContainerRecipes. */
const FILTERS = {
  containerType: (r: StoredContainerRecipe) => (r.containerType ? [r.containerType] : []),
  name: (r: StoredContainerRecipe) => [r.name],
  parentImage: (r: StoredContainerRecipe) => (r.parentImage ? [r.parentImage] : []),
  platform: (r: StoredContainerRecipe) => (r.platform ? [r.platform] : []),
};

/**
 * Lists the recipe versions the owner filter selects, one entry per version. Only `Self` (the
 * default) holds anything: Kiln has no Amazon-managed, Marketplace or third-party recipes, and
 * no RAM, so nothing is ever `Shared` with an account.
 */
export async function ListContainerRecipes(input: ListContainerRecipesRequest, ctx: HandlerContext): Promise<ListContainerRecipesResponse> {
  const filters = input.filters ?? [];
  const own = (input.owner ?? 'Self') === 'Self';
  const page = own
    ? await pageRecords<StoredContainerRecipe>(ctx.tx, CONTAINER_RECIPES, ibScope(ctx.scope), {
      nextToken: input.nextToken, maxResults: input.maxResults, filter: (r) => matchesFilters(r, filters, FILTERS),
    })
    : { items: [], nextToken: undefined };
  return {
    requestId: ctx.scope.requestId,
    containerRecipeSummaryList: page.items.map((r) => ({
      arn: r.arn, containerType: r.containerType, name: r.name, platform: r.platform, owner: r.owner, parentImage: r.parentImage,
      dateCreated: r.dateCreated, instanceImage: r.instanceConfiguration?.image, tags: r.tags,
    })),
    nextToken: page.nextToken,
  };
}
