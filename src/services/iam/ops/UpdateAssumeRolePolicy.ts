import type { UpdateAssumeRolePolicyRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { assertModifiable, checkTrustPolicy, getRoleOrThrow, saveRole } from '../domain/roles.js';

/** Replaces a role's trust policy. A service-linked role's trust policy belongs to its service. */
export async function UpdateAssumeRolePolicy(input: UpdateAssumeRolePolicyRequest, ctx: HandlerContext): Promise<void> {
  const role = await getRoleOrThrow(ctx, input.RoleName);
  assertModifiable(role);
  checkTrustPolicy(input.PolicyDocument);
  role.AssumeRolePolicyDocument = input.PolicyDocument;
  await saveRole(ctx, role);
}
