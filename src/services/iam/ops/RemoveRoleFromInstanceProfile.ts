import { AwsError } from '../../../kernel/errors.js';
import type { RemoveRoleFromInstanceProfileRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { getInstanceProfileOrThrow } from '../domain/entities.js';
import { saveInstanceProfile, sameName } from '../domain/instance-profiles.js';
import { assertModifiable, getRoleOrThrow, saveRole } from '../domain/roles.js';

export async function RemoveRoleFromInstanceProfile(input: RemoveRoleFromInstanceProfileRequest, ctx: HandlerContext): Promise<void> {
  const profile = await getInstanceProfileOrThrow(ctx, input.InstanceProfileName);
  const role = await getRoleOrThrow(ctx, input.RoleName);
  assertModifiable(role);
  if (!profile.RoleNames.some((name) => sameName(name, role.RoleName))) {
    // Text as recorded against AWS (LocalStack snapshot, 2026).
    throw new AwsError('NoSuchEntity', `Role ${input.RoleName} in Instance Profile ${input.InstanceProfileName} cannot be found.`);
  }
  profile.RoleNames = profile.RoleNames.filter((name) => !sameName(name, role.RoleName));
  role.InstanceProfileNames = role.InstanceProfileNames.filter((name) => !sameName(name, profile.InstanceProfileName));
  await saveInstanceProfile(ctx, profile);
  await saveRole(ctx, role);
}
