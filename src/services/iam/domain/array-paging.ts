/**
 * IAM's Marker/MaxItems/IsTruncated paging over a small list kept inside one record (inline
 * policy names, a user's groups). The marker is the same opaque keyset cursor pageCollection
 * issues (the last key returned, base64url), so a page stays correct when entries are added or
 * removed between calls.
 */
import { DEFAULT_MAX_ITEMS, decodeMarker, encodeMarker, type Page } from './paging.js';

/** Pages `items` in ascending (binary) order of `keyOf`, which must be unique per item. */
export function pageArray<T>(items: readonly T[], keyOf: (item: T) => string, options: { Marker?: string; MaxItems?: number }): Page<T> {
  const maxItems = options.MaxItems ?? DEFAULT_MAX_ITEMS;
  const after = options.Marker !== undefined ? decodeMarker(options.Marker) : undefined;
  const sorted = items
    .map((item) => ({ key: keyOf(item), item }))
    .filter((entry) => after === undefined || entry.key > after)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  if (sorted.length <= maxItems) return { items: sorted.map((entry) => entry.item), IsTruncated: false };
  const page = sorted.slice(0, maxItems);
  return { items: page.map((entry) => entry.item), IsTruncated: true, Marker: encodeMarker(page[page.length - 1].key) };
}
