import { AwsError } from '../../../kernel/errors.js';
import type { DeletePolicyVersionRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { assertArnSyntax, awsManagedDenied, findPolicy, findVersion, savePolicy, versionNotFound } from '../domain/policies.js';

export async function DeletePolicyVersion(input: DeletePolicyVersionRequest, ctx: HandlerContext): Promise<void> {
  assertArnSyntax(input.PolicyArn);
  const found = await findPolicy(ctx, input.PolicyArn);
  if (!found) throw versionNotFound(input.PolicyArn, input.VersionId);
  if (found.awsManaged) throw awsManagedDenied(ctx, 'DeletePolicyVersion', found.record.Arn);
  const { record } = found;
  if (!findVersion(record, input.VersionId)) throw versionNotFound(input.PolicyArn, input.VersionId);
  if (record.DefaultVersionId === input.VersionId) throw new AwsError('DeleteConflict', 'Cannot delete the default version of a policy.');
  record.Versions = record.Versions.filter((version) => version.VersionId !== input.VersionId);
  await savePolicy(ctx, record);
}
