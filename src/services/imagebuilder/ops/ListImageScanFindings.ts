import type { ListImageScanFindingsRequest, ListImageScanFindingsResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { checkFilter, FINDING_FILTERS, rejectNextToken } from '../domain/scan-findings.js';

/** The Inspector findings of the account's images: none, since Kiln runs no scanner (domain/scan-findings.ts). */
export async function ListImageScanFindings(input: ListImageScanFindingsRequest, ctx: HandlerContext): Promise<ListImageScanFindingsResponse> {
  for (const filter of input.filters ?? []) checkFilter(filter, FINDING_FILTERS, 'filters');
  rejectNextToken(input.nextToken);
  return { requestId: ctx.scope.requestId, findings: [] };
}
