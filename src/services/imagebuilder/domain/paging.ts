/**
 * Image Builder's maxResults/nextToken paging. The token is an opaque keyset cursor (the last
 * store key returned); a token Kiln did not issue is an InvalidPaginationTokenException.
 */
import { AwsError } from '../../../kernel/errors.js';
import type { StoreRecord, Tx } from '../../../store/types.js';

export const DEFAULT_MAX_RESULTS = 25;

export function encodeToken(key: string): string {
  return Buffer.from(JSON.stringify({ k: key }), 'utf8').toString('base64url');
}

export function decodeToken(token: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof parsed?.k === 'string' && encodeToken(parsed.k) === token) return parsed.k;
  } catch {
    // falls through to the error below
  }
  throw new AwsError('InvalidPaginationTokenException', 'The nextToken is not valid.');
}

export interface IbPage<T> {
  items: T[];
  nextToken?: string;
}

interface PageOptions<T> {
  nextToken?: string;
  maxResults?: number;
  prefix?: string;
  filter?: (value: T) => boolean;
}

const BATCH = 200;

/**
 * Reads the collection in key order from the cursor on, batch by batch. The first batch is just
 * enough for a page when nothing is filtered out (one record more tells whether a next page
 * exists), so a page costs the same however many records follow it; later batches are larger.
 */
async function* recordsAfter<T>(tx: Tx, collection: string, scope: string, options: PageOptions<T>, firstBatch: number): AsyncGenerator<StoreRecord<T>> {
  let after = options.nextToken ? decodeToken(options.nextToken) : undefined;
  for (let limit = firstBatch; ; limit = BATCH) {
    const records = await tx.list<T>(collection, scope, { prefix: options.prefix, after, limit });
    yield* records;
    if (records.length < limit) return;
    after = records[records.length - 1].key;
  }
}

/** One item per matching record. */
export async function pageRecords<T>(tx: Tx, collection: string, scope: string, options: PageOptions<T>): Promise<IbPage<T>> {
  const max = options.maxResults ?? DEFAULT_MAX_RESULTS;
  const items: T[] = [];
  let lastKey = '';
  for await (const record of recordsAfter(tx, collection, scope, options, max + 1)) {
    if (options.filter && !options.filter(record.value)) continue;
    if (items.length === max) return { items, nextToken: encodeToken(lastKey) };
    items.push(record.value);
    lastKey = record.key;
  }
  return { items };
}

/**
 * One item per group of consecutive records (e.g. the builds of one semantic version):
 * `groupOf` names a record's group by a key prefix; `pick` makes the item from the group's
 * matching records. The next page starts after the last group's keys.
 */
export async function pageGroups<T, R>(
  tx: Tx, collection: string, scope: string, options: PageOptions<T> & { groupOf: (key: string) => string; pick: (values: T[]) => R },
): Promise<IbPage<R>> {
  const max = options.maxResults ?? DEFAULT_MAX_RESULTS;
  const items: R[] = [];
  let group: { key: string; values: T[] } | undefined;
  const close = () => {
    if (group && group.values.length > 0) items.push(options.pick(group.values));
  };
  for await (const record of recordsAfter(tx, collection, scope, options, max + 1)) {
    const key = options.groupOf(record.key);
    if (group?.key !== key) {
      close();
      if (items.length === max) return { items, nextToken: encodeToken(`${group!.key}\uffff`) };
      group = { key, values: [] };
    }
    if (!options.filter || options.filter(record.value)) group.values.push(record.value);
  }
  close();
  return { items };
}
