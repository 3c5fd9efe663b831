/**
 * IAM's Marker/MaxItems/IsTruncated paging over a store collection. The marker is an opaque
 * keyset cursor (the last key returned), so a page costs the same however many records exist.
 */
import { AwsError } from '../../../kernel/errors.js';
import type { Tx } from '../../../store/types.js';

export interface Page<T> {
  items: T[];
  IsTruncated: boolean;
  Marker?: string;
}

export const DEFAULT_MAX_ITEMS = 100;

export function encodeMarker(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

export function decodeMarker(marker: string): string {
  const key = Buffer.from(marker, 'base64url').toString('utf8');
  // A marker Kiln did not issue does not round-trip; AWS answers an unusable marker with a 400.
  if (marker.length === 0 || encodeMarker(key) !== marker) throw new AwsError('InvalidInput', 'Invalid Marker.');
  return key;
}

export async function pageCollection<T>(
  tx: Tx, collection: string, scope: string,
  options: { Marker?: string; MaxItems?: number; prefix?: string; filter?: (value: T) => boolean },
): Promise<Page<T>> {
  const maxItems = options.MaxItems ?? DEFAULT_MAX_ITEMS;
  const items: T[] = [];
  let after = options.Marker !== undefined ? decodeMarker(options.Marker) : undefined;
  let lastKey: string | undefined;
  const batch = Math.min(maxItems + 1, 1001);
  for (;;) {
    const records = await tx.list<T>(collection, scope, { prefix: options.prefix, after, limit: batch });
    for (const record of records) {
      if (options.filter && !options.filter(record.value)) continue;
      if (items.length === maxItems) return { items, IsTruncated: true, Marker: encodeMarker(lastKey!) };
      items.push(record.value);
      lastKey = record.key;
    }
    if (records.length < batch) return { items, IsTruncated: false };
    after = records[records.length - 1].key;
  }
}
