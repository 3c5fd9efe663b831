import { AwsError } from '../../../kernel/errors.js';
import type { DeleteInstanceProfileRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { getInstanceProfileOrThrow } from '../domain/entities.js';
import { deleteInstanceProfileRecord } from '../domain/instance-profiles.js';

export async function DeleteInstanceProfile(input: DeleteInstanceProfileRequest, ctx: HandlerContext): Promise<void> {
  const profile = await getInstanceProfileOrThrow(ctx, input.InstanceProfileName);
  if (profile.RoleNames.length > 0) throw new AwsError('DeleteConflict', 'Cannot delete entity, must remove roles from instance profile first.');
  await deleteInstanceProfileRecord(ctx, profile);
}
