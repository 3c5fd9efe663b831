import type { GetPolicyVersionRequest, GetPolicyVersionResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { assertArnSyntax, findPolicy, findVersion, toPolicyVersion, versionNotFound } from '../domain/policies.js';

/** Of an AWS managed policy only the default version is known; any other is NoSuchEntity. */
export async function GetPolicyVersion(input: GetPolicyVersionRequest, ctx: HandlerContext): Promise<GetPolicyVersionResponse> {
  assertArnSyntax(input.PolicyArn);
  const found = await findPolicy(ctx, input.PolicyArn);
  const version = found && findVersion(found.record, input.VersionId);
  if (!found || !version) throw versionNotFound(input.PolicyArn, input.VersionId);
  return { PolicyVersion: toPolicyVersion(found.record, version, true) };
}
