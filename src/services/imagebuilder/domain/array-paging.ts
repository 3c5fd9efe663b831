/** maxResults/nextToken paging over a short list held in memory (a workflow's steps, an image's packages). */
import { DEFAULT_MAX_RESULTS, decodeToken, encodeToken, type IbPage } from './paging.js';

export function pageArray<T>(items: T[], options: { nextToken?: string; maxResults?: number }): IbPage<T> {
  const start = options.nextToken ? Number(decodeToken(options.nextToken)) : 0;
  const max = options.maxResults ?? DEFAULT_MAX_RESULTS;
  const page = items.slice(start, start + max);
  return start + max < items.length ? { items: page, nextToken: encodeToken(String(start + max)) } : { items: page };
}
