import type { PutRolePolicyRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { assertModifiable, getRoleOrThrow, saveRole } from '../domain/roles.js';
import { putInlinePolicy } from '../domain/inline-policies.js';

/** Adds or replaces an inline policy of a role (aggregate quota: 10,240 non-whitespace characters). Service-linked roles are protected. */
export async function PutRolePolicy(input: PutRolePolicyRequest, ctx: HandlerContext): Promise<void> {
  const role = await getRoleOrThrow(ctx, input.RoleName);
  assertModifiable(role);
  putInlinePolicy('role', role.RoleName, role.InlinePolicies, input.PolicyName, input.PolicyDocument);
  await saveRole(ctx, role);
}
