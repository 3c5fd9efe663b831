import type { ImageVersion, ListImagesRequest, ListImagesResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { matchesFilters } from '../domain/filters.js';
import { IMAGE_VERSIONS, type ImageVersionRecord } from '../domain/image-versions.js';
import { pageGroups } from '../domain/paging.js';
import { ibScope } from '../domain/scope.js';

type Latest = NonNullable<ImageVersionRecord['latest']>;

const FILTERS = {
  name: (v: Latest) => [v.name ?? ''],
  osVersion: (v: Latest) => (v.osVersion ? [v.osVersion] : []),
  platform: (v: Latest) => (v.platform ? [v.platform] : []),
  type: (v: Latest) => (v.type ? [v.type] : []),
  version: (v: Latest) => [v.version ?? ''],
};

/**
 * The account's image versions, one entry per semantic version shown by its newest build; with
 * `byName`, one entry per image name, shown by its newest version. `includeDeprecated` is about
 * Amazon-managed images ("Deprecated images that you own are always returned", API reference):
 * Kiln holds only the caller's own, so it changes nothing, and DEPRECATED or DISABLED images
 * (lifecycle policies, StartResourceStateUpdate) are listed like the others. DELETED ones are gone.
 */
export async function ListImages(input: ListImagesRequest, ctx: HandlerContext): Promise<ListImagesResponse> {
  const filters = input.filters ?? [];
  // Kiln holds no images owned by Amazon, third parties, Marketplace or other accounts.
  const page = (input.owner ?? 'Self') === 'Self'
    ? await pageGroups<ImageVersionRecord, Latest>(ctx.tx, IMAGE_VERSIONS, ibScope(ctx.scope), {
      nextToken: input.nextToken, maxResults: input.maxResults,
      filter: (v) => v.latest !== undefined && matchesFilters(v.latest, filters, FILTERS),
      // Keys are `<name>/<version>`: a group is one version, or with byName every version of a name.
      groupOf: (key) => (input.byName ? key.slice(0, key.indexOf('/') + 1) : key),
      pick: (versions) => versions[versions.length - 1].latest!,
    })
    : { items: [] };
  const imageVersionList: ImageVersion[] = page.items.map(({ build: _b, buildArn: _a, ...version }) => version);
  return { requestId: ctx.scope.requestId, imageVersionList, nextToken: page.nextToken };
}
