import type { SetDefaultPolicyVersionRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { assertArnSyntax, awsManagedDenied, findPolicy, findVersion, savePolicy, versionNotFound } from '../domain/policies.js';

export async function SetDefaultPolicyVersion(input: SetDefaultPolicyVersionRequest, ctx: HandlerContext): Promise<void> {
  assertArnSyntax(input.PolicyArn);
  const found = await findPolicy(ctx, input.PolicyArn);
  // A missing policy gets the version message, as AWS answers (LS-SNAP).
  if (!found) throw versionNotFound(input.PolicyArn, input.VersionId);
  if (found.awsManaged) throw awsManagedDenied(ctx, 'SetDefaultPolicyVersion', found.record.Arn);
  const { record } = found;
  if (!findVersion(record, input.VersionId)) throw versionNotFound(input.PolicyArn, input.VersionId);
  if (record.DefaultVersionId === input.VersionId) return;
  record.DefaultVersionId = input.VersionId;
  await savePolicy(ctx, record);
}
