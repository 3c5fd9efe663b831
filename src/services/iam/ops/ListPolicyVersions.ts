import type { ListPolicyVersionsRequest, ListPolicyVersionsResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { getPolicyOrThrow, pageList, toPolicyVersion, versionNumber } from '../domain/policies.js';

/** Newest version first, as AWS lists them (LS-SNAP). */
export async function ListPolicyVersions(input: ListPolicyVersionsRequest, ctx: HandlerContext): Promise<ListPolicyVersionsResponse> {
  const { record } = await getPolicyOrThrow(ctx, input.PolicyArn);
  const versions = [...record.Versions].sort((a, b) => versionNumber(b.VersionId) - versionNumber(a.VersionId));
  const page = pageList(versions, (version) => version.VersionId, input, (a, b) => versionNumber(b) - versionNumber(a));
  return {
    Versions: page.items.map((version) => toPolicyVersion(record, version, false)),
    IsTruncated: page.IsTruncated,
    Marker: page.Marker,
  };
}
