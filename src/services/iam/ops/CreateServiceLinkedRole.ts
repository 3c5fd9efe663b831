import { AwsError } from '../../../kernel/errors.js';
import type { CreateServiceLinkedRoleRequest, CreateServiceLinkedRoleResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { indexAttachment, resolvePolicy } from '../domain/attachments.js';
import { ROLES, SERVICE_ROLE_PATH, roleKey, toRole, type RoleRecord } from '../domain/roles.js';
import { iamArn, iamScope } from '../domain/scope.js';
import { serviceLinkedRoleSpec, serviceTrustPolicy } from '../domain/slr-catalogue.js';

/** Creates the role a service uses on the caller's behalf, exactly as that service would. */
export async function CreateServiceLinkedRole(input: CreateServiceLinkedRoleRequest, ctx: HandlerContext): Promise<CreateServiceLinkedRoleResponse> {
  return { Role: await createServiceLinkedRole(ctx, input.AWSServiceName, input) };
}

export async function createServiceLinkedRole(
  ctx: HandlerContext, servicePrincipal: string, options: { Description?: string; CustomSuffix?: string } = {},
): Promise<NonNullable<CreateServiceLinkedRoleResponse['Role']>> {
  const spec = serviceLinkedRoleSpec(servicePrincipal);
  if (!spec) {
    // AWS's exact answer for a principal without a service-linked role is not documented.
    throw new AwsError('InvalidInput', `The service principal ${servicePrincipal} does not support service-linked roles, or is not a valid service principal.`);
  }
  if (options.CustomSuffix !== undefined && !spec.customSuffixAllowed) {
    throw new AwsError('InvalidInput', `Custom suffix is not allowed for ${servicePrincipal}`);
  }
  const roleName = options.CustomSuffix === undefined ? spec.roleName : `${spec.roleName}_${options.CustomSuffix}`;
  const path = `${SERVICE_ROLE_PATH}${servicePrincipal}/`;
  const policyArns: string[] = [];
  for (const arn of spec.policyArns) policyArns.push((await resolvePolicy(ctx, arn.replace(/^arn:aws:/, `arn:${ctx.scope.partition}:`))).record.Arn);
  // Written once, with its policies: the role is new, so attaching them needs none of attachPolicy's checks.
  const role: RoleRecord = {
    RoleName: roleName,
    RoleId: ctx.ids.uniqueId('AROA'),
    Path: path,
    Arn: iamArn(ctx.scope, `role${path}${roleName}`),
    CreateDate: ctx.clock.now().toISOString(),
    AssumeRolePolicyDocument: serviceTrustPolicy(servicePrincipal),
    Description: options.Description ?? spec.description,
    MaxSessionDuration: 3600,
    Tags: [],
    InlinePolicies: {},
    AttachedPolicyArns: policyArns,
    InstanceProfileNames: [],
  };
  if (!(await ctx.tx.insert(ROLES, iamScope(ctx.scope), roleKey(roleName), role))) {
    throw new AwsError('InvalidInput', `Service role name ${roleName} has been taken in this account, please try a different suffix.`);
  }
  for (const policyArn of policyArns) await indexAttachment(ctx, policyArn, 'Role', roleName);
  const created = toRole(role);
  delete created.RoleLastUsed;
  return created;
}
