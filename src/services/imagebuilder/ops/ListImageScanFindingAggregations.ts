import type {
  ImageScanFindingAggregation, ListImageScanFindingAggregationsRequest, ListImageScanFindingAggregationsResponse,
} from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { AGGREGATION_FILTERS, checkFilter, NO_FINDINGS, rejectNextToken } from '../domain/scan-findings.js';

/** One aggregation per filter value, keyed as the filter name says. */
const AGGREGATE: Record<string, (value: string) => ImageScanFindingAggregation> = {
  accountId: (accountId) => ({ accountAggregation: { accountId, severityCounts: { ...NO_FINDINGS } } }),
  imageBuildVersionArn: (imageBuildVersionArn) => ({ imageAggregation: { imageBuildVersionArn, severityCounts: { ...NO_FINDINGS } } }),
  imagePipelineArn: (imagePipelineArn) => ({ imagePipelineAggregation: { imagePipelineArn, severityCounts: { ...NO_FINDINGS } } }),
  vulnerabilityId: (vulnerabilityId) => ({ vulnerabilityIdAggregation: { vulnerabilityId, severityCounts: { ...NO_FINDINGS } } }),
};

/**
 * Severity counts of the account's findings, grouped by the filter's key, or for the whole account
 * without a filter ("If you don't specify a filter, Image Builder returns an aggregation for your
 * account"). Kiln has no findings, so every count is zero (domain/scan-findings.ts). INFERRED:
 * `aggregationType` names the key the results are grouped by (the filter name, `accountId`
 * without a filter), and each filter value gets its own aggregation.
 */
export async function ListImageScanFindingAggregations(input: ListImageScanFindingAggregationsRequest, ctx: HandlerContext): Promise<ListImageScanFindingAggregationsResponse> {
  const { name, values } = input.filter ? checkFilter(input.filter, AGGREGATION_FILTERS, 'filter') : { name: 'accountId', values: [ctx.scope.account] };
  rejectNextToken(input.nextToken);
  return { requestId: ctx.scope.requestId, aggregationType: name, responses: values.map(AGGREGATE[name]) };
}
