import { AwsError } from '../../../kernel/errors.js';
import type { AddRoleToInstanceProfileRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { getInstanceProfileOrThrow } from '../domain/entities.js';
import { MAX_ROLES_PER_INSTANCE_PROFILE, saveInstanceProfile, sameName } from '../domain/instance-profiles.js';
import { assertModifiable, getRoleOrThrow, saveRole } from '../domain/roles.js';

/** Puts a role into an instance profile (which holds at most one), and records it on both. */
export async function AddRoleToInstanceProfile(input: AddRoleToInstanceProfileRequest, ctx: HandlerContext): Promise<void> {
  // AWS looks up the profile first: a missing profile is reported even when the role is missing too.
  const profile = await getInstanceProfileOrThrow(ctx, input.InstanceProfileName);
  const role = await getRoleOrThrow(ctx, input.RoleName);
  // "The caller of this operation must be granted the PassRole permission on the IAM role"
  // (IAM API reference). The role goes to EC2 instances; the ARN form of the instance is the one
  // the API reference prescribes for iam:AssociatedResourceArn here.
  await ctx.authorize('iam:PassRole', role.Arn, {
    'iam:PassedToService': 'ec2.amazonaws.com',
    'iam:AssociatedResourceArn': `arn:${ctx.scope.partition}:ec2:*:${ctx.scope.account}:instance/*`,
  });
  assertModifiable(role);
  // A second role, and the same role again, both exceed the quota of one.
  if (profile.RoleNames.length >= MAX_ROLES_PER_INSTANCE_PROFILE) {
    throw new AwsError('LimitExceeded', `Cannot exceed quota for InstanceSessionsPerInstanceProfile: ${MAX_ROLES_PER_INSTANCE_PROFILE}`);
  }
  profile.RoleNames = [...profile.RoleNames, role.RoleName];
  if (!role.InstanceProfileNames.some((name) => sameName(name, profile.InstanceProfileName))) {
    role.InstanceProfileNames = [...role.InstanceProfileNames, profile.InstanceProfileName];
  }
  await saveInstanceProfile(ctx, profile);
  await saveRole(ctx, role);
}
